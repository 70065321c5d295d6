// Personal-tag hand-over packets on the team server. Personal tags live only on a member's
// device; a packet is the one explicit way some of them reach a colleague: the leaver sends
// chosen entries (re-linted here: blocked texts are refused), a supervisor over the leaver
// approves or strikes out each one, and the successor of each customer taken over through a
// hand-over accepts or declines each approved entry (sensitive ones only with an explicit
// confirmation). Texts are erased from the server once struck out or answered; the central
// audit records every step by ids and counts, never the texts themselves.
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { letterId } from '../admin/ids';
import { loadRelations } from '../admin/relations';
import { updateWaitingFor } from '../admin/handover';
import { UpstreamError } from '../upstream';
import { checkPacketEntry } from '../../../src-shared/handover-packet/sensitivity';
import type { InheritedEntryView, PacketEntryView, PacketView } from '../../../src-shared/team-api/handover-packet';

interface PacketRow { id: string; request_id: string; member: string; created_at: string; note: string | null; status: 'pending' | 'reviewed'; reviewed_by: string | null; reviewed_at: string | null }
interface EntryRow {
  packet_id: string; seq: number; external_userid: string; customer_name: string; kind: 'tag' | 'note'; text: string | null; sensitive: number; reasons: string;
  decision: 'pending' | 'approved' | 'struck'; strike_reason: string | null; claim: 'accepted' | 'declined' | null; claimed_by: string | null;
}

export interface SendPacket {
  requestId: string;
  entries: { externalUserid: string; customerName: string; kind: 'tag' | 'note'; text: string }[];
  note?: string | undefined;
}

const entryView = (e: EntryRow): PacketEntryView => ({
  seq: e.seq, externalUserid: e.external_userid, customerName: e.customer_name, kind: e.kind, text: e.text, sensitive: e.sensitive === 1,
  reasons: JSON.parse(e.reasons) as string[], decision: e.decision, strikeReason: e.strike_reason, claim: e.claim, claimedBy: e.claimed_by,
});

export function createPacketService(ctx: TeamContext) {
  const { db } = ctx;
  const packetById = db.prepare(`SELECT * FROM handover_packets WHERE id = ?`);
  const entriesOf = db.prepare(`SELECT * FROM handover_packet_entries WHERE packet_id = ? ORDER BY seq`);
  const nameOf = (userid: string): string => ctx.directory.member(userid)?.name ?? userid;

  const view = (p: PacketRow): PacketView => ({
    id: p.id, member: p.member, memberName: nameOf(p.member), createdAt: p.created_at, note: p.note, status: p.status,
    reviewedBy: p.reviewed_by, reviewedAt: p.reviewed_at, entries: (entriesOf.all(p.id) as EntryRow[]).map(entryView),
  });

  /** Customers the member follows now, or handed over from them (a packet may follow the transfer). */
  async function customersOf(member: string): Promise<Set<string>> {
    const mine = new Set((await loadRelations(ctx, [member])).map((r) => r.externalUserid));
    for (const ext of db.prepare(`SELECT DISTINCT i.external_userid FROM handover_items i JOIN handovers h ON h.id = i.handover_id WHERE h.handover_userid = ?`).pluck().all(member) as string[]) mine.add(ext);
    return mine;
  }

  /** Approved, unanswered entries for customers this member took over from the packet's author. */
  const inheritedQuery = db.prepare(`
    SELECT e.*, p.member AS from_member, MIN(i.handover_id) AS handover_id
    FROM handover_packet_entries e
    JOIN handover_packets p ON p.id = e.packet_id
    JOIN handovers h ON h.handover_userid = p.member
    JOIN handover_items i ON i.handover_id = h.id AND i.external_userid = e.external_userid
    WHERE i.takeover_userid = ? AND i.status = 'taken_over' AND e.decision = 'approved' AND e.claim IS NULL
    GROUP BY e.packet_id, e.seq
    ORDER BY e.customer_name, e.packet_id, e.seq`);

  const service = {
    async send(member: string, input: SendPacket): Promise<{ packet: PacketView; created: boolean }> {
      const existing = db.prepare(`SELECT * FROM handover_packets WHERE member = ? AND request_id = ?`).get(member, input.requestId) as PacketRow | undefined;
      if (existing) return { packet: view(existing), created: false };
      const linter = ctx.rulePacks.linterFor(ctx.policy.current());
      const checks = input.entries.map((e, i) => ({ e, i, check: checkPacketEntry(linter, e.text, e.kind) }));
      const blocked = checks.find((c) => c.check.status === 'blocked');
      if (blocked) {
        throw new TeamHttpError('bad_request', `packet entry ${blocked.i + 1} blocked by the linter`, `第 ${blocked.i + 1} 条（${blocked.e.customerName || blocked.e.externalUserid}「${blocked.e.text}」）不能发送：${blocked.check.reasons[0] ?? '含有不能出现的内容'}`);
      }
      const mine = await customersOf(member);
      const foreign = input.entries.find((e) => !mine.has(e.externalUserid));
      if (foreign) throw new TeamHttpError('forbidden', `${member} does not follow ${foreign.externalUserid}`, `「${foreign.customerName || foreign.externalUserid}」不是你跟进的客户，不能放入交接包。`);
      const id = letterId('pk');
      const now = ctx.now().toISOString();
      db.transaction(() => {
        db.prepare(`INSERT INTO handover_packets (id, request_id, member, created_at, note, status) VALUES (?, ?, ?, ?, ?, 'pending')`).run(id, input.requestId, member, now, input.note ?? null);
        const insert = db.prepare(`INSERT INTO handover_packet_entries (packet_id, seq, external_userid, customer_name, kind, text, sensitive, reasons, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`);
        checks.forEach(({ e, check }, i) => insert.run(id, i + 1, e.externalUserid, e.customerName, e.kind, e.text, check.status === 'sensitive' ? 1 : 0, JSON.stringify(check.reasons)));
        ctx.audit.append({
          actor: member, source: 'handover', action: 'handoverPacket.send', target: { kind: 'member', member }, before: null,
          after: { packetId: id, entries: checks.length, customers: new Set(input.entries.map((e) => e.externalUserid)).size, sensitive: checks.filter((c) => c.check.status === 'sensitive').length },
        });
      })();
      return { packet: view(packetById.get(id) as PacketRow), created: true };
    },

    /** Packets this member sent, newest first, with each entry's fate. */
    mine(member: string): PacketView[] {
      return (db.prepare(`SELECT * FROM handover_packets WHERE member = ? ORDER BY created_at DESC LIMIT 50`).all(member) as PacketRow[]).map(view);
    },

    /** Packets waiting for this reviewer: from members they oversee (never their own). */
    toReview(viewer: string): PacketView[] {
      return (db.prepare(`SELECT * FROM handover_packets WHERE status = 'pending' ORDER BY created_at`).all() as PacketRow[])
        .filter((p) => p.member !== viewer && ctx.directory.overseersOf(p.member).includes(viewer))
        .map(view);
    },

    review(viewer: string, id: string, decisions: { seq: number; decision: 'approve' | 'strike'; reason?: string | undefined }[]): PacketView {
      const p = packetById.get(id) as PacketRow | undefined;
      if (!p || !ctx.directory.overseersOf(p.member).includes(viewer)) throw new TeamHttpError('not_found', `no packet ${id} this reviewer may decide`, '找不到这个交接包，或你无权审核。');
      if (p.member === viewer) throw new TeamHttpError('forbidden', 'members may not review their own packet', '不能审核自己的交接包。');
      const entries = new Map((entriesOf.all(id) as EntryRow[]).map((e) => [e.seq, e]));
      for (const d of decisions) {
        const e = entries.get(d.seq);
        if (!e) throw new TeamHttpError('bad_request', `no entry ${d.seq}`, `交接包中没有第 ${d.seq} 条。`);
        if (e.decision !== 'pending') throw new TeamHttpError('conflict', `entry ${d.seq} already ${e.decision}`, `第 ${d.seq} 条已经审核过了。`);
      }
      const now = ctx.now().toISOString();
      db.transaction(() => {
        const approve = db.prepare(`UPDATE handover_packet_entries SET decision = 'approved', decided_by = ?, decided_at = ? WHERE packet_id = ? AND seq = ? AND decision = 'pending'`);
        const strike = db.prepare(`UPDATE handover_packet_entries SET decision = 'struck', strike_reason = ?, text = NULL, decided_by = ?, decided_at = ? WHERE packet_id = ? AND seq = ? AND decision = 'pending'`);
        for (const d of decisions) {
          const e = entries.get(d.seq)!;
          if (d.decision === 'approve') approve.run(viewer, now, id, d.seq); else strike.run(d.reason ?? null, viewer, now, id, d.seq);
          ctx.audit.append({
            actor: viewer, onBehalfOf: p.member, source: 'handover', action: d.decision === 'approve' ? 'handoverPacket.approve' : 'handoverPacket.strike',
            target: { kind: 'relation', member: p.member, customer: e.external_userid }, before: { decision: 'pending' },
            after: { packetId: id, seq: d.seq, kind: e.kind, sensitive: e.sensitive === 1, reason: d.reason ?? null },
          });
        }
        const left = db.prepare(`SELECT COUNT(*) FROM handover_packet_entries WHERE packet_id = ? AND decision = 'pending'`).pluck().get(id) as number;
        if (left === 0) db.prepare(`UPDATE handover_packets SET status = 'reviewed', reviewed_by = ?, reviewed_at = ? WHERE id = ?`).run(viewer, now, id);
      })();
      return view(packetById.get(id) as PacketRow);
    },

    /** Asks WeCom about this member's waiting transfers first; WeCom being unreachable only delays what shows. */
    async inheritedFresh(successor: string): Promise<InheritedEntryView[]> {
      try {
        await updateWaitingFor(ctx, successor);
      } catch (e) {
        ctx.log.warn({ err: e instanceof UpstreamError ? `WeCom ${e.errcode}` : (e as Error).message }, 'handover packets: transfer status not read');
      }
      return service.inherited(successor);
    },

    /** What this member inherited: approved entries for customers taken over from the author. */
    inherited(successor: string): InheritedEntryView[] {
      return (inheritedQuery.all(successor) as (EntryRow & { from_member: string; handover_id: string })[]).map((r) => ({
        ...entryView(r), packetId: r.packet_id, from: r.from_member, fromName: nameOf(r.from_member), handoverId: r.handover_id,
      }));
    },

    /**
     * The successor's answers. A sensitive entry is accepted only with `confirmed`; every
     * answered entry's text is erased here (an accepted one now lives on the successor's device).
     */
    claim(successor: string, claims: { packetId: string; seq: number; claim: 'accepted' | 'declined'; confirmed?: boolean | undefined }[]): InheritedEntryView[] {
      const open = new Map(service.inherited(successor).map((e) => [`${e.packetId}#${e.seq}`, e]));
      for (const c of claims) {
        const e = open.get(`${c.packetId}#${c.seq}`);
        if (!e) throw new TeamHttpError('not_found', `entry ${c.packetId}#${c.seq} not open for ${successor}`, '这条交接内容不存在、已处理，或客户还未转到你名下。');
        if (c.claim === 'accepted' && e.sensitive && !c.confirmed) throw new TeamHttpError('bad_request', 'sensitive entry needs confirmation', `「${e.text ?? ''}」是敏感内容，需要逐条确认后才能收下。`);
      }
      const now = ctx.now().toISOString();
      const done: InheritedEntryView[] = [];
      db.transaction(() => {
        const set = db.prepare(`UPDATE handover_packet_entries SET claim = ?, claimed_by = ?, claimed_at = ?, text = NULL WHERE packet_id = ? AND seq = ? AND claim IS NULL`);
        for (const c of claims) {
          const e = open.get(`${c.packetId}#${c.seq}`)!;
          set.run(c.claim, successor, now, c.packetId, c.seq);
          ctx.audit.append({
            actor: successor, source: 'handover', action: c.claim === 'accepted' ? 'handoverPacket.accept' : 'handoverPacket.decline',
            target: { kind: 'relation', member: successor, customer: e.externalUserid }, before: null,
            after: { packetId: c.packetId, seq: c.seq, from: e.from, kind: e.kind, sensitive: e.sensitive, confirmed: c.confirmed === true },
          });
          done.push({ ...e, claim: c.claim, claimedBy: successor });
        }
      })();
      return done;
    },
  };
  return service;
}

export type PacketService = ReturnType<typeof createPacketService>;
