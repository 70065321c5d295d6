import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function approvalHandlers(s: Services): Pick<HandlerTable, 'approvals.request' | 'approvals.list' | 'approvals.decide'> {
  return {
    'approvals.request': async (args) => ({ approval: s.workspace().requestApproval(args) }),
    'approvals.list': ({ scope, status }) => s.workspace().listApprovals(scope, status),
    'approvals.decide': ({ ids, ...decision }) => s.workspace().decideApprovals(ids, decision),
  };
}
