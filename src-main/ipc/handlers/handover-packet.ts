// The hand-over packet's channels: building and checking on this device, sending and reviewing
// through the team server, and the successor's answers written into this device's store
// before the server hears of them (so an answer the server missed is simply given again).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { teamRequest } from '../team-call';
import { inheritedEntrySchema, packetSchema, type InheritedEntryView } from '../../../src-shared/team-api/handover-packet';
import { acceptLocally, alreadyHave, auditDeclined, auditPacketSent, checkText, inheritedNotes, packetDraft, preparePacket } from '../../workspace/handover-packet';

type PacketChannel = Extract<keyof HandlerTable, `handover.packet.${string}`>;

export function handoverPacketHandlers(s: Services): Pick<HandlerTable, PacketChannel> {
  const request = teamRequest(s);
  const packets = z.object({ packets: z.array(packetSchema) });
  const inherited = (): Promise<InheritedEntryView[]> => request('GET', '/team/v1/handover-packets/inherited', z.object({ entries: z.array(inheritedEntrySchema) })).then((r) => r.entries);

  return {
    'handover.packet.draft': async () => ({ customers: packetDraft(s.workspace().packetDeps()) }),
    'handover.packet.check': async ({ kind, text }) => checkText(s.workspace().packetDeps(), kind, text),
    'handover.packet.send': async ({ entries, note }) => {
      const deps = s.workspace().packetDeps();
      const ready = preparePacket(deps, entries);
      const packet = await request('POST', '/team/v1/handover-packets', packetSchema, { requestId: randomUUID(), entries: ready, ...(note ? { note } : {}) });
      auditPacketSent(deps, packet.id, ready);
      return packet;
    },
    'handover.packet.mine': () => request('GET', '/team/v1/handover-packets', packets),
    'handover.packet.reviewList': () => request('GET', '/team/v1/handover-packets/review', packets),
    'handover.packet.review': ({ id, decisions }) => request('POST', `/team/v1/handover-packets/${encodeURIComponent(id)}/review`, packetSchema, { decisions }),
    'handover.packet.inherited': async () => {
      const deps = s.workspace().packetDeps();
      const entries = await inherited();
      return { entries: entries.map((e) => ({ ...e, alreadyHave: alreadyHave(deps, e) })), notes: inheritedNotes(deps) };
    },
    'handover.packet.answer': async ({ answers }) => {
      const deps = s.workspace().packetDeps();
      const open = new Map((await inherited()).map((e) => [`${e.packetId}#${e.seq}`, e]));
      for (const a of answers) {
        const e = open.get(`${a.packetId}#${a.seq}`);
        if (!e) throw new HandledError('not_found', `packet entry ${a.packetId}#${a.seq} not open`, '这条交接内容已处理，或客户还未转到你名下，请刷新。');
        if (a.claim === 'accepted' && e.sensitive && !a.confirmed) throw new HandledError('forbidden', 'sensitive entry not confirmed', `「${e.text ?? ''}」是敏感内容，请逐条确认后再收下。`);
      }
      // This device first: an entry is the successor's own once written here; the server then
      // erases its copy. If the server call fails, the entry is offered again and re-accepting
      // changes nothing locally.
      for (const a of answers) {
        const e = open.get(`${a.packetId}#${a.seq}`)!;
        if (a.claim === 'accepted') await acceptLocally(deps, e, a.confirmed); else auditDeclined(deps, e);
      }
      await request('POST', '/team/v1/handover-packets/claims', z.object({ entries: z.array(inheritedEntrySchema) }), { claims: answers });
      return { accepted: answers.filter((a) => a.claim === 'accepted').length, declined: answers.filter((a) => a.claim === 'declined').length };
    },
  };
}
