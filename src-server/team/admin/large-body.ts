// Admin uploads (pasted id lists, CSV imports) are larger than the API's usual 256 KiB: the
// same checks as readJson with a limit of its own.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { parseJsonBuffer, readRawBody, validate } from '../http/body';
import { TeamHttpError } from '../http/respond';

export const MAX_ADMIN_BODY = 16 * 1024 * 1024;

export async function readLargeJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit = MAX_ADMIN_BODY): Promise<z.output<S>> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) throw new TeamHttpError('unsupported_media_type', `content-type must be application/json, got "${type}"`, '请求格式不正确。');
  return validate(schema, parseJsonBuffer(await readRawBody(req, limit)));
}
