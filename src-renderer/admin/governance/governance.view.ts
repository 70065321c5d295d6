import { t } from '../../i18n/zh-CN';
import { ADMINS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'governance',
  label: t.governance.viewLabel,
  place: 'admin',
  order: 25,
  roles: ADMINS,
  yieldsToCustomer: true,
  load: () => import('./GovernanceView').then((m) => m.GovernanceView),
};
