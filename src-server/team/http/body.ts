// Reading request bodies: a size limit enforced while streaming, JSON only, then the route's
// zod schema — so a handler only ever sees validated data.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { TeamHttpError } from './respond';

export const MAX_JSON_BODY = 256 * 1024;

export async function readRawBody(req: IncomingMessage, limit = MAX_JSON_BODY): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > limit;
  for await (const chunk of req) {
    const c = chunk as Buffer;
    size += c.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(c);
  }
  if (tooLarge) throw new TeamHttpError('payload_too_large', `body over ${limit} bytes`, '提交的内容过大，未做任何更改。');
  return Buffer.concat(chunks);
}

export function parseJsonBuffer(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new TeamHttpError('bad_request', 'body is not valid JSON', '提交的内容不是有效的 JSON，未做任何更改。');
  }
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
    throw new TeamHttpError('bad_request', `invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, '提交的内容格式不正确，未做任何更改。', issues);
  }
  return r.data;
}

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) {
    throw new TeamHttpError('unsupported_media_type', `content-type must be application/json, got "${type}"`, '请求格式不正确。');
  }
  return validate(schema, parseJsonBuffer(await readRawBody(req)));
}
