// The company's policy document: every member's desktop fetches it (and works offline with
// the last revision); admins save new revisions, which are pushed as policy.updated.
import { z } from 'zod';
import { sendOk } from '../http/respond';
import { readJson } from '../http/body';
import { requireAdmin, type Route } from '../http/router';
import { automationOf } from '../automation/automation-service';
import { requireBacktestedRules } from '../automation/backtest-gate';

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
      requireAdmin(device, '只有管理员可以修改策略。');
      const body = await readJson(req, z.unknown());
      const before = ctx.policy.current();
      const doc = ctx.policy.save(body, device!.userid, (saved) => {
        // Enabling an automation rule needs a recent backtest of that exact rule, here too.
        requireBacktestedRules(ctx, automationOf(ctx).store, before, saved);
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'policy.save', target: { kind: 'policy', revision: saved.revision }, before: { revision: saved.revision - 1 }, after: { revision: saved.revision } });
      });
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
      requireAdmin(device, '只有管理员可以修改合规规则。');
      const body = await readJson(req, z.unknown());
      const overlay = ctx.db.transaction(() => {
        const saved = ctx.rulePacks.saveOverlay(body, device!.userid);
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'rules.overlay.save', target: { kind: 'policy' }, before: null, after: { overlayId: saved.id, overlayVersion: saved.version } });
        return saved;
      })();
      sendOk(res, overlay, 201);
    },
  },
];
