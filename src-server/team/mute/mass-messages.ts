// Tag-targeted mass messages: recipients by tag-set expression over the sender's customers,
// minus those suppressed by mute rules and those who already had WeCom's 4 mass messages this
// month (as far as this server sent them; WeCom's own fail_list catches the rest), the text
// linted with the company's rules. Submission is WeCom's add_msg_template through the relay,
// which checks the same things again (`msgTemplateRelayEndpoint`) and audits the send.
import { compileTagQuery, TagQueryError } from '../../../src-shared/tagquery/index';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import {
  MASS_MESSAGE_MAX_RECIPIENTS, MASS_MESSAGES_PER_CUSTOMER_PER_MONTH, type MessagePreviewRequest, type MessagePreviewResult,
} from '../../../src-shared/team-api/mute';
import { PARTNER_COMPANY_GROUP, partnerCompanyTagId } from '../../../src-shared/mute/index';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import type { RelayEndpoint } from '../relay/endpoints';
import { catalogOf, muteServiceOf } from './mute-service';

/** The natural month in China time, which is how WeCom counts its cap. */
export function monthKey(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function sentThisMonth(ctx: TeamContext, ids: readonly string[]): Map<string, number> {
  const q = ctx.db.prepare(`SELECT count FROM mass_message_counts WHERE month = ? AND external_userid = ?`).pluck();
  const month = monthKey(ctx.now());
  const out = new Map<string, number>();
  for (const id of ids) out.set(id, (q.get(month, id) as number | undefined) ?? 0);
  return out;
}

function lintText(ctx: TeamContext, text: string): MessagePreviewResult['lint'] {
  const r = ctx.rulePacks.linterFor(ctx.policy.current()).lint(text, { field: 'note' });
  return { verdict: r.verdict, findings: r.findings.map((f) => ({ category: f.category, action: f.action, message: f.message })) };
}

export async function previewMassMessage(ctx: TeamContext, sender: string, req: Required<Pick<MessagePreviewRequest, 'expression' | 'text'>> & { sampleSize: number }): Promise<MessagePreviewResult> {
  const mute = muteServiceOf(ctx);
  const { member, contacts, compiled } = await mute.recipientsOf(sender);
  const corps = [...new Set(contacts.flatMap((c) => (c.corpName ? [c.corpName] : [])))];
  const catalog = [...catalogOf(ctx), { id: '\u0000corp', name: PARTNER_COMPANY_GROUP, order: 0, tags: corps.map((name) => ({ id: partnerCompanyTagId(name), groupId: '\u0000corp', name, order: 0 })) }];
  let query;
  try {
    query = compileTagQuery(req.expression, catalog);
  } catch (e) {
    if (e instanceof TagQueryError) throw new TeamHttpError('bad_request', `expression: ${e.message}`, e.message, [{ path: 'expression', message: e.message }]);
    throw e;
  }
  const matched = contacts.filter((c) => query.matches(c.corpName ? new Set([...c.tagIds, partnerCompanyTagId(c.corpName)]) : c.tagIds));
  const suppressed = mute.suppressedAmong(member, matched, compiled, ctx.now());
  const counts = sentThisMonth(ctx, matched.map((c) => c.externalUserid));
  const recipients: typeof matched = [];
  const excluded: MessagePreviewResult['excludedSample'] = [];
  let capped = 0;
  for (const c of matched) {
    const rule = suppressed.get(c.externalUserid);
    if (rule !== undefined) { excluded.push({ externalUserid: c.externalUserid, name: c.name, why: 'suppressed', reason: `不接收群发营销：${rule}` }); continue; }
    const n = counts.get(c.externalUserid) ?? 0;
    if (n >= MASS_MESSAGES_PER_CUSTOMER_PER_MONTH) {
      capped++;
      excluded.push({ externalUserid: c.externalUserid, name: c.name, why: 'monthly_cap', reason: `本月已收到 ${n} 条群发（企业微信每月上限 ${MASS_MESSAGES_PER_CUSTOMER_PER_MONTH} 条）` });
      continue;
    }
    recipients.push(c);
  }
  const lint = lintText(ctx, req.text);
  return {
    sender, expression: req.expression, matched: matched.length, recipients: recipients.length,
    excluded: { suppressed: suppressed.size, monthlyCap: capped },
    sample: recipients.slice(0, req.sampleSize).map((c) => ({ externalUserid: c.externalUserid, name: c.name })),
    excludedSample: excluded.slice(0, req.sampleSize),
    recipientIds: recipients.slice(0, MASS_MESSAGE_MAX_RECIPIENTS).map((c) => c.externalUserid),
    lint, sendable: lint.verdict !== 'block' && lint.verdict !== 'approval' && recipients.length > 0,
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const refused = (message: string, reason: string) => ({ errcode: RELAY_ERRCODES.refusedByPolicy, message, reason });

/** add_msg_template through the relay: the sender is the caller, recipients named, none suppressed, text lint-clean. */
export const msgTemplateRelayEndpoint: RelayEndpoint = {
  path: '/cgi-bin/externalcontact/add_msg_template',
  method: 'POST',
  write: true,
  async authorize({ ctx }, call) {
    const sender = str(call.body.sender);
    if (sender !== call.caller.userid) return { errcode: RELAY_ERRCODES.outsideScope, message: 'mass messages are sent in the caller\'s own name', reason: '群发只能以你自己的名义发送。' };
    if ((call.body.chat_type ?? 'single') !== 'single') return refused('only one-to-one mass messages are relayed', '只支持发送给客户的群发（不支持客户群）。');
    const ids = strList(call.body.external_userid);
    if (ids.length === 0) return refused('recipients must be named', '请先选择收件人：Tagdesk 需要逐一核对屏蔽规则。');
    if (ids.length > MASS_MESSAGE_MAX_RECIPIENTS) return refused('too many recipients', `一次最多发送给 ${MASS_MESSAGE_MAX_RECIPIENTS} 位客户。`);
    const text = call.body.text as { content?: unknown } | undefined;
    const content = str(text?.content);
    if (content) {
      const lint = lintText(ctx, content);
      if (lint.verdict === 'block' || lint.verdict === 'approval') {
        return refused(`message text refused by the linter (${lint.findings.map((f) => f.category).join(', ')})`, lint.findings.find((f) => f.action === lint.verdict)?.message ?? '消息内容包含敏感信息，不能群发。');
      }
    }
    const mute = muteServiceOf(ctx);
    let loaded;
    try {
      loaded = await mute.recipientsOf(sender);
    } catch (e) {
      return { errcode: RELAY_ERRCODES.upstreamUnavailable, message: `could not read the sender's customers: ${(e as Error).message}`, reason: '暂时无法核对收件人的屏蔽规则，稍后会自动重试。' };
    }
    const { member, contacts, compiled } = loaded;
    const wanted = new Set(ids);
    const suppressed = mute.suppressedAmong(member, contacts.filter((c) => wanted.has(c.externalUserid)), compiled, ctx.now());
    if (suppressed.size > 0) {
      const [first, rule] = [...suppressed][0]!;
      return refused(`${suppressed.size} recipients are suppressed by mute rules (e.g. ${first})`, `有 ${suppressed.size} 位客户不接收群发营销（${rule}），请重新生成收件人名单。`);
    }
    return null;
  },
  after({ ctx }, call, response) {
    const ids = strList(call.body.external_userid);
    const failed = new Set(strList(response.fail_list));
    const month = monthKey(ctx.now());
    const msgid = str(response.msgid) || `unknown-${Date.now()}`;
    const bump = ctx.db.prepare(`INSERT INTO mass_message_counts (month, external_userid, count) VALUES (?, ?, 1) ON CONFLICT (month, external_userid) DO UPDATE SET count = count + 1`);
    ctx.db.transaction(() => {
      for (const id of ids) if (!failed.has(id)) bump.run(month, id);
      ctx.db.prepare(`INSERT OR REPLACE INTO mass_messages (msgid, sender, expression, recipients, failed, sent_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(msgid, call.caller.userid, null, ids.length - failed.size, failed.size, ctx.now().toISOString());
      ctx.audit.append({
        actor: call.caller.userid, source: 'relay', action: 'message.mass.submit', target: { kind: 'massMessage', msgid },
        before: null, after: { recipients: ids.length - failed.size, failed: failed.size, text: str((call.body.text as { content?: unknown } | undefined)?.content) },
      });
    })();
  },
};
