// Mute rules and mass messages over HTTP: lifts (create, list), a verdict with its reasons, the
// week preview of a draft rule before it goes live, recipients of a tag-targeted mass message,
// and syncing WeCom's intercept rules with the rule pack. Saving rules themselves is the policy
// save (PUT /team/v1/policy), validated there like every other part of the policy.
import { z } from 'zod';
import { createLiftSchema } from '../../../src-shared/mute/lift';
import { messagePreviewSchema, previewRequestSchema } from '../../../src-shared/team-api/mute';
import { readJson } from '../http/body';
import { sendOk, TeamHttpError } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import type { TeamContext } from '../context';
import type { MuteRule } from '../../../src-shared/policy/index';
import { muteServiceOf } from '../mute/mute-service';
import { previewMassMessage } from '../mute/mass-messages';
import { syncInterceptRules } from '../mute/intercept-sync';
import { describeMe } from './session';

/** May `viewer` see verdicts of `member`? Themselves, their team (supervisors), everyone (admins). */
function requireOversight(ctx: TeamContext, viewer: string, member: string): void {
  if (viewer === member) return;
  const me = ctx.directory.member(viewer);
  if (me && (me.role === 'admin' || (me.role === 'supervisor' && ctx.directory.teamOf(me).some((m) => m.userid === member)))) return;
  throw new TeamHttpError('forbidden', `${viewer} may not see ${member}'s verdicts`, '你只能查看自己（主管可查看本团队）的屏蔽结果。');
}

/** Admins edit every rule; anyone else only their own personal rule (new or existing). */
function requireRuleOwner(ctx: TeamContext, userid: string, rule: MuteRule, existing: MuteRule | undefined): void {
  if (ctx.directory.member(userid)?.role === 'admin') return;
  const own = (r: MuteRule): boolean => r.owner.kind === 'member' && r.owner.memberId === userid;
  if (!own(rule) || (existing !== undefined && !own(existing))) {
    throw new TeamHttpError('forbidden', `${userid} may only edit their own mute rules`, '只有管理员可以编辑公司规则；你可以编辑自己的免打扰时段。');
  }
}

const parseAt = (raw: string | null): Date => {
  if (raw === null || raw === '') return new Date(NaN);
  return new Date(raw);
};

export const muteRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/mute/lifts',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { lifts: muteServiceOf(ctx).lifts.visibleTo(device!.userid) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/mute/lifts',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, z.unknown());
      const input = createLiftSchema.safeParse(body);
      if (!input.success) throw new TeamHttpError('bad_request', input.error.message, input.error.issues[0]?.message ?? '解除请求有误。', input.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const lift = muteServiceOf(ctx).lifts.create(device!.userid, input.data);
      sendOk(res, lift, 201);
    },
  },
  {
    method: 'DELETE',
    path: '/team/v1/mute/lifts/:id',
    auth: 'device',
    handle(ctx, { res, params, device }) {
      sendOk(res, muteServiceOf(ctx).lifts.end(device!.userid, params.id!));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/mute/verdict',
    auth: 'device',
    async handle(ctx, { res, url, device }) {
      const member = url.searchParams.get('member') ?? device!.userid;
      const customer = url.searchParams.get('customer');
      if (!customer) throw new TeamHttpError('bad_request', 'customer is required', '请指定客户。', [{ path: 'customer', message: '请指定客户' }]);
      const at = url.searchParams.has('at') ? parseAt(url.searchParams.get('at')) : ctx.now();
      if (Number.isNaN(at.getTime())) throw new TeamHttpError('bad_request', 'at must be ISO 8601', '时间格式应为 ISO 8601。', [{ path: 'at', message: '时间格式应为 ISO 8601' }]);
      requireOversight(ctx, device!.userid, member);
      sendOk(res, await muteServiceOf(ctx).explain(member, customer, at));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/mute/preview',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, previewRequestSchema);
      const viewer = ctx.directory.member(device!.userid);
      if (!viewer || (viewer.role !== 'admin' && viewer.role !== 'supervisor' && body.rule === undefined)) {
        throw new TeamHttpError('forbidden', 'preview of company rules is for supervisors and admins', '只有主管和管理员可以预览公司规则；你可以预览自己的规则草稿。');
      }
      const mute = muteServiceOf(ctx);
      const draft = body.rule !== undefined ? mute.parseDraft(body.rule) : undefined;
      if (draft && draft.owner.kind === 'member' && draft.owner.memberId !== viewer.userid && viewer.role !== 'admin') {
        throw new TeamHttpError('forbidden', 'draft of another member', '只能预览你自己的个人规则。');
      }
      if (draft?.owner.kind === 'company' && viewer.role !== 'admin' && viewer.role !== 'supervisor') {
        throw new TeamHttpError('forbidden', 'company rule drafts are for admins', '只有管理员可以编辑公司规则。');
      }
      const start = body.start !== undefined ? new Date(body.start) : ctx.now();
      sendOk(res, await mute.preview(viewer, { ...(draft ? { draft } : {}), ...(body.ruleId !== undefined ? { ruleId: body.ruleId } : {}), days: body.days, start }));
    },
  },
  {
    // One rule saved as a new policy revision (validated and audited like any policy save):
    // admins save any rule, members only their own quiet hours.
    method: 'PUT',
    path: '/team/v1/mute/rules/:id',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const mute = muteServiceOf(ctx);
      const rule = mute.parseDraft(await readJson(req, z.unknown()));
      if (rule.id !== params.id) throw new TeamHttpError('bad_request', 'rule id does not match the path', '规则 ID 与地址不一致。', [{ path: 'id', message: '规则 ID 与地址不一致' }]);
      const current = ctx.policy.current();
      requireRuleOwner(ctx, device!.userid, rule, current.muteRules.find((r) => r.id === rule.id));
      const saved = ctx.policy.save({ ...current, revision: current.revision + 1, muteRules: [...current.muteRules.filter((r) => r.id !== rule.id), rule] }, device!.userid, (doc) => {
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'muteRule.save', target: { kind: 'muteRule', ruleId: rule.id }, before: null, after: { revision: doc.revision, name: rule.name, effect: rule.effect, enabled: rule.enabled } });
      });
      sendOk(res, { rule: saved.muteRules.find((r) => r.id === rule.id), revision: saved.revision, problems: mute.compile().problems.filter((p) => p.ruleId === rule.id) });
    },
  },
  {
    method: 'DELETE',
    path: '/team/v1/mute/rules/:id',
    auth: 'device',
    handle(ctx, { res, params, device }) {
      const current = ctx.policy.current();
      const existing = current.muteRules.find((r) => r.id === params.id);
      if (!existing) throw new TeamHttpError('not_found', `no mute rule ${params.id}`, '找不到该屏蔽规则。');
      requireRuleOwner(ctx, device!.userid, existing, existing);
      const saved = ctx.policy.save({ ...current, revision: current.revision + 1, muteRules: current.muteRules.filter((r) => r.id !== params.id) }, device!.userid, (doc) => {
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'muteRule.delete', target: { kind: 'muteRule', ruleId: existing.id }, before: { name: existing.name }, after: { revision: doc.revision } });
      });
      sendOk(res, { deleted: existing.id, revision: saved.revision });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/messages/preview',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, messagePreviewSchema);
      sendOk(res, await previewMassMessage(ctx, device!.userid, body));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/mute/intercept-sync',
    auth: 'device',
    async handle(ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以同步敏感词拦截规则。');
      try {
        sendOk(res, await syncInterceptRules(ctx, device!.userid));
      } catch (e) {
        throw new TeamHttpError('upstream_unavailable', `intercept sync failed: ${(e as Error).message}`, '同步企业微信敏感词规则失败，请稍后重试。');
      }
    },
  },
  {
    // Demo only: a device token for a member without WeCom's login page, for the CLI
    // (`tagdesk mute explain --server URL --member ID`). Absent on real servers.
    method: 'POST',
    path: '/team/v1/demo/device',
    auth: 'none',
    async handle(ctx, { req, res }) {
      if (!ctx.config.demo) throw new TeamHttpError('not_found', 'demo only', '请求的接口不存在。');
      const { userid } = await readJson(req, z.strictObject({ userid: z.string().min(1).max(64) }));
      if (!ctx.directory.member(userid)?.active) throw new TeamHttpError('not_found', `no member ${userid}`, '通讯录中没有该成员。');
      const { deviceId, token } = ctx.devices.issue(userid, 'tagdesk CLI (demo)');
      sendOk(res, { deviceToken: token, me: describeMe(ctx, userid, deviceId) });
    },
  },
];
