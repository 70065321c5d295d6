// Any single tampering with an exported chain — a changed field, a deleted, inserted or
// moved event — is detected, and the verifier names the seq where it first shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealAuditEvent, verifyAuditChain } from '../../../src-shared/audit';
import { dayEvent, enterpriseDay } from './fixtures';

const chains = fc.integer({ min: 2, max: 24 }).map((n) => enterpriseDay(n));
const FIELDS = ['v', 'seq', 'prevHash', 'hash', 'at', 'actor', 'onBehalfOf', 'device', 'source', 'action', 'target', 'before', 'after'] as const;

function mutate(value: unknown, field: string): unknown {
  switch (field) {
    case 'v': case 'seq': return (value as number) + 1;
    case 'prevHash': case 'hash': return ((value as string)[0] === 'a' ? 'b' : 'a') + (value as string).slice(1);
    case 'at': return '2030-01-01T00:00:00.000Z';
    case 'source': return value === 'sync' ? 'ui' : 'sync';
    case 'target': return { ...(value as object), customer: 'wmSomeoneElse' };
    case 'before': case 'after': return value === null ? { name: '伪造' } : null;
    case 'onBehalfOf': return value === undefined ? 'zhaolei' : undefined;
    default: return `${String(value)}x`;
  }
}

describe('tamper detection', () => {
  it('an intact chain of any length verifies', () => {
    fc.assert(fc.property(chains, (events) => { expect(verifyAuditChain(events).ok).toBe(true); }));
  });

  it('modifying any field of any event is detected at that event', () => {
    fc.assert(fc.property(chains, fc.nat(), fc.constantFrom(...FIELDS), (events, k, field) => {
      const i = k % events.length;
      const tampered: Record<string, unknown>[] = events.map((e) => ({ ...e }));
      tampered[i]![field] = mutate(tampered[i]![field], field);
      const r = verifyAuditChain(tampered);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.firstBadSeq).toBe(i + 1);
    }), { numRuns: 400 });
  });

  it('deleting any event is detected at its seq (the last one against the recorded head)', () => {
    fc.assert(fc.property(chains, fc.nat(), (events, k) => {
      const i = k % events.length;
      const head = { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash };
      const r = verifyAuditChain(events.filter((_, j) => j !== i), { expectHead: head });
      expect(r).toMatchObject({ ok: false, firstBadSeq: i + 1 });
    }), { numRuns: 300 });
  });

  it('inserting an event anywhere is detected where it was inserted', () => {
    fc.assert(fc.property(chains, fc.nat(), fc.nat(), (events, k, j) => {
      const at = k % (events.length + 1);
      // A plausible forgery: a well-formed event, correctly hashed, chained to its predecessor.
      const prev = at === 0 ? null : { seq: events[at - 1]!.seq, hash: events[at - 1]!.hash };
      const forged = sealAuditEvent('enterprise', prev, dayEvent(j), { device: 'dev-attacker', at: Date.UTC(2026, 10, 22, 12) });
      const tampered = [...events.slice(0, at), forged, ...events.slice(at)];
      const head = { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash };
      const r = verifyAuditChain(tampered, { expectHead: head });
      expect(r.ok).toBe(false);
      // The forgery itself is consistent with what precedes it, so the break shows at the
      // next position; appended at the end, it is the event past the recorded head.
      if (!r.ok) expect(r.firstBadSeq).toBe(at === events.length ? at + 1 : at + 2);
    }), { numRuns: 300 });
  });

  it('replaying a copy of an existing event is detected at the copy', () => {
    fc.assert(fc.property(chains, fc.nat(), fc.nat(), (events, k, j) => {
      const at = k % (events.length + 1);
      const copy = events[j % events.length]!;
      const tampered = [...events.slice(0, at), copy, ...events.slice(at)];
      const r = verifyAuditChain(tampered, { expectHead: { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash } });
      expect(r.ok).toBe(false);
      // Copying the event that is about to follow is indistinguishable at the copy itself.
      if (!r.ok) expect(r.firstBadSeq).toBe(copy === events[at] ? at + 2 : at + 1);
    }), { numRuns: 300 });
  });

  it('swapping any two events is detected at the earlier position', () => {
    fc.assert(fc.property(chains, fc.nat(), fc.nat(), (events, a, b) => {
      const i = a % events.length;
      const j = b % events.length;
      fc.pre(i !== j);
      const tampered = [...events];
      [tampered[i], tampered[j]] = [tampered[j]!, tampered[i]!];
      const r = verifyAuditChain(tampered);
      expect(r).toMatchObject({ ok: false, firstBadSeq: Math.min(i, j) + 1 });
    }), { numRuns: 300 });
  });

  it('rewriting an event and recomputing its hash still breaks the link to the next one', () => {
    const events = enterpriseDay(5);
    const forged = sealAuditEvent('enterprise', { seq: 2, hash: events[1]!.hash }, { ...dayEvent(2), after: { remark: '改过的' } }, { device: 'dev-lina-laptop', at: Date.UTC(2026, 10, 22, 1, 3) });
    const tampered = [...events.slice(0, 2), forged, ...events.slice(3)];
    expect(verifyAuditChain(tampered)).toMatchObject({ ok: false, code: 'prev_hash_mismatch', firstBadSeq: 4 });
  });
});
