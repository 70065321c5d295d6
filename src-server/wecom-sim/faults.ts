// Fault injection for tests, reachable only when the simulator was started with faults enabled:
// the switches the request pipeline consults, and the /__sim/… control routes that set them or
// make console/colleague edits. The same operations are on WecomSimulator.faults for in-process use.
import { SimError } from './errors';
import type { SimRuntime } from './runtime';
import type { CallbackConfig } from './options';
import { colleagueEdit, customerAddsViaContactWay, consoleAddTags, consoleDeleteTag, consoleEditTag, consoleReassignTagIds, consoleShuffle } from './console-edits';

interface Counted { remaining: number }

/** Per-API switches; the key "*" applies to every API. */
export class FaultSwitches {
  readonly latencyMs = new Map<string, number>();
  readonly lose = new Map<string, Counted>();
  readonly late = new Map<string, Counted & { ms: number }>();
  readonly busy = new Map<string, Counted>();

  latencyFor(api: string): number {
    return this.latencyMs.get(api) ?? this.latencyMs.get('*') ?? 0;
  }

  /** Consumes one use of a counted fault for this API, if any is armed. */
  take<T extends Counted>(map: Map<string, T>, api: string): T | undefined {
    const f = map.get(api) ?? map.get('*');
    if (!f || f.remaining <= 0) return undefined;
    f.remaining--;
    return f;
  }

  reset(): void {
    this.latencyMs.clear();
    this.lose.clear();
    this.late.clear();
    this.busy.clear();
  }
}

export interface FaultControls {
  latency(ms: number, api?: string): void;
  /** The next `count` calls are applied, then the connection is dropped without an answer. */
  loseResponses(api: string, count?: number): void;
  /** The next `count` calls answer ok at once and are applied `ms` later. */
  lateApply(api: string, ms: number, count?: number): void;
  /** The next `count` calls answer -1 (system busy). */
  busy(api: string, count?: number): void;
  /** The API answers 45009 for `seconds`. */
  rateLimit(api: string, seconds?: number): void;
  invalidateTokens(errcode?: 40014 | 42001): number;
  advanceClock(seconds: number): void;
  setCallback(config: CallbackConfig | undefined): void;
  /** Runs WeCom's URL check (GET with an encrypted echostr) against the configured callback URL. */
  verifyCallback(): Promise<{ ok: boolean; status?: number; answer?: string }>;
  consoleAddTags(groupName: string, names: string[]): { group_id: string; tag_ids: string[] };
  consoleEditTag(id: string, name?: string, order?: number): void;
  consoleDeleteTag(id: string): void;
  consoleShuffle(groupId?: string): void;
  reassignTagIds(groupId: string, keepAssignments?: boolean): Record<string, string>;
  colleagueEdit(edit: { userid: string; external_userid: string; add_tag?: string[]; remove_tag?: string[]; remark?: string; description?: string }): void;
  /** A customer scans a channel code and adds a member (add_external_contact with State). */
  customerAdds(configId: string, name?: string): { external_userid: string; userid: string };
  reset(): void;
}

export function faultControls(rt: SimRuntime, sw: FaultSwitches): FaultControls {
  return {
    latency: (ms, api = '*') => void sw.latencyMs.set(api, ms),
    loseResponses: (api, count = 1) => void sw.lose.set(api, { remaining: count }),
    lateApply: (api, ms, count = 1) => void sw.late.set(api, { remaining: count, ms }),
    busy: (api, count = 1) => void sw.busy.set(api, { remaining: count }),
    rateLimit: (api, seconds = 60) => rt.limiter.block(api, rt.nowMs() + seconds * 1000),
    invalidateTokens: (errcode = 40014) => rt.invalidateTokens(errcode),
    advanceClock: (seconds) => { rt.clockOffsetMs += seconds * 1000; },
    setCallback: (config) => { if (rt.callbacks) rt.callbacks.config = config; },
    verifyCallback: async () => (rt.callbacks ? rt.callbacks.verifyUrl() : { ok: false }),
    consoleAddTags: (groupName, names) => consoleAddTags(rt, groupName, names),
    consoleEditTag: (id, name, order) => consoleEditTag(rt, id, name, order),
    consoleDeleteTag: (id) => consoleDeleteTag(rt, id),
    consoleShuffle: (groupId) => consoleShuffle(rt, groupId),
    reassignTagIds: (groupId, keep) => consoleReassignTagIds(rt, groupId, keep),
    colleagueEdit: (edit) => colleagueEdit(rt, edit),
    customerAdds: (configId, name) => customerAddsViaContactWay(rt, configId, name),
    reset: () => sw.reset(),
  };
}

const str = (b: Record<string, unknown>, k: string): string => {
  const v = b[k];
  if (typeof v !== 'string' || v === '') throw new SimError(40063, `${k} missing`);
  return v;
};
const optStr = (b: Record<string, unknown>, k: string): string | undefined => (typeof b[k] === 'string' ? b[k] : undefined);
const num = (b: Record<string, unknown>, k: string, dflt: number): number => (typeof b[k] === 'number' ? b[k] : dflt);
const strs = (b: Record<string, unknown>, k: string): string[] | undefined => (Array.isArray(b[k]) ? (b[k] as unknown[]).map(String) : undefined);

/** Handles /__sim/<route>; returns the JSON answer (errors are thrown as SimError). */
export async function handleControl(rt: SimRuntime, fc: FaultControls, route: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (route) {
    case 'latency': fc.latency(num(body, 'ms', 0), optStr(body, 'api')); break;
    case 'lose-response': fc.loseResponses(str(body, 'api'), num(body, 'count', 1)); break;
    case 'late-apply': fc.lateApply(str(body, 'api'), num(body, 'ms', 1000), num(body, 'count', 1)); break;
    case 'busy': fc.busy(str(body, 'api'), num(body, 'count', 1)); break;
    case 'rate-limit': fc.rateLimit(str(body, 'api'), num(body, 'seconds', 60)); break;
    case 'invalidate-tokens': return { invalidated: fc.invalidateTokens(body.errcode === 42001 ? 42001 : 40014) };
    case 'clock': fc.advanceClock(num(body, 'advanceSeconds', 0)); return { now: rt.nowMs() };
    case 'callback': fc.setCallback(typeof body.url === 'string' ? body as unknown as CallbackConfig : undefined); break;
    case 'console/add-tags': return fc.consoleAddTags(str(body, 'group_name'), strs(body, 'tags') ?? []);
    case 'console/edit-tag': fc.consoleEditTag(str(body, 'id'), optStr(body, 'name'), typeof body.order === 'number' ? body.order : undefined); break;
    case 'console/delete-tag': fc.consoleDeleteTag(str(body, 'id')); break;
    case 'console/shuffle': fc.consoleShuffle(optStr(body, 'group_id')); break;
    case 'console/reassign-tag-ids': return { mapping: fc.reassignTagIds(str(body, 'group_id'), body.keepAssignments !== false) };
    case 'colleague-edit': fc.colleagueEdit({
      userid: str(body, 'userid'), external_userid: str(body, 'external_userid'),
      ...(strs(body, 'add_tag') ? { add_tag: strs(body, 'add_tag') } : {}),
      ...(strs(body, 'remove_tag') ? { remove_tag: strs(body, 'remove_tag') } : {}),
      ...(optStr(body, 'remark') !== undefined ? { remark: optStr(body, 'remark') } : {}),
    }); break;
    case 'customer-adds': return fc.customerAdds(str(body, 'config_id'), optStr(body, 'name'));
    case 'callback/verify': return await fc.verifyCallback();
    case 'callbacks': return { deliveries: rt.callbacks?.log ?? [] };
    case 'reset': fc.reset(); break;
    default: throw new SimError(40058, `unknown control route ${route}`);
  }
  return {};
}
