import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'export',
  label: t.exportData.viewLabel,
  place: 'admin',
  order: 28,
  roles: LEADS,
  yieldsToCustomer: true,
  load: () => import('./ExportView').then((m) => m.ExportView),
};
