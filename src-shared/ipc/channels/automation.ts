// Automation (docs/automation.md): the rule list and editor with its backtest, confirming a held
// rule, and on a chip the provenance of an automatic tag with one-click revert (optionally muting
// the rule for that customer). Main forwards each call to the team server, which decides.
import { z } from 'zod';
import { channel } from '../contract';
import { automationRuleSchema } from '../../policy/automation-rule';
import { automationRulesSchema, automationRuleSavedSchema, automationRunSchema, backtestSchema, provenanceSchema, revertResultSchema, rfmResultSchema, rfmThresholdsSavedSchema } from '../../team-api/automation';
import { rfmThresholdsSchema } from '../../automation/rfm';

const id = z.string().min(1).max(128);

export const automationChannels = {
  'automation.rules.list': channel({
    summary: 'The automation rules in force with their hold state, and the curated synonym lists (admins).',
    args: z.object({}).strict(),
    result: automationRulesSchema,
  }),
  'automation.rules.save': channel({
    summary: 'Saves one automation rule as a policy revision (the server numbers its version); enabling needs a backtest of this exact content within 24 h (else conflict); an enabled rule runs over the last 30 days at once or is held.',
    args: z.object({ rule: automationRuleSchema }).strict(),
    result: automationRuleSavedSchema,
  }),
  'automation.rules.confirm': channel({
    summary: 'Lets a rule held for touching too large a share of customers run, after an admin saw its backtest.',
    args: z.object({ ruleId: id }).strict(),
    result: automationRunSchema,
  }),
  'automation.templates': channel({
    summary: 'Ready-made rules (lifecycle stages, link interest, RFM VIP, price keywords), disabled, to start the editor from.',
    args: z.object({}).strict(),
    result: z.object({ templates: z.array(automationRuleSchema) }),
  }),
  'automation.rfm': channel({
    summary: 'RFM scores from stored orders for the customers in scope: segment and quadrant counts and the top customers (supervisors and admins).',
    args: z.object({ thresholds: rfmThresholdsSchema.optional(), sample: z.number().int().min(0).max(500).default(50) }).strict(),
    result: rfmResultSchema,
  }),
  'automation.rfm.saveThresholds': channel({
    summary: "Saves the company's RFM thresholds in policy (admins, audited): rules' rfm_segment conditions, backtests, the nightly pass and the charts use them.",
    args: z.object({ thresholds: rfmThresholdsSchema }).strict(),
    result: rfmThresholdsSavedSchema,
  }),
  'automation.backtest': channel({
    summary: 'Runs a rule (a draft or a saved one by id) over the last days of stored events: who would be tagged, how many, the diff against today; writes nothing.',
    args: z.object({ rule: automationRuleSchema.optional(), ruleId: id.optional(), days: z.number().int().min(1).max(90).default(30) }).strict()
      .refine((a) => Boolean(a.rule) !== Boolean(a.ruleId), { message: '请指定规则草稿或已保存规则的 ID（二选一）', path: ['rule'] }),
    result: backtestSchema,
  }),
  'automation.provenance': channel({
    summary: 'Where automatic tags on a customer came from: rule, version, triggering event, reason, expiry, revert state (a chip passes its tag and relation).',
    args: z.object({ externalUserid: id, userid: id.optional(), tagId: id.optional() }).strict(),
    result: z.object({ assignments: z.array(provenanceSchema) }),
  }),
  'automation.revert': channel({
    summary: 'Reverts one automatic assignment in WeCom through a batch (audited); mute keeps that rule off this customer from now on.',
    args: z.object({ id, mute: z.boolean().default(false) }).strict(),
    result: revertResultSchema,
  }),
};
