import { t } from '../../i18n/zh-CN';
import type { ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'share',
  label: t.dashboard.shareView,
  place: 'main',
  order: 80,
  // Supervisors and admins find the same section under 管理 → 看板 (我的共享), sparing a top-row tab.
  roles: ['sales', 'service'],
  yieldsToCustomer: true,
  load: () => import('./DescriptorSharingView').then((m) => m.DescriptorSharingView),
};
