import { t } from '../../i18n/zh-CN';
import { LEADS, type ViewDef } from '../../views/types';

export const view: ViewDef = {
  id: 'catalog',
  label: t.catalogAdmin.viewLabel,
  place: 'admin',
  order: 20,
  // Supervisors read it (and manage what the permission engine lets them); admins run it.
  roles: LEADS,
  yieldsToCustomer: true,
  load: () => import('./CatalogView').then((m) => m.CatalogView),
};
