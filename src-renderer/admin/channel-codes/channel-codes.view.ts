import { t } from '../../i18n/zh-CN';
import { ADMINS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'channel-codes',
  label: t.channelCodes.title,
  place: 'admin',
  order: 70,
  roles: ADMINS,
  yieldsToCustomer: true,
  load: () => import('./ChannelCodesView').then((m) => m.ChannelCodesView),
};
