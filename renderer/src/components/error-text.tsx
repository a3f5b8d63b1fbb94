/**
 * An error sentence under a form or dialog, announced at once (role="alert"); nothing when null.
 */
export function ErrorText({ message, testId }: { readonly message: string | null; readonly testId?: string }) {
  if (message === null) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
