// Automation notices (a rule's notifyMember action) reach the member: the team server pushes
// `automation.notice` to the relation's member; main passes it on as an app event, which the
// shell shows as a desktop notification (app/notifications.ts) and the panel as a toast.
import type { EventBus } from '../app/event-bus';
import type { Session } from '../session/session';

export function forwardAutomationNotices(session: Session, bus: EventBus): () => void {
  return session.onTeamEvent(({ event: e }) => {
    if (e.kind === 'automation.notice') bus.emit({ type: 'automation.notice', ruleId: e.ruleId, ruleName: e.ruleName, externalUserid: e.externalUserid, customerName: e.customerName, message: e.message });
  });
}
