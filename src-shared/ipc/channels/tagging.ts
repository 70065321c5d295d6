// Changing a customer's tags and remark, and the compliance check the panel shows while the
// member types. Every change is written locally first (shown at once) and queued for WeCom.
import { z } from 'zod';
import { channel } from '../contract';
import { externalUseridSchema } from './customers';

export const findingViewSchema = z.object({
  category: z.string(),
  categoryLabel: z.string(),
  action: z.enum(['warn', 'replace', 'approval', 'block']),
  /** UTF-16 offsets into the text as typed, for the underline. */
  start: z.number().int(),
  end: z.number().int(),
  message: z.string(),
  legalBasis: z.array(z.string()),
  replacement: z.string().nullable(),
});
export type FindingView = z.infer<typeof findingViewSchema>;

export const lintViewSchema = z.object({
  verdict: z.enum(['ok', 'warn', 'replace', 'approval', 'block']),
  findings: z.array(findingViewSchema),
  hints: z.array(z.string()),
  packVersion: z.string(),
  /** The text with every `replace` finding applied, when there is one. */
  replaced: z.string().nullable(),
});
export type LintView = z.infer<typeof lintViewSchema>;

export const lintFieldSchema = z.enum(['tagName', 'personalTag', 'remark', 'description']);

/** What became of a change: queued for WeCom, or stopped with the reason. */
export const changeOutcomeSchema = z.object({
  outcome: z.enum(['queued', 'unchanged']),
  opId: z.string().nullable(),
});

export const taggingChannels = {
  'lint.check': channel({
    summary: "Lints a text with the company's rule pack in force, as the write would (offline too).",
    args: z.object({ text: z.string().max(500, '内容过长'), field: lintFieldSchema }).strict(),
    result: lintViewSchema,
  }),
  'tags.apply': channel({
    summary: "Applies an enterprise tag on the member's own relation (a single-choice group replaces its sibling).",
    args: z.object({ externalUserid: externalUseridSchema, tagId: z.string().min(1).max(64) }).strict(),
    result: changeOutcomeSchema,
  }),
  'tags.remove': channel({
    summary: "Removes an enterprise tag from the member's own relation.",
    args: z.object({ externalUserid: externalUseridSchema, tagId: z.string().min(1).max(64) }).strict(),
    result: changeOutcomeSchema,
  }),
  'remark.set': channel({
    summary: "Changes the remark (≤ 20 chars) and/or description (≤ 150) of the member's relation, linted.",
    args: z.object({
      externalUserid: externalUseridSchema,
      remark: z.string().max(20, '备注最多 20 个字').optional(),
      description: z.string().max(150, '描述最多 150 个字').optional(),
    }).strict(),
    result: changeOutcomeSchema,
  }),
};
