// Team-server events the admin screens follow: batch progress (counts, ETA, finished) and
// alerts for security contacts, passed on to the renderer as app events.
import type { EventBus } from '../app/event-bus';
import type { Session } from '../session/session';

export function forwardAdminEvents(session: Session, bus: EventBus): () => void {
  return session.onTeamEvent(({ event: e }) => {
    if (e.kind === 'batch.progress') bus.emit({ type: 'batch.progress', batchId: e.batchId, status: e.status, total: e.total, done: e.done, failed: e.failed, etaSeconds: e.etaSeconds });
    else if (e.kind === 'admin.alert') bus.emit({ type: 'admin.alert', code: e.code, message: e.message });
    else if (e.kind === 'guard.alert') bus.emit({ type: 'guard.alert', alertId: e.alertId, alertKind: e.alertKind, actor: e.actor, status: e.status, summary: e.summary });
  });
}
