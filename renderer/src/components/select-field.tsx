/**
 * A labelled <select> over a fixed list of choices.
 *
 * The chosen value is looked up in `options` rather than parsed from the DOM string, so numeric
 * and union-typed values come back with their own type (no casts at the call sites).
 */
import type { ReactNode } from 'react';

export interface SelectOption<T extends string | number> {
  readonly value: T;
  readonly label: string;
}

interface SelectFieldProps<T extends string | number> {
  readonly label: ReactNode;
  readonly value: T;
  readonly options: readonly SelectOption<T>[];
  readonly onChange: (value: T) => void;
  readonly testId: string;
  /** Label beside the control (toolbars, the detail panel) instead of above it (forms). */
  readonly inline?: boolean;
  readonly disabled?: boolean;
}

export function SelectField<T extends string | number>(props: SelectFieldProps<T>) {
  const { label, value, options, onChange, testId, inline = false, disabled = false } = props;
  return (
    <label className={inline ? 'field-inline' : 'field'}>
      <span>{label}</span>
      <select
        value={String(value)}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => {
          const chosen = options.find((option) => String(option.value) === event.target.value);
          if (chosen !== undefined) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Choices whose label is the value itself (server types, statuses). */
export function plainOptions<T extends string | number>(values: readonly T[]): readonly SelectOption<T>[] {
  return values.map((value) => ({ value, label: String(value) }));
}
