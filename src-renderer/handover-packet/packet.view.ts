import { t } from '../i18n/zh-CN';
import { EVERYONE, type ViewDef } from '../views/types';

export const view: ViewDef = {
  id: 'packet',
  label: t.handover.packetView,
  place: 'main',
  order: 50,
  roles: EVERYONE,
  yieldsToCustomer: true,
  load: () => import('./PacketView').then((m) => m.PacketView),
};
