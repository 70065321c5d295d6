import { t } from '../../i18n/zh-CN';
import { EVERYONE, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'mute',
  label: t.viewMute,
  place: 'main',
  order: 30,
  roles: EVERYONE,
  yieldsToCustomer: true,
  load: () => import('./MuteRulesView').then((m) => m.MuteRulesView),
};
