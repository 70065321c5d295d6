// Verifying a chain end to end: shape, format version, chain kind, sequence, link and hash of
// each event in order. The first inconsistency is named by the seq expected at that position,
// which is where a modification, deletion, insertion or reordering shows first.
import { hashEventBody } from './canonical';
import { auditEventSchema, GENESIS_HASH, PERSONAL_TARGET_KINDS, type AuditChainKind } from './event';
import { AUDIT_SOURCES_BY_VERSION } from './sources';
import type { AuditHead } from './chain';

export const VERIFY_FAILURES = [
  'malformed', 'unsupported_version', 'wrong_chain', 'seq_mismatch', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch', 'empty',
] as const;
export type VerifyFailureCode = (typeof VERIFY_FAILURES)[number];

export type VerifyResult =
  | { ok: true; chain: AuditChainKind | null; count: number; firstSeq: number | null; lastSeq: number | null; headHash: string | null }
  | { ok: false; firstBadSeq: number; index: number; code: VerifyFailureCode; reason: string; message: string };

export interface VerifyOptions {
  /** Expected chain kind; default: taken from the first event. */
  chain?: AuditChainKind;
  /** Where a partial export starts: the seq and hash of the event just before it. */
  after?: AuditHead;
  /** The head the server (or export header) recorded: detects a truncated tail. */
  expectHead?: AuditHead;
  /** Refuse an empty list (a chain that should hold events). */
  requireEvents?: boolean;
}

const ZH: Record<VerifyFailureCode, string> = {
  malformed: '记录格式损坏',
  unsupported_version: '记录版本不受支持',
  wrong_chain: '记录不属于此审计链',
  seq_mismatch: '序号不连续（记录被删除、插入或调换了顺序）',
  prev_hash_mismatch: '与上一条记录的哈希链接断开',
  hash_mismatch: '记录内容与哈希不符（记录被修改）',
  head_mismatch: '审计链末尾缺少记录（被截断）',
  empty: '审计链为空',
};

export function verifyAuditChain(events: readonly unknown[], opts: VerifyOptions = {}): VerifyResult {
  const startSeq = opts.after ? opts.after.seq + 1 : 1;
  let prevHash = opts.after ? opts.after.hash : GENESIS_HASH;
  let chain: AuditChainKind | undefined = opts.chain;
  const fail = (index: number, code: VerifyFailureCode, reason: string): VerifyResult => {
    const firstBadSeq = startSeq + index;
    return { ok: false, firstBadSeq, index, code, reason, message: `第 ${firstBadSeq} 条：${ZH[code]}` };
  };

  for (let i = 0; i < events.length; i++) {
    const expected = startSeq + i;
    const parsed = auditEventSchema.safeParse(events[i]);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return fail(i, 'malformed', `not a valid audit event (${first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'unreadable'})`);
    }
    const e = parsed.data;
    const sources = AUDIT_SOURCES_BY_VERSION[e.v];
    if (!sources) return fail(i, 'unsupported_version', `format version ${e.v} is not supported by this verifier`);
    chain ??= e.chain;
    if (e.chain !== chain) return fail(i, 'wrong_chain', `event of the ${e.chain} chain inside the ${chain} chain`);
    const personalTarget = PERSONAL_TARGET_KINDS.has(e.target.kind);
    if (chain === 'enterprise' && personalTarget) return fail(i, 'wrong_chain', 'personal-tag event inside the enterprise chain');
    if (chain === 'personal' && !personalTarget) return fail(i, 'wrong_chain', `"${e.target.kind}" event inside the personal chain`);
    if (e.seq !== expected) return fail(i, 'seq_mismatch', `expected seq ${expected}, found ${e.seq} (an event was deleted, inserted or moved)`);
    if (e.prevHash !== prevHash) return fail(i, 'prev_hash_mismatch', 'prevHash does not match the previous event (an event before it was replaced)');
    if (hashEventBody(events[i] as Record<string, unknown>) !== e.hash) return fail(i, 'hash_mismatch', 'hash does not match the content (the event was modified)');
    prevHash = e.hash;
  }

  if (opts.requireEvents && events.length === 0) return fail(0, 'empty', 'the chain holds no events');
  const lastSeq = events.length ? startSeq + events.length - 1 : null;
  if (opts.expectHead) {
    const h = opts.expectHead;
    const atSeq = lastSeq ?? startSeq - 1;
    if (h.seq > atSeq) return fail(events.length, 'head_mismatch', `the chain ends at seq ${atSeq} but its recorded head is seq ${h.seq} (events were cut off)`);
    if (h.seq < atSeq) return fail(h.seq - startSeq + 1, 'head_mismatch', `the chain runs past its recorded head seq ${h.seq}`);
    if (h.hash !== prevHash) return fail(Math.max(0, events.length - 1), 'head_mismatch', 'the last event does not match the recorded head hash');
  }
  return { ok: true, chain: chain ?? null, count: events.length, firstSeq: events.length ? startSeq : null, lastSeq, headHash: events.length ? prevHash : null };
}
