// Central audit over HTTP: desktops upload their enterprise chain; members query what they
// may see (their own, a supervisor's team, an admin everything); admins export a chain as a
// file that `tagdesk audit verify` checks end to end.
import { z } from 'zod';
import { AUDIT_SOURCES_V1 } from '../../../src-shared/audit/index';
import { readJson, validate } from '../http/body';
import { sendOk, TeamHttpError } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import { deviceChain, SERVER_CHAIN } from '../audit/central-audit';

const querySchema = z
  .object({
    customer: z.string().max(64).optional(),
    member: z.string().max(64).optional(),
    source: z.enum(AUDIT_SOURCES_V1).optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const auditRoutes: Route[] = [
  {
    method: 'POST',
    path: '/team/v1/audit/segments',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, z.object({ events: z.array(z.unknown()).min(1).max(1000) }).strict());
      sendOk(res, ctx.audit.upload(device!.deviceId, body.events));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/audit/head',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { head: ctx.audit.head(deviceChain(device!.deviceId)) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/audit',
    auth: 'device',
    handle(ctx, { res, url, device }) {
      const q = validate(querySchema, Object.fromEntries(url.searchParams.entries()), 'query');
      sendOk(res, { events: ctx.audit.query(device!.userid, q) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/audit/chains',
    auth: 'device',
    handle(ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以导出审计记录。');
      sendOk(res, { chains: ctx.audit.chains() });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/audit/export',
    auth: 'device',
    handle(ctx, { res, url, device }) {
      requireAdmin(device, '只有管理员可以导出审计记录。');
      const chain = url.searchParams.get('chain') ?? SERVER_CHAIN;
      if (chain !== SERVER_CHAIN && !/^device:[0-9a-f-]{36}$/.test(chain)) throw new TeamHttpError('bad_request', `unknown chain ${chain}`, '审计链名称无效。');
      const text = ctx.audit.export(chain);
      res.writeHead(200, {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="tagdesk-audit-${chain.replace(':', '-')}.jsonl"`,
        'Cache-Control': 'no-store',
      });
      res.end(text);
    },
  },
];
