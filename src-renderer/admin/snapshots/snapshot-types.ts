// The time machine's shapes as the screen uses them, from the team API's schemas.
import type { z } from 'zod';
import type { snapshotSchema, tagsAsOfSchema } from '../../../src-shared/team-api/admin';
import type { t } from '../../i18n/zh-CN';

export type Snapshot = z.infer<typeof snapshotSchema>;
export type TagsAsOf = z.infer<typeof tagsAsOfSchema>;

/** Why a snapshot was taken, from its reason as the server writes it. */
export function snapshotKind(s: Snapshot): keyof typeof t.snapshots.kind {
  if (s.takenBy === 'system') return 'scheduled';
  if (s.reason.startsWith('删除标签前')) return 'delete';
  if (s.reason.startsWith('时光机恢复前')) return 'restore';
  return 'manual';
}

/** A moment written out in full (the restore preview names the exact snapshot). */
export function formatMoment(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
