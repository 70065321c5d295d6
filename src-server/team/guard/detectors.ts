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

export function createDetectors() {
  const byActor = new Map<string, GuardChange[]>();
  const removalsByTag = new Map<string, GuardChange[]>();
  const offHoursByActor = new Map<string, GuardChange[]>();

  const within = (list: GuardChange[], from: number): GuardChange[] => {
    let i = 0;
    while (i < list.length && Date.parse(list[i]!.at) < from) i++;
    if (i > 0) list.splice(0, i);
    return list;
  };
  const push = (map: Map<string, GuardChange[]>, key: string, c: GuardChange, windowMinutes: number): GuardChange[] => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(c);
    return within(list, Date.parse(c.at) - windowMinutes * MINUTE);
  };

  return {
    /** Feeds one change; returns every pattern whose threshold it reaches or keeps above. */
    observe(c: GuardChange, rails: Guardrails): Detection[] {
      const out: Detection[] = [];
      if (rails.massChange.enabled) {
        const list = push(byActor, c.actor, c, rails.massChange.windowMinutes);
        const relations = new Set(list.map((x) => `${x.member}\u0001${x.customer}`));
        if (relations.size >= rails.massChange.minRelations) out.push({ kind: 'mass_change', key: c.actor, windowMinutes: rails.massChange.windowMinutes, changes: [...list] });
      }
      if (rails.tagRemoval.enabled && c.action === 'tag.remove') {
        const list = push(removalsByTag, c.tagId, c, rails.tagRemoval.windowMinutes);
        if (list.length >= rails.tagRemoval.minRemovals) out.push({ kind: 'tag_removal', key: c.tagId, windowMinutes: rails.tagRemoval.windowMinutes, changes: [...list] });
      }
      if (rails.workingHours.enabled && isOutsideWorkingHours(new Date(c.at), rails.workingHours)) {
        const list = push(offHoursByActor, c.actor, c, 60);
        if (list.length >= rails.workingHours.minEdits) out.push({ kind: 'off_hours', key: c.actor, windowMinutes: 60, changes: [...list] });
      }
      return out;
    },
  };
}
