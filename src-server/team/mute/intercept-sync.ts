// Outbound sensitive-word blocking: the words of every category the rules in force block in
// free text (the `note` field's action, which is what a chat message is) are pushed to WeCom as
// chat intercept rules (externalcontact/add_intercept_rule), chunked to WeCom's 300 words per
// rule, and kept in sync — updated or deleted — whenever the policy (rule pack or overlay) changes.
import { createHash } from 'node:crypto';
import type { Linter } from '../../../src-shared/compliance/index';
import type { InterceptSyncResult } from '../../../src-shared/team-api/mute';
import type { TeamContext } from '../context';
import { callOk } from '../upstream';

/** WeCom's limits: 300 words per rule, words of 1–32 characters, names of at most 20. */
const WORDS_PER_RULE = 300;
const MAX_WORD_CHARS = 32;
export const INTERCEPT_RULE_PREFIX = 'Tagdesk敏感词';

/** Block-level words for chat messages, deduplicated and in a stable order. */
export function blockedChatWords(linter: Linter): string[] {
  const blocked = new Set(Object.entries(linter.pack.categories).filter(([, c]) => c.actions.note === 'block').map(([id]) => id));
  const words = new Set<string>();
  for (const g of linter.pack.lexicon) {
    if (!blocked.has(g.category)) continue;
    for (const w of [...g.terms, ...(g.variants ?? [])]) {
      const len = [...w].length;
      if (len >= 1 && len <= MAX_WORD_CHARS) words.add(w);
    }
  }
  return [...words].sort();
}

interface StoredRule { name: string; rule_id: string; digest: string }

export async function syncInterceptRules(ctx: TeamContext, actor = 'system'): Promise<InterceptSyncResult> {
  const words = blockedChatWords(ctx.rulePacks.linterFor(ctx.policy.current()));
  const chunks: { name: string; words: string[] }[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_RULE) chunks.push({ name: `${INTERCEPT_RULE_PREFIX}${chunks.length + 1}`, words: words.slice(i, i + WORDS_PER_RULE) });
  const stored = new Map((ctx.db.prepare(`SELECT name, rule_id, digest FROM intercept_rules`).all() as StoredRule[]).map((r) => [r.name, r]));
  const put = ctx.db.prepare(`INSERT INTO intercept_rules (name, rule_id, digest, synced_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET rule_id = excluded.rule_id, digest = excluded.digest, synced_at = excluded.synced_at`);
  const drop = ctx.db.prepare(`DELETE FROM intercept_rules WHERE name = ?`);
  // Every member, through the root department: the company's words apply to all outgoing chat.
  const range = { department_list: [1] };
  let added = 0, updated = 0, deleted = 0;
  const result: InterceptSyncResult['rules'] = [];
  const audit = (action: string, name: string, after: { ruleId: string; words: number } | null): void => {
    ctx.audit.append({ actor, source: 'automation', action, target: { kind: 'interceptRule', name }, before: null, after });
  };
  for (const chunk of chunks) {
    const digest = createHash('sha256').update(chunk.words.join('\n')).digest('hex').slice(0, 32);
    const have = stored.get(chunk.name);
    stored.delete(chunk.name);
    if (have?.digest === digest) { result.push({ name: chunk.name, ruleId: have.rule_id, words: chunk.words.length }); continue; }
    let ruleId: string;
    if (have) {
      await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/update_intercept_rule', {}, { rule_id: have.rule_id, rule_name: chunk.name, word_list: chunk.words, intercept_type: 1 });
      ruleId = have.rule_id;
      updated++;
      audit('intercept.rule.update', chunk.name, { ruleId, words: chunk.words.length });
    } else {
      const r = await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/add_intercept_rule', {}, { rule_name: chunk.name, word_list: chunk.words, intercept_type: 1, applicable_range: range });
      ruleId = String(r.rule_id);
      added++;
      audit('intercept.rule.add', chunk.name, { ruleId, words: chunk.words.length });
    }
    put.run(chunk.name, ruleId, digest, ctx.now().toISOString());
    result.push({ name: chunk.name, ruleId, words: chunk.words.length });
  }
  for (const left of stored.values()) {
    await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/del_intercept_rule', {}, { rule_id: left.rule_id });
    drop.run(left.name);
    deleted++;
    audit('intercept.rule.delete', left.name, null);
  }
  return { words: words.length, rules: result, added, updated, deleted };
}

/**
 * Keeps WeCom's intercept rules following the rules in force: a policy save that changes the
 * rule pack or overlay re-syncs (in the background; failures are logged and retried on the next
 * change or by an admin's sync).
 */
export function watchRulePackForIntercepts(ctx: TeamContext): () => void {
  let lastRef = JSON.stringify(ctx.policy.current().rulePack);
  return ctx.policy.onChange((doc) => {
    const ref = JSON.stringify(doc.rulePack);
    if (ref === lastRef) return;
    lastRef = ref;
    syncInterceptRules(ctx, doc.updatedBy).catch((e: unknown) => ctx.log.warn({ err: e }, 'intercept rules: sync after a rule-pack change failed'));
  });
}
