// What a view module declares about itself. Each screen has a `<name>.view.ts` next to its
// components; the registry finds them all, so adding a screen never edits a shared list.
import type { ComponentType } from 'react';

export type Role = 'sales' | 'service' | 'supervisor' | 'admin';

export const EVERYONE: readonly Role[] = ['sales', 'service', 'supervisor', 'admin'];
export const LEADS: readonly Role[] = ['supervisor', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

export interface ViewDef {
  /** Stable id: the tab's `data-testid` is `view-<id>`. */
  id: string;
  label: string;
  /** `main` views are tabs in the top row; `admin` views are sections under 管理. */
  place: 'main' | 'admin';
  /** Position within its row (smaller first). */
  order: number;
  roles: readonly Role[];
  /** Opening a customer (search, the WeCom chat, a deep link) while here switches to the customer. */
  yieldsToCustomer: boolean;
  /** The screen, loaded on first use so the panel starts without it. */
  load: () => Promise<ComponentType>;
}
