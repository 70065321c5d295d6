// The audit chain as an auditor relies on it: each change is numbered, linked and hashed;
// sensitive values never reach the log; personal tags never reach the shared chain.
import { describe, expect, it } from 'vitest';
import {
  AUDIT_SOURCES_V1, AuditChainError, canonicalJson, createEnterpriseChain, createPersonalChain, exportAuditJsonl, GENESIS_HASH,
  parseAuditJsonl, redactSpans, sealAuditEvent, sha256Hex, verifyAuditChain, verifyAuditJsonl, type Redactor,
} from '../../../src-shared/audit';
import { dayEvent, enterpriseDay } from './fixtures';

describe('appending', () => {
  it('numbers events from 1 and links each to the hash of the one before', () => {
    const events = enterpriseDay(5);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(new Set(events.map((e) => e.hash)).size).toBe(5);
    expect(verifyAuditChain(events)).toMatchObject({ ok: true, chain: 'enterprise', count: 5, lastSeq: 5 });
  });

  it('records who acted for whom: a supervisor tagging for her salesperson names both', () => {
    const e = enterpriseDay(2)[1]!;
    expect(e).toMatchObject({ actor: 'chenjing', onBehalfOf: 'lina', device: 'dev-lina-laptop', source: 'ui', v: 1 });
  });

  it('continues an existing chain from its stored head (as the store does after a restart)', () => {
    const first = enterpriseDay(3);
    const resumed = createEnterpriseChain({ device: 'dev-lina-laptop', now: () => Date.UTC(2026, 10, 23), head: { seq: 3, hash: first[2]!.hash } });
    const next = resumed.append(dayEvent(3));
    expect(next.seq).toBe(4);
    expect(verifyAuditChain([...first, next]).ok).toBe(true);
  });

  it('hashes with SHA-256 over a versioned canonical encoding (key order does not matter)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(canonicalJson({ b: 1, a: [true, null, '标签'], c: undefined })).toBe('{"a":[true,null,"标签"],"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
    const e = enterpriseDay(1)[0]!;
    const reordered = Object.fromEntries(Object.entries(e).reverse());
    expect(verifyAuditChain([reordered]).ok).toBe(true);
  });

  it('offers exactly the agreed closed set of sources', () => {
    expect([...AUDIT_SOURCES_V1].sort()).toEqual(['approval', 'automation', 'bulk', 'channel-code', 'handover', 'import', 'merge', 'relay', 'restore', 'revert', 'sync', 'ui']);
    const e = { ...enterpriseDay(1)[0]!, source: 'telepathy' };
    expect(verifyAuditChain([e])).toMatchObject({ ok: false, code: 'malformed', firstBadSeq: 1 });
  });
});

describe('redaction before hashing', () => {
  const phoneRedactor: Redactor = (text) => {
    const spans = [...text.matchAll(/1[3-9]\d{9}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, category: 'pii.mobile_cn' }));
    return redactSpans(text, spans);
  };

  it('a phone number typed into a remark is not in the log, but its category is', () => {
    const chain = createEnterpriseChain({ device: 'd1', now: () => 0, redactor: phoneRedactor });
    const e = chain.append({
      actor: 'lina', source: 'ui', action: 'relation.remark', target: { kind: 'relation', member: 'lina', customer: 'c1' },
      before: { remark: '张总' }, after: { remark: '张总 13812345678 周末联系' },
    });
    const line = JSON.stringify(e);
    expect(line).not.toContain('13812345678');
    expect(e.after).toEqual({ remark: '张总 〔已脱敏:pii.mobile_cn〕 周末联系' });
    expect(e.redactions).toEqual([{ path: 'after.remark', categories: ['pii.mobile_cn'] }]);
    expect(verifyAuditChain([e]).ok).toBe(true);
  });

  it('leaves clean values and the event without a redactions field untouched', () => {
    const chain = createEnterpriseChain({ device: 'd1', now: () => 0, redactor: phoneRedactor });
    const e = chain.append(dayEvent(0));
    expect(e.redactions).toBeUndefined();
    expect(e.after).toEqual({ name: 'VIP' });
  });
});

describe('two chains', () => {
  it('refuses a personal-tag event in the enterprise chain, by type and at run time', () => {
    const chain = createEnterpriseChain({ device: 'd1', now: () => 0 });
    const sneaky = { actor: 'lina', source: 'ui', action: 'personalTag.create', target: { kind: 'personalTag', tagId: 'p1' }, before: null, after: { name: '爱砍价' } };
    // @ts-expect-error -- the enterprise chain's target type has no personal-tag kinds
    expect(() => chain.append(sneaky)).toThrow(AuditChainError);
    expect(chain.head).toBeNull();
  });

  it('keeps personal tags in the device chain, and the verifier rejects one smuggled into an enterprise export', () => {
    const personal = createPersonalChain({ device: 'd1', now: () => 0 });
    const p = personal.append({ actor: 'lina', source: 'ui', action: 'personalTag.create', target: { kind: 'personalTag', tagId: 'p1' }, before: null, after: { name: '爱砍价' } });
    expect(verifyAuditChain([p]).ok).toBe(true);
    // Forge it as if it were the enterprise chain's first event, with a correct hash.
    const forged = sealAuditEvent('personal', null, { actor: 'lina', source: 'ui', action: 'personalTag.create', target: { kind: 'personalTag', tagId: 'p1' }, before: null, after: null }, { device: 'd1', at: 0 });
    const asEnterprise = { ...forged, chain: 'enterprise' as const };
    expect(verifyAuditChain([asEnterprise])).toMatchObject({ ok: false, code: 'wrong_chain', firstBadSeq: 1 });
    expect(verifyAuditChain([...enterpriseDay(2), p])).toMatchObject({ ok: false, code: 'wrong_chain', firstBadSeq: 3 });
  });
});

describe('JSON Lines export and import', () => {
  it('round-trips: what is exported verifies, with the header giving chain and head', () => {
    const events = enterpriseDay(6);
    const text = exportAuditJsonl(events, 'enterprise');
    expect(text.split('\n').filter(Boolean)).toHaveLength(7);
    const parsed = parseAuditJsonl(text);
    expect(parsed.header).toMatchObject({ chain: 'enterprise', count: 6, head: { seq: 6, hash: events[5]!.hash } });
    expect(parsed.events).toEqual(events);
    expect(verifyAuditJsonl(text)).toMatchObject({ ok: true, count: 6 });
  });

  it('a file cut off at the end is caught by the header head', () => {
    const events = enterpriseDay(6);
    const lines = exportAuditJsonl(events, 'enterprise').trimEnd().split('\n');
    const cut = lines.slice(0, -2).join('\n');
    expect(verifyAuditJsonl(cut)).toMatchObject({ ok: false, code: 'head_mismatch', firstBadSeq: 5 });
  });

  it('a garbled line is reported at its seq', () => {
    const lines = exportAuditJsonl(enterpriseDay(4), 'enterprise').trimEnd().split('\n');
    lines[3] = lines[3]!.slice(0, 40);
    expect(verifyAuditJsonl(lines.join('\n'))).toMatchObject({ ok: false, code: 'malformed', firstBadSeq: 3 });
  });

  it('a partial export (from seq 4 on) verifies against the event before it', () => {
    const events = enterpriseDay(8);
    const text = exportAuditJsonl(events.slice(3), 'enterprise', { seq: 3, hash: events[2]!.hash });
    expect(verifyAuditJsonl(text)).toMatchObject({ ok: true, firstSeq: 4, lastSeq: 8 });
  });
});
