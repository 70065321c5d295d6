import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'dashboard',
  label: t.dashboard.view,
  place: 'admin',
  order: 5,
  roles: LEADS,
  yieldsToCustomer: true,
  // recharts lives only in this chunk: the panel's cold start never loads it.
  load: () => import('./DashboardView').then((m) => m.DashboardView),
};
