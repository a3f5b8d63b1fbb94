/**
 * Search box and filters above the table.
 */
import type { RefObject } from 'react';
import { EMPTY_FILTER, isFilterEmpty, type ServiceFilter } from '../lib/service-filter.ts';

interface FilterBarProps {
  readonly filter: ServiceFilter;
  readonly statuses: readonly string[];
  readonly dueSoonWindowDays: number;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly onFilterChange: (filter: ServiceFilter) => void;
}

export function FilterBar({ filter, statuses, dueSoonWindowDays, searchRef, onFilterChange }: FilterBarProps) {
  const dueChoices = [...new Set([7, 30, 90, dueSoonWindowDays])].sort((a, b) => a - b);
  return (
    <div className="filter-bar">
      <input
        ref={searchRef}
        type="search"
        className="search-input"
        placeholder="Search host, ID or type"
        aria-label="Search services by host, certificate ID or SSL type"
        value={filter.text}
        data-testid="search"
        onChange={(event) => onFilterChange({ ...filter, text: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && filter.text !== '') {
            event.preventDefault();
            onFilterChange({ ...filter, text: '' });
          }
        }}
      />
      <label className="field-inline">
        <span>Status</span>
        <select
          value={filter.status ?? ''}
          data-testid="filter-status"
          onChange={(event) =>
            onFilterChange({ ...filter, status: event.target.value === '' ? null : event.target.value })
          }
        >
          <option value="">All</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>Due</span>
        <select
          value={filter.dueWithin === null ? '' : String(filter.dueWithin)}
          data-testid="filter-due"
          onChange={(event) =>
            onFilterChange({ ...filter, dueWithin: event.target.value === '' ? null : Number(event.target.value) })
          }
        >
          <option value="">Any time</option>
          {dueChoices.map((days) => (
            <option key={days} value={days}>
              within {days} days
            </option>
          ))}
        </select>
      </label>
      <label className="check-inline">
        <input
          type="checkbox"
          checked={filter.needsActivation}
          data-testid="filter-needs-activation"
          onChange={(event) => onFilterChange({ ...filter, needsActivation: event.target.checked })}
        />
        Needs activation
      </label>
      <label className="check-inline">
        <input
          type="checkbox"
          checked={filter.reissuePending}
          data-testid="filter-reissue-pending"
          onChange={(event) => onFilterChange({ ...filter, reissuePending: event.target.checked })}
        />
        Reissue pending
      </label>
      {/* Always present (disabled when there is nothing to clear) so the bar never reflows. */}
      <button
        type="button"
        className="button small"
        disabled={isFilterEmpty(filter)}
        onClick={() => onFilterChange(EMPTY_FILTER)}
        data-testid="clear-filters"
      >
        Clear filters
      </button>
    </div>
  );
}
