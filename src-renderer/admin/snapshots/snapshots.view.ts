import { t } from '../../i18n/zh-CN';
import { ADMINS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'snapshots',
  label: t.snapshots.viewLabel,
  place: 'admin',
  order: 40,
  roles: ADMINS,
  yieldsToCustomer: true,
  load: () => import('./SnapshotsView').then((m) => m.SnapshotsView),
};
