// The suspicious-edit patterns over the stream of tag changes, as sliding windows held in
// memory: many relations changed by one actor, many removals of one tag, edits outside
// working hours. Pure apart from its own state; the guard service persists what it reports.
// A restart forgets the windows (they are minutes long); alerts already raised are stored.
import type { Guardrails } from '../../../src-shared/policy/index';
import type { AlertKind, GuardChange } from './guard-store';

export interface Detection {
  kind: Exclude<AlertKind, 'blocked_attempts'>;
  /** What the window is about: the actor, or the tag id for removals. */
  key: string;
  windowMinutes: number;
  changes: GuardChange[];
}

const MINUTE = 60_000;

/** Wall-clock ISO weekday (1 = Monday) and HH:MM of `at` in `timeZone`. */
export function localClock(at: Date, timeZone: string): { isoDay: number; hhmm: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const isoDay = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { isoDay, hhmm: `${get('hour')}:${get('minute')}` };
}

export function isOutsideWorkingHours(at: Date, w: Guardrails['workingHours']): boolean {
  const { isoDay, hhmm } = localClock(at, w.timeZone);
  if (!w.days.includes(isoDay)) return true;
  return hhmm < w.start || hhmm >= w.end;
}

interface Window {
  list: GuardChange[];
  /** Changes per relation inside the window, kept as the window moves (no rescans). */
  relations: Map<string, number>;
}

const relationOf = (c: GuardChange): string => `${c.member}\u0001${c.customer}`;

export function createDetectors() {
  const byActor = new Map<string, Window>();
  const removalsByTag = new Map<string, Window>();
  const offHoursByActor = new Map<string, Window>();

  /** Adds `c` and drops what fell out of the window; O(1) amortised per change. */
  const push = (map: Map<string, Window>, key: string, c: GuardChange, windowMinutes: number): Window => {
    let w = map.get(key);
    if (!w) map.set(key, (w = { list: [], relations: new Map() }));
    w.list.push(c);
    w.relations.set(relationOf(c), (w.relations.get(relationOf(c)) ?? 0) + 1);
    const from = Date.parse(c.at) - windowMinutes * MINUTE;
    let i = 0;
    while (i < w.list.length && Date.parse(w.list[i]!.at) < from) {
      const k = relationOf(w.list[i]!);
      const n = w.relations.get(k)! - 1;
      if (n === 0) w.relations.delete(k);
      else w.relations.set(k, n);
      i++;
    }
    if (i > 0) w.list.splice(0, i);
    return w;
  };

  return {
    /**
     * Feeds one change; returns every pattern whose threshold it reaches or keeps above, with the
     * window's changes (the live list: copy it before keeping it).
     */
    observe(c: GuardChange, rails: Guardrails): Detection[] {
      const out: Detection[] = [];
      if (rails.massChange.enabled) {
        const w = push(byActor, c.actor, c, rails.massChange.windowMinutes);
        if (w.relations.size >= rails.massChange.minRelations) out.push({ kind: 'mass_change', key: c.actor, windowMinutes: rails.massChange.windowMinutes, changes: w.list });
      }
      if (rails.tagRemoval.enabled && c.action === 'tag.remove') {
        const w = push(removalsByTag, c.tagId, c, rails.tagRemoval.windowMinutes);
        if (w.list.length >= rails.tagRemoval.minRemovals) out.push({ kind: 'tag_removal', key: c.tagId, windowMinutes: rails.tagRemoval.windowMinutes, changes: w.list });
      }
      if (rails.workingHours.enabled && isOutsideWorkingHours(new Date(c.at), rails.workingHours)) {
        const w = push(offHoursByActor, c.actor, c, 60);
        if (w.list.length >= rails.workingHours.minEdits) out.push({ kind: 'off_hours', key: c.actor, windowMinutes: 60, changes: w.list });
      }
      return out;
    },
  };
}
