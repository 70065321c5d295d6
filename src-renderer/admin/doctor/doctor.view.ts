import { t } from '../../i18n/zh-CN';
import { ADMINS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'doctor',
  label: t.doctor.title,
  place: 'admin',
  order: 80,
  roles: ADMINS,
  yieldsToCustomer: true,
  load: () => import('./DoctorView').then((m) => m.DoctorView),
};
