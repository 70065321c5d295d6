// Tag import (preview, then commit as one undoable batch) and customer export as CSV. The file
// travels base64-encoded in JSON so its bytes — and so its encoding — reach the server intact.
import { z } from 'zod';
import { sendOk, TeamHttpError } from '../http/respond';
import type { Route } from '../http/router';
import { readLargeJson } from '../admin/large-body';
import { commitImport, exportCustomersCsv, runImportCheck } from '../admin/import-export';
import { importColumnRoleSchema, selectorSchema } from '../../../src-shared/team-api/admin';

const fileSchema = {
  fileBase64: z.string().min(1).max(22_000_000),
  fileName: z.string().max(200).optional(),
  mapping: z.record(z.string().max(200), importColumnRoleSchema).optional(),
};
const previewSchema = z.object(fileSchema).strict();
const commitSchema = z.object({ ...fileSchema, title: z.string().trim().min(1).max(100).optional(), skipErrors: z.boolean().default(false) }).strict();

const bytesOf = (b64: string): Uint8Array => {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length === 0) throw new TeamHttpError('bad_request', 'fileBase64 is empty or not base64', '文件内容无法读取。');
  return buf;
};

export const importRoutes: Route[] = [
  {
    method: 'POST',
    path: '/team/v1/import/preview',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readLargeJson(req, previewSchema);
      const { preview, encoding } = await runImportCheck(ctx, device!.userid, bytesOf(body.fileBase64), body.mapping);
      const { changes: _changes, ...rest } = preview;
      sendOk(res, { ...rest, encoding, relations: preview.changes.length });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/import/commit',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readLargeJson(req, commitSchema);
      const { batch, preview } = await commitImport(ctx, device!.userid, bytesOf(body.fileBase64), {
        skipErrors: body.skipErrors, ...(body.mapping ? { mapping: body.mapping } : {}), ...(body.title ? { title: body.title } : {}), ...(body.fileName ? { fileName: body.fileName } : {}),
      });
      sendOk(res, { batch, rows: preview.rows, ok: preview.ok, skipped: preview.rows - preview.ok }, 201);
    },
  },
  {
    method: 'POST',
    path: '/team/v1/export/customers',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readLargeJson(req, z.object({ selector: selectorSchema.optional() }).strict());
      const { csv, rows } = await exportCustomersCsv(ctx, device!.userid, body.selector ?? null);
      const name = `customers-${ctx.now().toISOString().slice(0, 10)}.csv`;
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'X-Tagdesk-Rows': String(rows),
        'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
      });
      res.end(csv);
    },
  },
  {
    // The CLI's `--as USERID` shortcut: a device token without WeCom's login page, demo servers only.
    method: 'POST',
    path: '/team/v1/demo/sign-in-as',
    auth: 'none',
    async handle(ctx, { req, res }) {
      if (!ctx.config.demo) throw new TeamHttpError('forbidden', 'sign-in-as is only available on a demo server', '只有演示服务器支持直接以成员身份登录。');
      const body = await readLargeJson(req, z.object({ userid: z.string().min(1).max(64), deviceLabel: z.string().max(120).optional() }).strict(), 4096);
      const member = ctx.directory.member(body.userid);
      if (!member?.active) throw new TeamHttpError('not_found', `no active member ${body.userid}`, `通讯录中没有成员「${body.userid}」。`);
      const { token, deviceId } = ctx.devices.issue(body.userid, body.deviceLabel ?? 'tagdesk CLI (demo)');
      sendOk(res, { deviceToken: token, deviceId });
    },
  },
];
