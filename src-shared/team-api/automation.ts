// The team server's automation API shapes (docs/automation.md), shared by the desktop's client
// and the IPC channels: rules with their hold state, a run's outcome, a backtest, and the
// provenance of automatic assignments.
import { z } from 'zod';
import { automationRuleSchema } from '../policy/automation-rule';

export const automationHoldSchema = z.object({ status: z.enum(['held', 'confirmed']), wouldTouch: z.number().int(), customers: z.number().int(), at: z.number() });

export const automationRunSchema = z.object({
  ruleId: z.string(),
  version: z.number().int(),
  status: z.enum(['applied', 'held', 'nothing']),
  customers: z.number().int(),
  relations: z.number().int(),
  approvals: z.number().int(),
  batchId: z.string().nullable(),
  share: z.number(),
  maxShare: z.number(),
});
export type AutomationRun = z.infer<typeof automationRunSchema>;

export const synonymListSchema = z.object({
  id: z.string(), name: z.string(), suggestedTag: z.object({ groupName: z.string(), tagName: z.string() }), terms: z.array(z.string()), fuzzy: z.boolean(),
  emoji: z.array(z.string()).optional(), minEmojiRun: z.number().optional(),
});

/** What a rule has done: hits (firings whose conditions held), customers written to, the last hit's event time, the last write. */
export const automationRuleStatsSchema = z.object({ hits: z.number().int(), customers: z.number().int(), lastHitAt: z.number().nullable(), lastAppliedAt: z.number().nullable() });
export type AutomationRuleStats = z.infer<typeof automationRuleStatsSchema>;

export const automationRulesSchema = z.object({
  rules: z.array(z.object({ rule: automationRuleSchema, hold: automationHoldSchema.nullable(), stats: automationRuleStatsSchema })),
  synonymLists: z.array(synonymListSchema),
});

export const automationRuleSavedSchema = z.object({ rule: automationRuleSchema, revision: z.number().int(), run: automationRunSchema.nullable() });

const tagNamed = z.object({ tagId: z.string(), groupName: z.string(), tagName: z.string() });
export const backtestSchema = z.object({
  ruleId: z.string(),
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  firings: z.number().int(),
  matchedCustomers: z.number().int(),
  wouldChangeCustomers: z.number().int(),
  wouldChangeRelations: z.number().int(),
  alreadyAsToday: z.number().int(),
  approvals: z.number().int(),
  totalCustomers: z.number().int(),
  share: z.number(),
  wouldHold: z.boolean(),
  diff: z.array(z.object({
    externalUserid: z.string(), customerName: z.string(), userid: z.string(), firedAt: z.string(), reason: z.string(),
    add: z.array(tagNamed), remove: z.array(tagNamed),
    approvals: z.array(z.object({ groupName: z.string(), tagName: z.string() })),
    refused: z.array(z.object({ groupName: z.string(), tagName: z.string(), why: z.string() })),
  })),
  truncated: z.boolean(),
});
export type Backtest = z.infer<typeof backtestSchema>;

export const provenanceSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  ruleName: z.string(),
  fireKey: z.string(),
  eventId: z.string().nullable(),
  /** Why the rule fired, in Chinese: 「72 小时内 link_clicked 3 次」. */
  reason: z.string(),
  batchId: z.string().nullable(),
  userid: z.string(),
  externalUserid: z.string(),
  tagId: z.string(),
  tagName: z.string().nullable(),
  groupName: z.string().nullable(),
  action: z.enum(['add', 'remove', 'expiry']),
  at: z.number(),
  expiresAt: z.number().nullable(),
  expiredAt: z.number().nullable(),
  revertedAt: z.number().nullable(),
  revertedBy: z.string().nullable(),
  revertBatchId: z.string().nullable(),
  /** The triggering event as stored (kind, time, its fields: the link, the chat text, the order), when there was one. */
  event: z.object({ kind: z.string(), at: z.number(), data: z.record(z.string(), z.unknown()) }).nullable().optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

const rfmRow = z.object({ externalUserid: z.string(), segment: z.string(), quadrant: z.string(), r: z.number().int(), f: z.number().int(), m: z.number().int(), recencyDays: z.number().int(), frequency: z.number().int(), monetary: z.number() });
const thresholdsShape = z.object({ recencyDays: z.tuple([z.number(), z.number()]), frequency: z.tuple([z.number(), z.number()]), monetary: z.tuple([z.number(), z.number()]) });
export const rfmResultSchema = z.object({
  /** The thresholds this result was computed with (an admin's trial ones, else the company's). */
  thresholds: thresholdsShape,
  /** The company's thresholds in policy — what rules, backtests and the nightly pass use. */
  policyThresholds: thresholdsShape,
  /** Customers in the viewer's scope, and how many of them have orders (scored). */
  customers: z.number().int(),
  scored: z.number().int(),
  segments: z.record(z.string(), z.number().int()),
  /** Counts per R × M quadrant, for the quadrant chart. */
  quadrants: z.record(z.string(), z.number().int()),
  sample: z.array(rfmRow),
});
export type RfmResult = z.infer<typeof rfmResultSchema>;
export const rfmThresholdsSavedSchema = z.object({ thresholds: thresholdsShape, revision: z.number().int() });

export const revertResultSchema = z.object({
  provenance: provenanceSchema.omit({ tagName: true, groupName: true, event: true }),
  batch: z.looseObject({ id: z.string(), status: z.string() }).nullable(),
  muted: z.boolean(),
});
