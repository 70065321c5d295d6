// Placeholder until the composer lands.
export function MassMessageView() {
  return <div className="admin" data-testid="mass-message" />;
}
