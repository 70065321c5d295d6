import { t } from '../../i18n/zh-CN';
import { EVERYONE, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'messages',
  label: t.viewMessages,
  place: 'main',
  order: 40,
  roles: EVERYONE,
  yieldsToCustomer: true,
  load: () => import('./MassMessageView').then((m) => m.MassMessageView),
};
