// A refusal or failure said where it happened, in Chinese, announced to screen readers; renders
// nothing when there is nothing to say.
export function InlineError({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p className="inline-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
