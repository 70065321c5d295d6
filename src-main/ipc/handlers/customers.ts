import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function customerHandlers(s: Services): Pick<HandlerTable, 'customers.search' | 'customers.panel' | 'customers.refresh' | 'customers.history' | 'catalog.groups' | 'tags.suggest'> {
  return {
    'customers.search': async ({ query, limit }) => s.workspace().search(query, limit),
    'customers.panel': async ({ externalUserid }) => s.workspace().panel(externalUserid),
    'customers.refresh': ({ externalUserid }) => s.workspace().refreshCustomer(externalUserid),
    'customers.history': async ({ externalUserid, limit }) => ({ entries: await s.workspace().history(externalUserid, limit) }),
    'catalog.groups': async () => ({ groups: s.workspace().catalogGroups() }),
    'tags.suggest': async ({ externalUserid, column, query, limit }) => ({ suggestions: s.workspace().suggest(externalUserid, column, query, limit) }),
  };
}
