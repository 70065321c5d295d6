import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'automation',
  label: t.automation.viewLabel,
  place: 'admin',
  order: 50,
  roles: LEADS,
  yieldsToCustomer: true,
  load: () => import('./AutomationView').then((m) => m.AutomationView),
};
