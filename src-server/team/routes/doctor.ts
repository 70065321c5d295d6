// The tag health check over HTTP (admins): the report, and the safe one-click fixes.
import { z } from 'zod';
import { readJson, validate } from '../http/body';
import { sendOk } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import { doctorFixSchema, runDoctor, runDoctorFix } from '../doctor/doctor';

const querySchema = z.strictObject({ sample: z.coerce.number().int().min(1).max(5000).optional() });

export const doctorRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/doctor',
    auth: 'device',
    async handle(ctx, { res, url, device }) {
      requireAdmin(device, '只有管理员可以运行标签体检。');
      const q = validate(querySchema, Object.fromEntries(url.searchParams.entries()), 'query');
      sendOk(res, await runDoctor(ctx, device!.userid, q.sample !== undefined ? { sample: q.sample } : {}));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/doctor/fix',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以执行体检修复。');
      sendOk(res, await runDoctorFix(ctx, device!.userid, await readJson(req, doctorFixSchema)));
    },
  },
];
