import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function personalHandlers(s: Services): Pick<HandlerTable, 'personal.list' | 'personal.create' | 'personal.assign' | 'personal.unassign' | 'personal.rename' | 'personal.delete' | 'personal.restore' | 'personal.export'> {
  return {
    'personal.list': async ({ includeDeleted }) => ({ tags: s.workspace().personalList(includeDeleted) }),
    'personal.create': async ({ name, externalUserid }) => ({ tag: s.workspace().personalCreate(name, externalUserid) }),
    'personal.assign': async ({ externalUserid, tagId }) => ({ changed: s.workspace().personalAssign(externalUserid, tagId, true) }),
    'personal.unassign': async ({ externalUserid, tagId }) => ({ changed: s.workspace().personalAssign(externalUserid, tagId, false) }),
    'personal.rename': async ({ tagId, name }) => ({ tag: s.workspace().personalRename(tagId, name) }),
    'personal.delete': async ({ tagId }) => ({ deleted: s.workspace().personalDelete(tagId, false) }),
    'personal.restore': async ({ tagId }) => ({ restored: s.workspace().personalDelete(tagId, true) }),
    'personal.export': async () => s.workspace().personalExport(),
  };
}
