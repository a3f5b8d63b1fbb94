/**
 * Form fields: the label above the control, and an optional hint under it.
 *
 * The whole field is one <label>, so clicking the words focuses the control and screen readers
 * read them as its name.
 */
import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldFrame {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly hintTestId?: string;
  /** Spans both columns of a `.form-grid`. */
  readonly wide?: boolean;
}

interface FieldProps extends FieldFrame {
  readonly children: ReactNode;
  readonly htmlFor?: string;
}

export function Field({ label, children, hint, hintTestId, wide = false, htmlFor }: FieldProps) {
  return (
    <label className={wide ? 'field span-2' : 'field'} htmlFor={htmlFor}>
      <span>{label}</span>
      {children}
      {hint !== undefined && (
        <span className="hint" data-testid={hintTestId}>
          {hint}
        </span>
      )}
    </label>
  );
}

type InputFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'children'> & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly testId: string;
  };

/** A text-like <input> (text, url, password, number, time) in a Field; `onChange` gets the text. */
export function InputField({ label, hint, hintTestId, wide, value, onChange, testId, ...input }: InputFieldProps) {
  return (
    <Field label={label} hint={hint} hintTestId={hintTestId} wide={wide} htmlFor={input.id}>
      <input {...input} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} />
    </Field>
  );
}
