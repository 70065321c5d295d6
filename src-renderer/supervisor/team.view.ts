import { t } from '../i18n/zh-CN';
import { LEADS, type ViewDef } from '../views/types';

export const view: ViewDef = {
  id: 'team',
  label: t.viewTeam,
  place: 'main',
  order: 20,
  roles: LEADS,
  yieldsToCustomer: false,
  load: () => import('./TeamHistory').then((m) => m.TeamHistory),
};
