// The company's policy document: every member's desktop fetches it (and works offline with
// the last revision); admins save new revisions, which are pushed as policy.updated.
import { sendOk, TeamHttpError } from '../http/respond';
import { parseJsonBuffer, readRawBody } from '../http/body';
import type { Route } from '../http/router';

export const policyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/policy',
    auth: 'device',
    handle(ctx, { res }) {
      sendOk(res, ctx.policy.current());
    },
  },
  {
    method: 'PUT',
    path: '/team/v1/policy',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      if (device!.role !== 'admin') throw new TeamHttpError('forbidden', 'admin only', '只有管理员可以修改策略。');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new TeamHttpError('unsupported_media_type', 'content-type must be application/json', '请求格式不正确。');
      }
      const body = await readRawBody(req);
      const before = ctx.policy.current().revision;
      const doc = ctx.db.transaction(() => {
        const saved = ctx.policy.save(parseJsonBuffer(body), device!.userid);
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'policy.save', target: { kind: 'policy', revision: saved.revision }, before: { revision: before }, after: { revision: saved.revision } });
        return saved;
      })();
      ctx.log.info({ revision: doc.revision, by: device!.userid }, 'policy saved');
      sendOk(res, doc);
    },
  },
];

/** The compliance rules in force, which desktops lint with (offline too), and admins' overlays. */
export const ruleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/rules',
    auth: 'device',
    handle(ctx, { res }) {
      const policy = ctx.policy.current();
      sendOk(res, { ref: policy.rulePack, ...ctx.rulePacks.inForce(policy) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/rule-overlays',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      if (device!.role !== 'admin') throw new TeamHttpError('forbidden', 'admin only', '只有管理员可以修改合规规则。');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new TeamHttpError('unsupported_media_type', 'content-type must be application/json', '请求格式不正确。');
      }
      const body = await readRawBody(req);
      const overlay = ctx.db.transaction(() => {
        const saved = ctx.rulePacks.saveOverlay(parseJsonBuffer(body), device!.userid);
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'rules.overlay.save', target: { kind: 'policy' }, before: null, after: { overlayId: saved.id, overlayVersion: saved.version } });
        return saved;
      })();
      sendOk(res, overlay, 201);
    },
  },
];
