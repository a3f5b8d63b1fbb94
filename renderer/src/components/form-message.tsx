/**
 * The outcome of a form's button, under it: green and polite when it worked, red and assertive when not.
 */

export interface FormOutcome {
  readonly ok: boolean;
  readonly text: string;
}

interface FormMessageProps {
  readonly message: FormOutcome | null;
  readonly testId?: string;
  /** `span` when it sits in a row beside the button rather than under the form. */
  readonly inline?: boolean;
}

export function FormMessage({ message, testId, inline = false }: FormMessageProps) {
  if (message === null) return null;
  const Element = inline ? 'span' : 'p';
  return (
    <Element
      className={message.ok ? 'form-message ok' : 'form-message bad'}
      role={message.ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message.text}
    </Element>
  );
}
