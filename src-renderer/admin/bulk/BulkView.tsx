// Placeholder until bulk tagging lands.
export function BulkView() {
  return <div className="admin" data-testid="bulk" />;
}
