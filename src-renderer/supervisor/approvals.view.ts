import { t } from '../i18n/zh-CN';
import { LEADS, type ViewDef } from '../views/types';

export const view: ViewDef = {
  id: 'approvals',
  label: t.viewApprovals,
  place: 'main',
  order: 10,
  roles: LEADS,
  yieldsToCustomer: false,
  load: () => import('./ApprovalQueue').then((m) => m.ApprovalQueue),
};
