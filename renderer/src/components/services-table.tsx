/**
 * The services table: sortable, virtualized, driven by mouse or keyboard.
 *
 * Only the rows in view are in the DOM (@tanstack/react-virtual), so 10,000 services scroll and
 * filter smoothly. The table is one focusable grid: arrow keys, Page Up/Down, Home/End move the
 * selection; column headers are buttons (Enter/Space sorts).
 */
import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Service } from '../../../preload/api.ts';
import { formatDate } from '../lib/format-date.ts';
import { urgencyOf } from '../lib/service-filter.ts';
import { StatusPill, ReissuePill } from './pills.tsx';

const ROW_HEIGHT = 36;
/** The id of the focusable grid, for moving focus back to it (e.g. when the detail panel closes). */
export const SERVICES_GRID_ID = 'services-grid';
const HEADER_HEIGHT = 38;

/** Columns, in order; the rows arrive already sorted (lib/service-sort.ts), so sorting is manual. */
const COLUMNS: readonly ColumnDef<Service>[] = [
  { id: 'hostName', header: 'Host', accessorFn: (s) => s.hostName },
  { id: 'sslType', header: 'SSL type', accessorFn: (s) => s.sslType },
  { id: 'status', header: 'Status', accessorFn: (s) => s.status },
  { id: 'expireDate', header: 'Expires', accessorFn: (s) => s.expireDate },
  { id: 'dueDate', header: 'Due date', accessorFn: (s) => s.dueDate },
  { id: 'daysLeft', header: 'Days left', accessorFn: (s) => s.daysLeft },
  { id: 'reissueState', header: 'Reissue', accessorFn: (s) => s.reissueState },
  { id: 'certificateId', header: 'Certificate ID', accessorFn: (s) => s.certificateId },
];

interface ServicesTableProps {
  /** Already filtered and sorted by `sorting`. */
  readonly services: readonly Service[];
  readonly sorting: SortingState;
  readonly onSortingChange: OnChangeFn<SortingState>;
  readonly loading: boolean;
  readonly today: string;
  readonly dueSoonWindowDays: number;
  readonly selectedId: number | null;
  readonly onSelect: (certificateId: number) => void;
  readonly emptyMessage: string;
  /** Offered under the empty message (e.g. clearing the search and filters that hide everything). */
  readonly emptyAction?: ReactNode;
  /** The search text the rows were filtered with (exposed for the UI benchmark and tests). */
  readonly query: string;
}

export function ServicesTable(props: ServicesTableProps) {
  const { services, today, dueSoonWindowDays, selectedId, onSelect } = props;
  const { sorting, onSortingChange } = props;
  // The table only models the columns and the sort state; see `rows` below.
  const data = useMemo<Service[]>(() => [], []);
  // No React Compiler here; TanStack's non-memoizable API is fine with plain React.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns: COLUMNS as ColumnDef<Service>[],
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.certificateId),
    // Ascending first for every column (TanStack would start numbers descending).
    sortDescFirst: false,
  });
  // Rows come straight from the (filtered, sorted) services: TanStack's row model would build an
  // object per service on every keystroke, and only the visible rows are ever rendered.
  const rows = services;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });

  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : rows.findIndex((service) => service.certificateId === selectedId)),
    [rows, selectedId],
  );

  // Keep the selected row in view when the keyboard moves it.
  const pendingScroll = useRef(false);
  useEffect(() => {
    if (pendingScroll.current && selectedIndex >= 0) {
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
      pendingScroll.current = false;
    }
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = selectedIndex < 0 ? 0 : Math.min(rows.length - 1, selectedIndex + 1);
        break;
      case 'ArrowUp':
        next = selectedIndex < 0 ? 0 : Math.max(0, selectedIndex - 1);
        break;
      case 'PageDown':
        next = Math.min(rows.length - 1, Math.max(0, selectedIndex) + page);
        break;
      case 'PageUp':
        next = Math.max(0, selectedIndex - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter': {
        // Enter moves into the detail panel of the selected service.
        const heading = document.getElementById('detail-heading');
        if (heading !== null) {
          event.preventDefault();
          heading.focus();
        }
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    const service = rows[next];
    if (service !== undefined) {
      pendingScroll.current = true;
      onSelect(service.certificateId);
    }
  };

  const headerGroup = table.getHeaderGroups()[0];
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      id={SERVICES_GRID_ID}
      className="table-scroll"
      role="grid"
      aria-label="Services"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedId !== null && selectedIndex >= 0 ? `service-row-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="services-table"
      data-query={props.query}
    >
      <div className="table-row table-head" role="row" aria-rowindex={1}>
        {headerGroup?.headers.map((header) => {
          const sorted = header.column.getIsSorted();
          return (
            <div
              key={header.id}
              role="columnheader"
              className={`cell col-${header.id}`}
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            >
              <button
                type="button"
                className="sort-button"
                data-testid={`sort-${header.id}`}
                onClick={header.column.getToggleSortingHandler()}
              >
                {String(header.column.columnDef.header)}
                <span className="sort-arrow" aria-hidden="true">
                  {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      {rows.length === 0 ? (
        <div className="table-empty" role="row">
          <div role="gridcell" className="table-empty-cell" data-testid="table-empty">
            {props.loading ? 'Loading services…' : props.emptyMessage}
            {!props.loading && props.emptyAction}
          </div>
        </div>
      ) : (
        <div className="table-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const service = rows[item.index];
            if (service === undefined) return null;
            return (
              <ServiceRow
                key={service.certificateId}
                service={service}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                selected={service.certificateId === selectedId}
                urgency={urgencyOf(service, today, dueSoonWindowDays)}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

interface ServiceRowProps {
  readonly service: Service;
  readonly index: number;
  readonly top: number;
  readonly selected: boolean;
  readonly urgency: ReturnType<typeof urgencyOf>;
  readonly onSelect: (certificateId: number) => void;
}

const ServiceRow = memo(function ServiceRow({ service, index, top, selected, urgency, onSelect }: ServiceRowProps) {
  const classes = ['table-row', 'body-row', `urgency-${urgency}`];
  if (selected) classes.push('selected');
  if (index % 2 === 1) classes.push('odd');
  return (
    <div
      id={`service-row-${service.certificateId}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      data-certificate-id={service.certificateId}
      data-testid="service-row"
      onClick={() => onSelect(service.certificateId)}
    >
      <div role="gridcell" className="cell col-hostName" title={service.hostName}>
        {service.hostName === '' ? <span className="muted">not issued yet</span> : service.hostName}
      </div>
      <div role="gridcell" className="cell col-sslType" title={service.sslType}>
        {service.sslType}
      </div>
      <div role="gridcell" className="cell col-status">
        <StatusPill status={service.status} />
      </div>
      <div role="gridcell" className="cell col-expireDate">
        {formatDate(service.expireDate)}
      </div>
      <div role="gridcell" className="cell col-dueDate">
        {formatDate(service.dueDate)}
      </div>
      <div role="gridcell" className={`cell col-daysLeft days-${urgency}`}>
        {service.daysLeft === null ? '—' : service.daysLeft.toLocaleString()}
        {urgency === 'expired' && <span className="sr-only"> (expired)</span>}
        {urgency === 'due-soon' && <span className="sr-only"> (due soon)</span>}
      </div>
      <div role="gridcell" className="cell col-reissueState">
        <ReissuePill state={service.reissueState} />
      </div>
      <div role="gridcell" className="cell col-certificateId mono">
        {service.certificateId}
      </div>
    </div>
  );
});
