// "Backtest before enabling", enforced on the team server: every backtest records the digest of
// the rule's content (everything but its version number and enabled switch, plus the company's
// RFM thresholds when a condition scores segments, since they change what the rule does); a
// rule can only be enabled, or saved enabled with new content, when that exact content was
// backtested within BACKTEST_VALID_MS.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/audit/canonical';
import { DEFAULT_RFM_THRESHOLDS, type RfmThresholds } from '../../../src-shared/automation/index';
import type { AutomationRule, PolicyDocument } from '../../../src-shared/policy/index';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import type { AutomationStore } from './automation-store';

/** How long a backtest counts for enabling the rule it previewed. */
export const BACKTEST_VALID_MS = 24 * 3_600_000;

const usesRfm = (rule: AutomationRule): boolean => rule.conditions.some((c) => c.kind === 'attribute' && c.attribute === 'rfm_segment');

/** The content digest of a rule as it would run under these RFM thresholds. */
export function ruleDigest(rule: AutomationRule, rfmThresholds: RfmThresholds): string {
  const content = { ...rule, version: 0, enabled: false, ...(usesRfm(rule) ? { rfmThresholds } : {}) };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export function recordBacktest(ctx: TeamContext, store: AutomationStore, rule: AutomationRule, by: string): string {
  const digest = ruleDigest(rule, ctx.policy.current().rfmThresholds);
  store.recordBacktest(rule.id, digest, by, ctx.now().getTime());
  return digest;
}

const sameContent = (a: AutomationRule, b: AutomationRule): boolean => ruleDigest(a, DEFAULT_RFM_THRESHOLDS) === ruleDigest(b, DEFAULT_RFM_THRESHOLDS);

/**
 * Refuses (409) to enable `rule` unless its content, under `rfmThresholds`, was backtested
 * within BACKTEST_VALID_MS. Saving an already enabled rule unchanged enables nothing and needs
 * no backtest.
 */
export function requireBacktested(ctx: TeamContext, store: AutomationStore, rule: AutomationRule, existing: AutomationRule | undefined, rfmThresholds: RfmThresholds): void {
  if (!rule.enabled || (existing?.enabled && sameContent(existing, rule))) return;
  const digest = ruleDigest(rule, rfmThresholds);
  const at = store.backtestedAt(rule.id, digest);
  const now = ctx.now().getTime();
  if (at !== null && now - at <= BACKTEST_VALID_MS) return;
  throw new TeamHttpError(
    'conflict',
    at === null ? `rule ${rule.id} was not backtested in this version (${digest.slice(0, 12)})` : `the backtest of rule ${rule.id} is older than 24 hours`,
    at === null ? `启用前请先回测当前版本的规则（「${rule.name}」）。` : `规则「${rule.name}」的回测已超过 24 小时，请重新回测后再启用。`,
    [{ path: 'enabled', message: '需先回测当前版本' }],
  );
}

/** The same check for every rule a whole policy document would enable (PUT /team/v1/policy). */
export function requireBacktestedRules(ctx: TeamContext, store: AutomationStore, before: PolicyDocument, after: PolicyDocument): void {
  for (const rule of after.automationRules) requireBacktested(ctx, store, rule, before.automationRules.find((r) => r.id === rule.id), after.rfmThresholds);
}
