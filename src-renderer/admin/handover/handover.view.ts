import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'handover',
  label: t.handover.viewLabel,
  place: 'admin',
  order: 60,
  roles: LEADS,
  yieldsToCustomer: true,
  load: () => import('./HandoverView').then((m) => m.HandoverView),
};
