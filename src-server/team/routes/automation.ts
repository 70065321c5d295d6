// Automation (docs/automation.md): the signed events webhook (HMAC only, no device token), the
// CSV import of orders, rules saved as policy revisions (admins), backtest, the nightly pass on
// demand, held rules and their confirmation, provenance of automatic assignments and reverting
// one, the expiry sweep, the synonym lists, and the demo event stream.
import { z } from 'zod';
import { automationRuleSchema, type AutomationRule } from '../../../src-shared/policy/index';
import { AUTOMATION_TEMPLATES, ingestBodySchema, rfmScore, rfmThresholdsSchema, RFM_QUADRANTS, RFM_SEGMENTS, SYNONYM_LISTS, toStored } from '../../../src-shared/automation/index';
import { relationsInScope } from '../admin/relations';
import { parseJsonBuffer, readJson, readRawBody, validate } from '../http/body';
import { readLargeJson } from '../admin/large-body';
import { sendOk, TeamHttpError } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import type { TeamContext } from '../context';
import { automationOf } from '../automation/automation-service';
import { orderImportSchema, parseOrderCsv, verifyIngest } from '../automation/ingest';
import { BACKTEST_DAYS, checkRuleAgainstCatalog } from '../automation/planner';
import { catalogGroups } from '../admin/selection';
import { generateDemoStream } from '../automation/demo-stream';
import { relationsOf } from '../automation/planner';
import { recordBacktest, requireBacktested } from '../automation/backtest-gate';

const INGEST_LIMIT = 1024 * 1024;

async function checkedRule(ctx: TeamContext, input: unknown): Promise<AutomationRule> {
  const rule = validate(automationRuleSchema, input, 'rule');
  if (rule.trigger.kind === 'keyword' && !SYNONYM_LISTS.some((l) => l.id === (rule.trigger as { synonymListId: string }).synonymListId)) {
    throw new TeamHttpError('bad_request', 'unknown synonym list', `找不到同义词表「${rule.trigger.synonymListId}」`, [{ path: 'trigger.synonymListId', message: '找不到该同义词表' }]);
  }
  // WeCom keeps no time per tag, so "time since a tag was added" has no trustworthy start yet.
  if (rule.trigger.kind === 'timeSince' && rule.trigger.since === 'tag_added') {
    throw new TeamHttpError('bad_request', 'timeSince tag_added is not supported yet', '暂不支持「打标签后经过多久」作为触发条件。', [{ path: 'trigger.since', message: '暂不支持 tag_added' }]);
  }
  const problems = checkRuleAgainstCatalog(rule, await catalogGroups(ctx));
  if (problems.length) throw new TeamHttpError('bad_request', `rule does not fit the catalog: ${problems.join('; ')}`, problems.join('；'), problems.map((message) => ({ path: 'rule', message })));
  return rule;
}

const sameRule = (a: AutomationRule, b: AutomationRule): boolean => JSON.stringify({ ...a, version: 0, enabled: false }) === JSON.stringify({ ...b, version: 0, enabled: false });

export const automationRoutes: Route[] = [
  {
    // Signed by the company's ingest secret; a device token means nothing here.
    method: 'POST',
    path: '/team/v1/ingest',
    auth: 'none',
    async handle(ctx, { req, res }) {
      const raw = await readRawBody(req, INGEST_LIMIT);
      verifyIngest(ctx.config.ingestSecret, req.headers, raw, ctx.now().getTime());
      const body = validate(ingestBodySchema, parseJsonBuffer(raw));
      const ids = new Set<string>();
      for (const e of body.events) {
        if (ids.has(e.id)) throw new TeamHttpError('bad_request', `event id ${e.id} twice in one request`, `事件 ID「${e.id}」在同一请求中重复。`);
        ids.add(e.id);
      }
      const r = await automationOf(ctx).ingest(body.events.map(toStored), 'webhook');
      sendOk(res, { accepted: r.accepted, duplicates: r.duplicates, runs: r.runs.filter((x) => x.status !== 'nothing' || x.approvals > 0) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/orders',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以导入订单。');
      const body = await readLargeJson(req, orderImportSchema);
      const parsed = parseOrderCsv(Buffer.from(body.fileBase64, 'base64'));
      if (body.dryRun || parsed.errors.length) {
        sendOk(res, { rows: parsed.events.length, errors: parsed.errors, accepted: 0, duplicates: 0 });
        return;
      }
      const r = await automationOf(ctx).ingest(parsed.events, 'csv');
      ctx.audit.append({ actor: device!.userid, source: 'import', action: 'automation.orders', target: { kind: 'catalog' }, before: null, after: { rows: parsed.events.length, accepted: r.accepted } });
      sendOk(res, { rows: parsed.events.length, errors: [], accepted: r.accepted, duplicates: r.duplicates });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/automation/rules',
    auth: 'device',
    handle(ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以查看自动化规则。');
      const store = automationOf(ctx).store;
      const stats = store.ruleStats();
      const none = { hits: 0, customers: 0, lastHitAt: null, lastAppliedAt: null };
      sendOk(res, { rules: ctx.policy.current().automationRules.map((rule) => ({ rule, hold: store.hold(rule.id, rule.version), stats: stats.get(rule.id) ?? none })), synonymLists: SYNONYM_LISTS });
    },
  },
  {
    method: 'PUT',
    path: '/team/v1/automation/rules/:id',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      requireAdmin(device, '只有管理员可以编辑自动化规则。');
      const draft = await checkedRule(ctx, await readJson(req, z.unknown()));
      if (draft.id !== params.id) throw new TeamHttpError('bad_request', 'rule id does not match the path', '规则 ID 与地址不一致。', [{ path: 'id', message: '规则 ID 与地址不一致' }]);
      const current = ctx.policy.current();
      const existing = current.automationRules.find((r) => r.id === draft.id);
      // The server numbers versions: provenance names the version that acted.
      const rule: AutomationRule = { ...draft, version: existing ? (sameRule(existing, draft) ? existing.version : existing.version + 1) : 1 };
      // Backtest before enabling: this exact content must have been previewed lately.
      requireBacktested(ctx, automationOf(ctx).store, rule, existing, current.rfmThresholds);
      const saved = ctx.policy.save({ ...current, revision: current.revision + 1, automationRules: [...current.automationRules.filter((r) => r.id !== rule.id), rule] }, device!.userid, (doc) => {
        ctx.audit.append({ actor: device!.userid, source: 'automation', action: 'automationRule.save', target: { kind: 'catalog' }, before: existing ? { version: existing.version, enabled: existing.enabled } : null, after: { ruleId: rule.id, revision: doc.revision, version: rule.version, name: rule.name, enabled: rule.enabled } });
      });
      // Enabling runs the rule over the last 30 days at once — what its backtest showed (or a hold).
      const run = rule.enabled ? (await automationOf(ctx).nightly(rule.id)).runs[0] ?? null : null;
      sendOk(res, { rule: saved.automationRules.find((r) => r.id === rule.id), revision: saved.revision, run });
    },
  },
  {
    method: 'DELETE',
    path: '/team/v1/automation/rules/:id',
    auth: 'device',
    handle(ctx, { res, params, device }) {
      requireAdmin(device, '只有管理员可以删除自动化规则。');
      const current = ctx.policy.current();
      const existing = current.automationRules.find((r) => r.id === params.id);
      if (!existing) throw new TeamHttpError('not_found', `no automation rule ${params.id}`, '找不到该自动化规则。');
      const saved = ctx.policy.save({ ...current, revision: current.revision + 1, automationRules: current.automationRules.filter((r) => r.id !== existing.id) }, device!.userid, (doc) => {
        ctx.audit.append({ actor: device!.userid, source: 'automation', action: 'automationRule.delete', target: { kind: 'catalog' }, before: { ruleId: existing.id, name: existing.name }, after: { revision: doc.revision } });
      });
      sendOk(res, { deleted: existing.id, revision: saved.revision });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/backtest',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以预演自动化规则。');
      const body = await readJson(req, z.strictObject({ rule: z.unknown().optional(), ruleId: z.string().optional(), days: z.number().int().min(1).max(90).default(BACKTEST_DAYS) }));
      let rule: AutomationRule;
      if (body.rule !== undefined) rule = await checkedRule(ctx, body.rule);
      else {
        const found = ctx.policy.current().automationRules.find((r) => r.id === body.ruleId);
        if (!found) throw new TeamHttpError('not_found', `no automation rule ${body.ruleId ?? ''}`, '找不到该自动化规则。');
        rule = found;
      }
      const result = await automationOf(ctx).backtest(rule, body.days);
      ctx.db.transaction(() => {
        const digest = recordBacktest(ctx, automationOf(ctx).store, rule, device!.userid);
        ctx.audit.append({ actor: device!.userid, source: 'automation', action: 'automation.backtest', target: { kind: 'automationRule', ruleId: rule.id }, before: null, after: { ruleId: rule.id, digest, days: body.days, wouldChangeCustomers: result.wouldChangeCustomers, wouldHold: result.wouldHold } });
      })();
      sendOk(res, result);
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/run',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以立即运行自动化规则。');
      const body = await readJson(req, z.strictObject({ ruleId: z.string().optional() }));
      sendOk(res, await automationOf(ctx).nightly(body.ruleId));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/rules/:id/confirm',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      requireAdmin(device, '只有管理员可以确认执行被暂停的规则。');
      sendOk(res, await automationOf(ctx).confirm(device!.userid, params.id!));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/automation/holds',
    auth: 'device',
    handle(ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以查看被暂停的规则。');
      sendOk(res, { holds: automationOf(ctx).holds() });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/automation/provenance',
    auth: 'device',
    handle(ctx, { res, url, device }) {
      const externalUserid = url.searchParams.get('externalUserid');
      if (!externalUserid) throw new TeamHttpError('bad_request', 'externalUserid is required', '请指定客户。', [{ path: 'externalUserid', message: '必填' }]);
      const userid = url.searchParams.get('userid') ?? undefined;
      const tagId = url.searchParams.get('tagId') ?? undefined;
      sendOk(res, { assignments: automationOf(ctx).provenance(device!.userid, externalUserid, userid, tagId) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/provenance/:id/revert',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const body = await readJson(req, z.strictObject({ mute: z.boolean().default(false) }));
      sendOk(res, await automationOf(ctx).revert(device!.userid, params.id!, body.mute));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/expiry/run',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以立即执行到期清理。');
      const body = await readJson(req, z.strictObject({ at: z.string().datetime({ offset: true }).optional() }));
      // A chosen moment (to see what a later sweep removes) only on the demo server.
      if (body.at && !ctx.config.demo) throw new TeamHttpError('forbidden', 'at is demo only', '只有演示服务器可以指定时间。');
      sendOk(res, await automationOf(ctx).expire(body.at ? Date.parse(body.at) : ctx.now().getTime()));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/automation/demo-stream',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以生成演示事件。');
      if (!ctx.config.demo) throw new TeamHttpError('not_found', 'demo only', '请求的接口不存在。');
      const body = await readJson(req, z.strictObject({ seed: z.number().int().default(1), days: z.number().int().min(1).max(90).default(30), limit: z.number().int().min(1).max(5000).default(300) }));
      const rels = await relationsOf(ctx, null);
      const owners = new Map<string, { externalUserid: string; userid: string; createtime: number }>();
      for (const r of rels) {
        const o = owners.get(r.externalUserid);
        if (!o || r.createtime < o.createtime) owners.set(r.externalUserid, { externalUserid: r.externalUserid, userid: r.userid, createtime: r.createtime });
      }
      const customers = [...owners.values()].sort((a, b) => (a.externalUserid < b.externalUserid ? -1 : 1)).slice(0, body.limit);
      const events = generateDemoStream({ seed: body.seed, customers, end: ctx.now(), days: body.days });
      const r = await automationOf(ctx).ingest(events.map(toStored), 'demo');
      sendOk(res, { generated: events.length, accepted: r.accepted, duplicates: r.duplicates });
    },
  },
  {
    // RFM scores from stored orders: segment and quadrant counts for the customers in the viewer's scope.
    method: 'POST',
    path: '/team/v1/automation/rfm',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      if (device!.role !== 'admin' && device!.role !== 'supervisor') throw new TeamHttpError('forbidden', 'admins and supervisors only', '只有主管和管理员可以查看客户价值分布。');
      const body = await readJson(req, z.strictObject({ thresholds: rfmThresholdsSchema.optional(), sample: z.number().int().min(0).max(500).default(50) }));
      // The company's thresholds; admins may try others before saving them (supervisors read only).
      if (body.thresholds && device!.role !== 'admin') throw new TeamHttpError('forbidden', 'only admins try other thresholds', '只有管理员可以试算其他阈值。');
      const policyThresholds = ctx.policy.current().rfmThresholds;
      const thresholds = body.thresholds ?? policyThresholds;
      const now = ctx.now().getTime();
      const inScope = new Set((await relationsInScope(ctx, device!.userid)).map((r) => r.externalUserid));
      const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, 0])) as Record<string, number>;
      const quadrants = Object.fromEntries(RFM_QUADRANTS.map((q) => [q, 0])) as Record<string, number>;
      const scored: { externalUserid: string; segment: string; quadrant: string; r: number; f: number; m: number; recencyDays: number; frequency: number; monetary: number }[] = [];
      for (const [externalUserid, events] of automationOf(ctx).store.eventsByCustomer(0, now)) {
        if (!inScope.has(externalUserid)) continue;
        const s = rfmScore(events, now, thresholds);
        if (!s) continue;
        segments[s.segment]!++;
        quadrants[s.quadrant]!++;
        scored.push({ externalUserid, ...s });
      }
      sendOk(res, { thresholds, policyThresholds, customers: inScope.size, scored: scored.length, segments, quadrants, sample: scored.sort((a, b) => b.monetary - a.monetary).slice(0, body.sample) });
    },
  },
  {
    // The company's RFM thresholds, kept in policy: rules' rfm_segment, backtests, charts and the nightly pass use them.
    method: 'PUT',
    path: '/team/v1/automation/rfm-thresholds',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以修改客户价值阈值。');
      const body = await readJson(req, z.strictObject({ thresholds: z.unknown() }));
      const parsed = rfmThresholdsSchema.safeParse(body.thresholds);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: ['thresholds', ...i.path.map(String)].join('.'), message: i.message }));
        throw new TeamHttpError('bad_request', `invalid thresholds: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, `客户价值阈值不正确：${issues[0]!.message}`, issues);
      }
      const thresholds = parsed.data;
      const current = ctx.policy.current();
      const before = current.rfmThresholds;
      const saved = ctx.policy.save({ ...current, revision: current.revision + 1, rfmThresholds: thresholds }, device!.userid, (doc) => {
        ctx.audit.append({ actor: device!.userid, source: 'automation', action: 'automation.rfmThresholds', target: { kind: 'policy', revision: doc.revision }, before: { ...before }, after: { ...doc.rfmThresholds } });
      });
      sendOk(res, { thresholds: saved.rfmThresholds, revision: saved.revision });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/automation/templates',
    auth: 'device',
    handle(_ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以查看自动化规则模板。');
      sendOk(res, { templates: AUTOMATION_TEMPLATES.map((t) => automationRuleSchema.parse(t)) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/automation/synonyms',
    auth: 'device',
    handle(_ctx, { res }) {
      sendOk(res, { lists: SYNONYM_LISTS });
    },
  },
];
