import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function syncHandlers(s: Services): Pick<HandlerTable, 'sync.status' | 'sync.now' | 'conflicts.list' | 'conflicts.resolve' | 'team.history'> {
  return {
    'sync.status': async () => s.workspace().status(),
    'sync.now': () => s.workspace().syncNow(),
    'conflicts.list': async () => ({ conflicts: s.workspace().conflicts() }),
    'conflicts.resolve': async ({ id, choice }) => ({ resolved: await s.workspace().resolveConflict(id, choice) }),
    'team.history': async (q) => ({ entries: await s.workspace().teamHistory(q) }),
  };
}
