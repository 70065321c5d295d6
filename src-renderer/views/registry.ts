// Every screen the panel can show, found from the `*.view.ts` modules beside the screens.
import type { Role, ViewDef } from './types';

const modules = import.meta.glob<ViewDef>('../**/*.view.ts', { eager: true, import: 'view' });

export const VIEWS: readonly ViewDef[] = Object.values(modules).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

const ids = new Set<string>();
for (const v of VIEWS) {
  if (ids.has(v.id) || v.id === 'customer' || v.id === 'admin') throw new Error(`view id "${v.id}" is taken`);
  ids.add(v.id);
}

export function viewById(id: string): ViewDef | undefined {
  return VIEWS.find((v) => v.id === id);
}

/** The views a role may open, in order: top-row tabs and the sections under 管理. */
export function viewsFor(role: Role | null): { main: ViewDef[]; admin: ViewDef[] } {
  const mine = role ? VIEWS.filter((v) => v.roles.includes(role)) : [];
  return { main: mine.filter((v) => v.place === 'main'), admin: mine.filter((v) => v.place === 'admin') };
}
