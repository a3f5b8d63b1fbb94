/**
 * Counts at a glance; each count is a toggle that filters the table to exactly those services.
 */
import type { ServiceFilter, SummaryCounts } from '../lib/service-filter.ts';
import { EMPTY_FILTER } from '../lib/service-filter.ts';

interface SummaryBarProps {
  readonly counts: SummaryCounts;
  readonly filter: ServiceFilter;
  readonly dueSoonWindowDays: number;
  /** Services the table shows after search and filters. */
  readonly shown: number;
  readonly onFilterChange: (filter: ServiceFilter) => void;
}

interface Tile {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly tone: 'neutral' | 'ok' | 'warn' | 'danger' | 'accent';
  readonly filter: ServiceFilter;
}

function sameFilter(a: ServiceFilter, b: ServiceFilter): boolean {
  return (
    a.status === b.status &&
    a.dueWithin === b.dueWithin &&
    a.needsActivation === b.needsActivation &&
    a.reissuePending === b.reissuePending &&
    a.expired === b.expired
  );
}

export function SummaryBar({ counts, filter, dueSoonWindowDays, shown, onFilterChange }: SummaryBarProps) {
  const base: ServiceFilter = { ...EMPTY_FILTER, text: filter.text };
  const tiles: readonly Tile[] = [
    { id: 'active', label: 'Active', value: counts.active, tone: 'ok', filter: { ...base, status: 'active' } },
    {
      id: 'due-soon',
      label: `Due within ${dueSoonWindowDays} days`,
      value: counts.dueSoon,
      tone: 'warn',
      filter: { ...base, dueWithin: dueSoonWindowDays },
    },
    { id: 'expired', label: 'Expired', value: counts.expired, tone: 'danger', filter: { ...base, expired: true } },
    {
      id: 'awaiting-activation',
      label: 'Awaiting activation',
      value: counts.awaitingActivation,
      tone: 'accent',
      filter: { ...base, needsActivation: true },
    },
    {
      id: 'reissue-pending',
      label: 'Reissue pending',
      value: counts.reissuePending,
      tone: 'accent',
      filter: { ...base, reissuePending: true },
    },
  ];
  return (
    <div className="summary-bar" role="group" aria-label="Summary; each count filters the table">
      {tiles.map((tile) => {
        const active = sameFilter(filter, tile.filter);
        return (
          <button
            key={tile.id}
            type="button"
            className={`summary-tile tone-${tile.tone}${active ? ' selected' : ''}`}
            aria-pressed={active}
            data-testid={`summary-${tile.id}`}
            onClick={() => onFilterChange(active ? base : tile.filter)}
          >
            <span className="summary-value">{tile.value.toLocaleString()}</span>
            <span className="summary-label">{tile.label}</span>
          </button>
        );
      })}
      <span className="filter-count" data-testid="shown-count" aria-live="polite">
        {shown === counts.total
          ? `${counts.total.toLocaleString()} services`
          : `${shown.toLocaleString()} of ${counts.total.toLocaleString()}`}
      </span>
    </div>
  );
}
