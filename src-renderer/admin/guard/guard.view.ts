import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'guard',
  label: t.guard.title,
  place: 'admin',
  order: 60,
  roles: LEADS,
  yieldsToCustomer: true,
  load: () => import('./GuardView').then((m) => m.GuardView),
};
