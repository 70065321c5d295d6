// Behaviour events in: the signed webhook (HMAC-SHA256 over `${timestamp}.${raw body}` with the
// company's ingest secret, a five-minute window against replays, idempotent by event id) and
// the CSV import of orders. Signature and window are checked before the body is even parsed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { INGEST_SIGNATURE_HEADER, INGEST_TIMESTAMP_HEADER, INGEST_WINDOW_SECONDS, behaviourEventSchema, toStored, type StoredEvent } from '../../../src-shared/automation/index';
import { decodeCsv, parseCsv } from '../admin/csv';
import { TeamHttpError } from '../http/respond';

export function signIngest(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/** Throws 401 unless the request is signed with `secret` and its timestamp is within the window. */
export function verifyIngest(secret: string | undefined, headers: IncomingHttpHeaders, raw: Buffer, nowMs: number): void {
  if (!secret) throw new TeamHttpError('forbidden', 'no ingest secret configured', '团队服务器未配置事件接入密钥。');
  const sig = String(headers[INGEST_SIGNATURE_HEADER] ?? '');
  const ts = String(headers[INGEST_TIMESTAMP_HEADER] ?? '');
  if (!/^\d{1,12}$/.test(ts)) throw new TeamHttpError('unauthenticated', 'missing or malformed timestamp header', '事件请求缺少时间戳。');
  if (Math.abs(nowMs / 1000 - Number(ts)) > INGEST_WINDOW_SECONDS) {
    throw new TeamHttpError('unauthenticated', `timestamp outside the ${INGEST_WINDOW_SECONDS}s window (replay or clock skew)`, '事件请求已过期（时间戳超出 5 分钟），已拒绝。');
  }
  const expected = Buffer.from(signIngest(secret, ts, raw));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TeamHttpError('unauthenticated', 'bad ingest signature', '事件请求签名不正确，已拒绝。');
  }
}

const ORDER_ALIASES: Record<string, readonly string[]> = {
  orderId: ['订单号', '订单编号', 'order_id', 'orderid'],
  externalUserid: ['客户ID', '客户id', 'external_userid', 'externaluserid'],
  userid: ['跟进成员', '成员', 'userid'],
  amount: ['金额', '订单金额', '实付金额', 'amount'],
  product: ['商品', '商品名称', '产品', 'product'],
  category: ['品类', '类目', 'category'],
  at: ['下单时间', '时间', '日期', 'at', 'time'],
};

export interface OrderImport {
  events: StoredEvent[];
  errors: { row: number; message: string }[];
}

/** A `2026-03-01 14:30` style time without zone is China time. */
function parseTime(s: string): string | null {
  const t = s.trim().replace(/\//g, '-');
  const m = /^(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(t);
  if (m) {
    const [y, mo, d] = m[1]!.split('-').map((x) => x.padStart(2, '0'));
    const time = (m[2] ?? '00:00:00').split(':').map((x) => x.padStart(2, '0'));
    if (time.length === 2) time.push('00');
    return `${y}-${mo}-${d}T${time.join(':')}+08:00`;
  }
  return Number.isNaN(Date.parse(t)) ? null : new Date(t).toISOString();
}

/** Orders from a CSV file (UTF-8, BOM or GBK): each row becomes a `purchase` event with id `order:<订单号>`. */
export function parseOrderCsv(bytes: Uint8Array): OrderImport {
  const { header, rows } = parseCsv(decodeCsv(bytes).text);
  const col: Record<string, number> = {};
  for (const [field, aliases] of Object.entries(ORDER_ALIASES)) {
    const i = header.findIndex((h) => aliases.some((a) => a.toLowerCase() === h.trim().toLowerCase()));
    if (i >= 0) col[field] = i;
  }
  const errors: OrderImport['errors'] = [];
  for (const f of ['orderId', 'externalUserid', 'amount', 'product', 'at']) {
    if (col[f] === undefined) errors.push({ row: 1, message: `缺少列：${ORDER_ALIASES[f]![0]}` });
  }
  if (errors.length) return { events: [], errors };
  const events: StoredEvent[] = [];
  rows.forEach((r, i) => {
    const cell = (f: string): string => (col[f] === undefined ? '' : (r[col[f]] ?? '').trim());
    const at = parseTime(cell('at'));
    const amount = Number(cell('amount').replace(/[¥,，\s]/g, ''));
    const candidate = {
      id: `order:${cell('orderId')}`, kind: 'purchase', externalUserid: cell('externalUserid'), ...(cell('userid') ? { userid: cell('userid') } : {}),
      at: at ?? '', orderId: cell('orderId'), amount, product: cell('product'), ...(cell('category') ? { category: cell('category') } : {}),
    };
    const parsed = behaviourEventSchema.safeParse(candidate);
    if (!parsed.success) errors.push({ row: i + 2, message: parsed.error.issues.map((x) => `${x.path.join('.') || '行'}：${x.message}`).join('；') });
    else events.push(toStored(parsed.data));
  });
  return { events, errors };
}

export const orderImportSchema = z.strictObject({ fileBase64: z.string().min(1).max(20_000_000), dryRun: z.boolean().default(false) });
