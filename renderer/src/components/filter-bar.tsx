/**
 * Search box and filters above the table.
 */
import type { RefObject } from 'react';
import { EMPTY_FILTER, isFilterEmpty, type ServiceFilter } from '../lib/service-filter.ts';
import { plainOptions, SelectField } from './select-field.tsx';

/** The yes/no filters, each a checkbox. */
const TOGGLES: readonly {
  readonly key: 'needsActivation' | 'reissuePending';
  readonly label: string;
  readonly testId: string;
}[] = [
  { key: 'needsActivation', label: 'Needs activation', testId: 'filter-needs-activation' },
  { key: 'reissuePending', label: 'Reissue pending', testId: 'filter-reissue-pending' },
];

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
      <SelectField
        inline
        label="Status"
        value={filter.status ?? ''}
        options={[{ value: '', label: 'All' }, ...plainOptions(statuses)]}
        onChange={(status) => onFilterChange({ ...filter, status: status === '' ? null : status })}
        testId="filter-status"
      />
      <SelectField<number | ''>
        inline
        label="Due"
        value={filter.dueWithin ?? ''}
        options={[
          { value: '', label: 'Any time' },
          ...dueChoices.map((days) => ({ value: days, label: `within ${days} days` })),
        ]}
        onChange={(days) => onFilterChange({ ...filter, dueWithin: days === '' ? null : days })}
        testId="filter-due"
      />
      {TOGGLES.map((toggle) => (
        <label className="check-inline" key={toggle.key}>
          <input
            type="checkbox"
            checked={filter[toggle.key]}
            data-testid={toggle.testId}
            onChange={(event) => onFilterChange({ ...filter, [toggle.key]: event.target.checked })}
          />
          {toggle.label}
        </label>
      ))}
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
