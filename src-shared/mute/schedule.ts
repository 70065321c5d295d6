// When a mute rule's schedule is in force: weekly wall-clock windows in an IANA zone (a window
// whose end is before its start wraps past midnight), holidays and adjusted working days from
// a holiday calendar. Pure: Intl supplies zone offsets, so a zone whose offset changed without
// DST (or a rule moved to another zone) is handled by the zone data, not by us.
import type { HolidayCalendar, MuteRule } from '../policy/mute-rule';

const DAY_MIN = 1440;
const MINUTE_MS = 60_000;
const BLOCK_MS = 6 * 3_600_000;
/** How far ahead the next change is looked for; beyond it "until" is unknown (null). */
const HORIZON_DAYS = 9;

export interface ZoneClock {
  readonly timeZone: string;
  /** Milliseconds the zone's wall clock is ahead of UTC at this instant. */
  offsetMs(ms: number): number;
}

const clocks = new Map<string, ZoneClock>();

export function zoneClock(timeZone: string): ZoneClock {
  const hit = clocks.get(timeZone);
  if (hit) return hit;
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const exact = (ms: number): number => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  // Offsets change rarely: a block of hours whose two ends share an offset has it throughout
  // (no zone changes twice within hours), so one Intl call serves every minute of the block.
  const blocks = new Map<number, number | null>();
  const minutes = new Map<number, number>();
  const clock: ZoneClock = {
    timeZone,
    offsetMs(ms) {
      const block = Math.floor(ms / BLOCK_MS);
      let off = blocks.get(block);
      if (off === undefined) {
        const a = exact(block * BLOCK_MS);
        off = a === exact((block + 1) * BLOCK_MS - MINUTE_MS) ? a : null;
        if (blocks.size > 4096) blocks.clear();
        blocks.set(block, off);
      }
      if (off !== null) return off;
      const key = Math.floor(ms / MINUTE_MS);
      let m = minutes.get(key);
      if (m === undefined) {
        m = exact(key * MINUTE_MS);
        if (minutes.size > 4096) minutes.clear();
        minutes.set(key, m);
      }
      return m;
    },
  };
  clocks.set(timeZone, clock);
  return clock;
}

/** Local wall time of an instant, in minutes since 1970-01-01 00:00 local. */
export const localMinutes = (clock: ZoneClock, ms: number): number => (ms + clock.offsetMs(ms)) / MINUTE_MS;

/** The instant at which the zone's wall clock shows `local` (minutes since the local epoch). */
export function instantOf(clock: ZoneClock, local: number, hintMs: number): number {
  const localMs = local * MINUTE_MS;
  // Two steps settle any offset change that is not a gap (no wall time is skipped without DST).
  const guess = localMs - clock.offsetMs(hintMs);
  return localMs - clock.offsetMs(guess);
}

/** ISO weekday (1 Mon … 7 Sun) of a local day number (days since 1970-01-01). */
export const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;
export const isoDateOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
export const dayOfIsoDate = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface ScheduleState {
  /** The rule's schedule covers this instant. */
  inside: boolean;
  /** When `inside` flips next (end of the window, or start of the next); null = not within the horizon. */
  changeAt: number | null;
}

export interface CompiledSchedule {
  readonly timeZone: string;
  state(ms: number): ScheduleState;
  /** The local wall-clock text ("09:00", or "10月8日 09:00" on another day) of an instant, seen from `fromMs`. */
  describe(ms: number, fromMs: number): string;
}

/**
 * Adjusted working days (调休上班) follow the windows of a Monday — an ordinary working day — so
 * a "weekends all day" window does not silence the Saturday everyone works. Holidays follow
 * `onHolidays`: the whole day inside, outside, or as its weekday says.
 */
export const ADJUSTED_WORKING_DAY_AS = 1;

export function compileSchedule(schedule: MuteRule['schedule'], calendar: HolidayCalendar | undefined): CompiledSchedule {
  const clock = zoneClock(schedule.timeZone);
  const holidays = new Set((calendar?.holidays ?? []).map(dayOfIsoDate));
  const workingDays = new Set((calendar?.workingDays ?? []).map(dayOfIsoDate));
  const windows = schedule.windows.map((w) => ({ days: new Set(w.days), start: minutesOf(w.start), end: minutesOf(w.end) }));
  const alwaysOn = windows.length === 0;
  const onHolidays = schedule.onHolidays;
  let memoKey = NaN;
  let memo: ScheduleState = { inside: false, changeAt: null };

  /** Intervals [start, end) in local minutes around `day`, merged, with "outside" holidays cut out. */
  function intervals(day: number): [number, number][] {
    const spans: [number, number][] = [];
    const cuts: [number, number][] = [];
    for (let d = day - 1; d <= day + HORIZON_DAYS; d++) {
      const base = d * DAY_MIN;
      const holiday = holidays.has(d);
      const weekday = workingDays.has(d) ? ADJUSTED_WORKING_DAY_AS : isoWeekday(d);
      if (holiday && onHolidays === 'inside') spans.push([base, base + DAY_MIN]);
      if (holiday && onHolidays === 'outside') { cuts.push([base, base + DAY_MIN]); continue; }
      if (alwaysOn) { spans.push([base, base + DAY_MIN]); continue; }
      for (const w of windows) {
        if (!w.days.has(weekday)) continue;
        spans.push([base + w.start, w.end > w.start ? base + w.end : base + DAY_MIN + w.end]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    if (cuts.length === 0) return merged;
    const out: [number, number][] = [];
    for (const [a, b] of merged) {
      let pieces: [number, number][] = [[a, b]];
      for (const [c, e] of cuts) {
        pieces = pieces.flatMap(([x, y]): [number, number][] => (e <= x || c >= y ? [[x, y]] : [...(c > x ? [[x, c] as [number, number]] : []), ...(e < y ? [[e, y] as [number, number]] : [])]));
      }
      out.push(...pieces);
    }
    return out;
  }

  return {
    timeZone: schedule.timeZone,
    state(ms) {
      const key = Math.floor(ms / MINUTE_MS);
      if (key === memoKey) return memo;
      const now = Math.floor(localMinutes(clock, key * MINUTE_MS));
      const day = Math.floor(now / DAY_MIN);
      const horizon = (day + HORIZON_DAYS) * DAY_MIN;
      let state: ScheduleState = { inside: false, changeAt: null };
      for (const [a, b] of intervals(day)) {
        if (b <= now) continue;
        if (a <= now) { state = { inside: true, changeAt: b >= horizon ? null : instantOf(clock, b, ms) }; break; }
        state = { inside: false, changeAt: instantOf(clock, a, ms) };
        break;
      }
      memoKey = key;
      memo = state;
      return state;
    },
    describe(ms, fromMs) {
      const local = Math.round(localMinutes(clock, ms));
      const from = Math.floor(localMinutes(clock, fromMs));
      const day = Math.floor(local / DAY_MIN);
      const m = local - day * DAY_MIN;
      const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const today = Math.floor(from / DAY_MIN);
      if (day === today) return hhmm;
      if (day === today + 1) return `明日 ${hhmm}`;
      const date = isoDateOf(day);
      return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${hhmm}`;
    },
  };
}
