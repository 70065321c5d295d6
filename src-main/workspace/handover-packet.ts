// The desktop's side of the personal-tag hand-over packet. Personal tags exist only in this
// member's store, so the packet can only be built here: the leaver's customers with personal
// tags, each text checked by the company's linter (blocked texts never leave). On the
// successor's desk, accepted entries become this member's own personal tags (or kept notes),
// written with the device audit in one transaction before the team server is told.
import type { Db } from '../store/database';
import { prepared } from '../store/sql';
import { appendAuditEvent } from '../store/audit';
import { customerIdOf } from '../store/customers';
import { listPersonalTags } from '../store/personal-tags';
import { checkPacketEntry, type PacketCheck } from '../../src-shared/handover-packet/sensitivity';
import type { Linter } from '../../src-shared/compliance/index';
import type { PacketDraftCustomer } from '../../src-shared/ipc/channels/handover-packet';
import type { InheritedEntryView } from '../../src-shared/team-api/handover-packet';
import { HandledError } from '../ipc/dispatch';

export interface PacketDeps {
  db: Db;
  me: { userid: string };
  linter: Linter;
  now: () => number;
  /** Creates (or reuses) a personal tag and puts it on the customer, as the panel does. */
  personalCreate(name: string, externalUserid: string): void;
  /** Reads a customer taken over recently into the local store when it is not there yet. */
  ensureCustomer(externalUserid: string): Promise<boolean>;
}

export const checkText = (deps: Pick<PacketDeps, 'linter'>, kind: 'tag' | 'note', text: string): PacketCheck => checkPacketEntry(deps.linter, text.trim(), kind);

/** Customers the member put personal tags on, each tag checked. */
export function packetDraft(deps: PacketDeps): PacketDraftCustomer[] {
  const live = new Set(listPersonalTags(deps.db).map((t) => t.id));
  const rows = prepared<[], { ext: string; name: string; corp: string | null; tagId: number; tag: string }>(deps.db, `
    SELECT c.external_userid AS ext, c.name, c.corp_name AS corp, p.id AS tagId, p.name AS tag
    FROM personal_tag_assignments a JOIN customers c ON c.id = a.customer_id JOIN personal_tags p ON p.id = a.personal_tag_id
    ORDER BY c.name, c.external_userid, p.sort_order, p.name`).all();
  const out = new Map<string, PacketDraftCustomer>();
  for (const r of rows) {
    if (!live.has(r.tagId)) continue;
    const c = out.get(r.ext) ?? { externalUserid: r.ext, name: r.name, corpName: r.corp, tags: [] };
    c.tags.push({ name: r.tag, check: checkText(deps, 'tag', r.tag) });
    out.set(r.ext, c);
  }
  return [...out.values()];
}

/** Re-checks what the renderer wants to send; refuses the whole packet while a text is blocked. */
export function preparePacket(deps: PacketDeps, entries: { externalUserid: string; kind: 'tag' | 'note'; text: string }[]): { externalUserid: string; customerName: string; kind: 'tag' | 'note'; text: string }[] {
  return entries.map((e, i) => {
    const name = prepared<[string], string>(deps.db, `SELECT name FROM customers WHERE external_userid = ?`).pluck().get(e.externalUserid);
    if (name === undefined) throw new HandledError('not_found', `customer ${e.externalUserid} not in the store`, `第 ${i + 1} 条的客户不在本机客户列表中。`);
    const check = checkText(deps, e.kind, e.text);
    if (check.status === 'blocked') throw new HandledError('forbidden', `packet entry ${i + 1} blocked by the linter`, `「${e.text}」不能放入交接包：${check.reasons[0] ?? ''}`);
    return { externalUserid: e.externalUserid, customerName: name, kind: e.kind, text: e.text.trim() };
  });
}

export function auditPacketSent(deps: PacketDeps, packetId: string, entries: { externalUserid: string; kind: string }[]): void {
  appendAuditEvent(deps.db, 'personal', {
    type: 'handover-packet.send', packetId, entries: entries.length, tags: entries.filter((e) => e.kind === 'tag').length, notes: entries.filter((e) => e.kind === 'note').length,
    customers: [...new Set(entries.map((e) => e.externalUserid))],
  }, Math.floor(deps.now() / 1000));
}

/** Whether this member already has this personal tag on the customer (accepting changes nothing then). */
export function alreadyHave(deps: PacketDeps, e: Pick<InheritedEntryView, 'externalUserid' | 'kind' | 'text' | 'packetId' | 'seq'>): boolean {
  if (e.kind === 'note') return prepared<[string, number], number>(deps.db, `SELECT 1 FROM handover_notes WHERE packet_id = ? AND seq = ?`).pluck().get(e.packetId, e.seq) !== undefined;
  return prepared<[string, string], number>(deps.db, `
    SELECT 1 FROM personal_tag_assignments a JOIN customers c ON c.id = a.customer_id JOIN personal_tags p ON p.id = a.personal_tag_id
    WHERE c.external_userid = ? AND p.name = ? AND p.deleted_at IS NULL`).pluck().get(e.externalUserid, e.text ?? '') !== undefined;
}

/** Writes an accepted entry into this device's store, with its device audit event. */
export async function acceptLocally(deps: PacketDeps, e: InheritedEntryView, confirmed: boolean): Promise<void> {
  if (!(await deps.ensureCustomer(e.externalUserid))) throw new HandledError('not_found', `customer ${e.externalUserid} not readable`, `客户「${e.customerName}」还没有同步到本机，请稍后再试。`);
  const now = Math.floor(deps.now() / 1000);
  const text = e.text ?? '';
  if (e.kind === 'tag') {
    deps.personalCreate(text, e.externalUserid);
  } else {
    prepared(deps.db, `INSERT OR IGNORE INTO handover_notes (customer_id, from_member, from_name, text, packet_id, seq, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(customerIdOf(deps.db, e.externalUserid)!, e.from, e.fromName, text, e.packetId, e.seq, now);
  }
  appendAuditEvent(deps.db, 'personal', { type: 'handover-packet.accept', packetId: e.packetId, seq: e.seq, kind: e.kind, from: e.from, externalUserid: e.externalUserid, sensitive: e.sensitive, confirmed }, now);
}

export function auditDeclined(deps: PacketDeps, e: InheritedEntryView): void {
  appendAuditEvent(deps.db, 'personal', { type: 'handover-packet.decline', packetId: e.packetId, seq: e.seq, kind: e.kind, from: e.from, externalUserid: e.externalUserid, sensitive: e.sensitive }, Math.floor(deps.now() / 1000));
}

export function inheritedNotes(deps: PacketDeps): { externalUserid: string; customerName: string; from: string; fromName: string; text: string; receivedAt: string }[] {
  return prepared<[], { ext: string; name: string; from_member: string; from_name: string; text: string; at: number }>(deps.db, `
    SELECT c.external_userid AS ext, c.name, n.from_member, n.from_name, n.text, n.received_at AS at
    FROM handover_notes n JOIN customers c ON c.id = n.customer_id ORDER BY n.received_at DESC, n.id DESC LIMIT 500`).all()
    .map((r) => ({ externalUserid: r.ext, customerName: r.name, from: r.from_member, fromName: r.from_name, text: r.text, receivedAt: new Date(r.at * 1000).toISOString() }));
}
