// The personal-tag hand-over packet (docs/admin.md): the leaver builds it on their own device
// from the personal tags kept there (each entry checked by the company's linter) and sends it;
// the supervisor approves or strikes out each entry; the successor of each customer taken over
// accepts approved entries into their own device's personal tags (sensitive ones confirmed one
// by one) or declines them. Main re-checks everything; the team server decides who may see what.
import { z } from 'zod';
import { channel } from '../contract';
import { inheritedEntrySchema, packetSchema } from '../../team-api/handover-packet';

const checkSchema = z.object({ status: z.enum(['ok', 'sensitive', 'blocked']), reasons: z.array(z.string()), suggestion: z.string().nullable() });
export type PacketCheckView = z.infer<typeof checkSchema>;

export const packetDraftCustomerSchema = z.object({
  externalUserid: z.string(),
  name: z.string(),
  corpName: z.string().nullable(),
  tags: z.array(z.object({ name: z.string(), check: checkSchema })),
});
export type PacketDraftCustomer = z.infer<typeof packetDraftCustomerSchema>;

const entryArg = z.object({
  externalUserid: z.string().min(1).max(64),
  kind: z.enum(['tag', 'note']),
  text: z.string().trim().min(1, '内容不能为空').max(500, '交接备注最多 500 个字'),
}).strict();

export const inheritedNoteSchema = z.object({ externalUserid: z.string(), customerName: z.string(), from: z.string(), fromName: z.string(), text: z.string(), receivedAt: z.string() });

export const handoverPacketChannels = {
  'handover.packet.draft': channel({
    summary: "The member's customers that carry personal tags on this device, each tag checked for a hand-over packet.",
    args: z.object({}).strict(),
    result: z.object({ customers: z.array(packetDraftCustomerSchema) }),
  }),
  'handover.packet.check': channel({
    summary: 'Checks one packet text as it is typed: ok, sensitive (the successor must confirm) or blocked (cannot go), with reasons.',
    args: z.object({ kind: z.enum(['tag', 'note']), text: z.string().max(500) }).strict(),
    result: checkSchema,
  }),
  'handover.packet.send': channel({
    summary: 'Sends the packet to the supervisor for review (blocked texts are refused); audited on this device and centrally.',
    args: z.object({ entries: z.array(entryArg).min(1, '请至少选择一条').max(2000), note: z.string().trim().max(200).optional() }).strict(),
    result: packetSchema,
  }),
  'handover.packet.mine': channel({
    summary: 'Packets this member sent, with the fate of each entry.',
    args: z.object({}).strict(),
    result: z.object({ packets: z.array(packetSchema) }),
  }),
  'handover.packet.reviewList': channel({
    summary: "Packets from the reviewer's team waiting for review.",
    args: z.object({}).strict(),
    result: z.object({ packets: z.array(packetSchema) }),
  }),
  'handover.packet.review': channel({
    summary: 'Approves or strikes out packet entries (a struck entry never reaches the successor and is erased).',
    args: z.object({
      id: z.string().min(1).max(64),
      decisions: z.array(z.object({ seq: z.number().int().min(1), decision: z.enum(['approve', 'strike']), reason: z.string().trim().max(200).optional() }).strict()).min(1).max(2000),
    }).strict(),
    result: packetSchema,
  }),
  'handover.packet.inherited': channel({
    summary: 'Approved entries for customers taken over from a colleague, waiting for this member to accept or decline; plus notes already accepted.',
    args: z.object({}).strict(),
    result: z.object({ entries: z.array(inheritedEntrySchema.extend({ alreadyHave: z.boolean() })), notes: z.array(inheritedNoteSchema) }),
  }),
  'handover.packet.answer': channel({
    summary: "Accepts entries into this device's personal tags and notes (sensitive ones need confirmed: true) or declines them; audited.",
    args: z.object({
      answers: z.array(z.object({ packetId: z.string().min(1).max(64), seq: z.number().int().min(1), claim: z.enum(['accepted', 'declined']), confirmed: z.boolean().default(false) }).strict()).min(1).max(2000),
    }).strict(),
    result: z.object({ accepted: z.number().int(), declined: z.number().int() }),
  }),
};
