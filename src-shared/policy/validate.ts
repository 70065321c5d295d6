// Validation entry points: each returns the parsed value or Chinese errors that name the
// offending field as a path an admin can find (`muteRules[2].schedule.timeZone`).
import { z } from 'zod';
import { automationRuleSchema } from './automation-rule';
import { policyDocumentSchema, type PolicyDocument } from './document';
import { muteRuleSchema, type MuteRule } from './mute-rule';
import { reviewerChainSchema, type ReviewerChain } from './reviewer-chain';
import { tagGroupPolicySchema, type TagGroupPolicy } from './tag-group-policy';
import type { AutomationRule } from './automation-rule';

export interface PolicyIssue {
  /** Dotted path with [index] for arrays; '' for the whole document. */
  path: string;
  /** Chinese, starting with the field. */
  message: string;
}

export type PolicyResult<T> = { ok: true; value: T } | { ok: false; issues: PolicyIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

// zod's own zh-CN messages for everything our schemas do not word themselves (wrong types,
// unknown keys); passed per parse, so nothing global is configured from the pure core.
const zhCN = z.locales.zhCN().localeError;

function validate<T>(schema: z.ZodType<T>, input: unknown): PolicyResult<T> {
  const r = schema.safeParse(input, { error: zhCN });
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((iss) => {
      const path = formatPath(iss.path);
      return { path, message: path === '' ? iss.message : `字段 ${path}：${iss.message}` };
    }),
  };
}

export const parsePolicyDocument = (input: unknown): PolicyResult<PolicyDocument> => validate(policyDocumentSchema, input);
export const parseTagGroupPolicy = (input: unknown): PolicyResult<TagGroupPolicy> => validate(tagGroupPolicySchema, input);
export const parseMuteRule = (input: unknown): PolicyResult<MuteRule> => validate(muteRuleSchema, input);
export const parseAutomationRule = (input: unknown): PolicyResult<AutomationRule> => validate(automationRuleSchema, input);
export const parseReviewerChain = (input: unknown): PolicyResult<ReviewerChain> => validate(reviewerChainSchema, input);
