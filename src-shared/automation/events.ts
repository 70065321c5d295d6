// Behaviour events that reach the team server from the company's other systems (web shop,
// forms, store tills, the chat archive) through POST /team/v1/ingest: one validated shape per
// kind. The ids are the sender's, so a resent event is recognised and ignored.
import { z } from 'zod';
import { BEHAVIOUR_EVENTS } from '../policy/automation-rule';

export type BehaviourEventKind = (typeof BEHAVIOUR_EVENTS)[number];

/** Each kind as the Chinese reasons of a firing name it (「72 小时内点击链接 3 次」). */
export const BEHAVIOUR_EVENT_LABELS: Record<BehaviourEventKind, string> = {
  link_clicked: '点击链接', material_viewed: '浏览资料', form_submitted: '提交表单', group_joined: '加入群聊',
  group_left: '退出群聊', purchase: '下单购买', store_visit: '到店', chat_message: '聊天消息',
};

/** A span of hours as a reason says it: whole days as days. */
export const spanText = (hours: number): string => (hours % 24 === 0 ? `${hours / 24} 天` : `${hours} 小时`);

const base = {
  /** The sender's id for this event; the same id sent twice is stored and acted on once. */
  id: z.string().min(1).max(128).regex(/^[\w.:-]+$/, { error: '事件 ID 只能用字母、数字和 . _ : -' }),
  externalUserid: z.string().min(1).max(64),
  /** The member involved (the one who sent the link, served the visit, chatted), when known. */
  userid: z.string().min(1).max(64).optional(),
  at: z.string().datetime({ offset: true, error: '时间应为 ISO 8601' }),
};

export const behaviourEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('link_clicked'), url: z.string().min(1).max(2000), linkId: z.string().max(128).optional() }),
  z.strictObject({ ...base, kind: z.literal('material_viewed'), materialId: z.string().min(1).max(128), seconds: z.number().int().min(0).max(86_400) }),
  z.strictObject({ ...base, kind: z.literal('form_submitted'), formId: z.string().min(1).max(128), fields: z.record(z.string().max(64), z.string().max(500)).optional() }),
  z.strictObject({ ...base, kind: z.literal('group_joined'), chatId: z.string().min(1).max(128) }),
  z.strictObject({ ...base, kind: z.literal('group_left'), chatId: z.string().min(1).max(128) }),
  z.strictObject({
    ...base, kind: z.literal('purchase'), orderId: z.string().min(1).max(128),
    /** Yuan, two decimals at most. */
    amount: z.number().min(0).max(100_000_000),
    product: z.string().min(1).max(100),
    category: z.string().max(50).optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('store_visit'), storeId: z.string().min(1).max(128) }),
  z.strictObject({ ...base, kind: z.literal('chat_message'), text: z.string().min(1).max(4000), from: z.enum(['customer', 'member']).default('customer') }),
], { error: `事件类型应为 ${BEHAVIOUR_EVENTS.join(' / ')} 之一` });
export type BehaviourEvent = z.output<typeof behaviourEventSchema>;

export const MAX_EVENTS_PER_REQUEST = 500;
export const ingestBodySchema = z.strictObject({ events: z.array(behaviourEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST) });

/** An event as stored and evaluated: time in ms, the kind's fields in `data`. */
export interface StoredEvent {
  id: string;
  kind: BehaviourEventKind;
  externalUserid: string;
  userid: string | null;
  at: number;
  data: Record<string, unknown>;
}

export function toStored(e: BehaviourEvent): StoredEvent {
  const { id, kind, externalUserid, userid, at, ...data } = e;
  return { id, kind, externalUserid, userid: userid ?? null, at: Date.parse(at), data };
}

/** The signed-request headers: `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${rawBody}`). */
export const INGEST_SIGNATURE_HEADER = 'x-tagdesk-signature';
export const INGEST_TIMESTAMP_HEADER = 'x-tagdesk-timestamp';
/** A request whose timestamp is further than this from the server's clock is refused (replays). */
export const INGEST_WINDOW_SECONDS = 300;
