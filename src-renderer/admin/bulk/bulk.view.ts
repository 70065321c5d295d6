import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'bulk',
  label: t.viewBulk,
  place: 'admin',
  order: 10,
  roles: LEADS,
  yieldsToCustomer: true,
  load: () => import('./BulkView').then((m) => m.BulkView),
};
