// Policy of one enterprise tag group: who may view, apply or manage it (grants and limits per
// department subtree and role), how sensitive it is, whether tags need approval, single
// choice and TTL. The permission engine reads grants additively and limits restrictively.
import { z } from 'zod';
import { accessLevelSchema, audienceSchema, durationHoursSchema } from './common';

export const SENSITIVITY_CLASSES = ['public', 'internal', 'sensitive', 'restricted'] as const;
export type SensitivityClass = (typeof SENSITIVITY_CLASSES)[number];
export const SENSITIVITY_LABELS: Readonly<Record<SensitivityClass, string>> = {
  public: '公开', internal: '内部', sensitive: '敏感', restricted: '严格受限',
};

/** Grants raise access for an audience; the highest applicable grant counts. */
export const accessGrantSchema = audienceSchema.extend({ level: accessLevelSchema });
/** Limits cap access for an audience; the lowest applicable limit counts, whatever was granted. */
export const accessLimitSchema = audienceSchema.extend({ max: accessLevelSchema });

export const tagGroupPolicySchema = z.strictObject({
  groupId: z.string({ error: '应为标签组 ID' }).min(1, { error: '标签组 ID 不能为空' }),
  /** What everyone gets before grants; usually `view` or `apply`. */
  baseline: accessLevelSchema.default('apply'),
  grants: z.array(accessGrantSchema).default([]),
  limits: z.array(accessLimitSchema).default([]),
  sensitivity: z.enum(SENSITIVITY_CLASSES, { error: `敏感级别应为 ${SENSITIVITY_CLASSES.join(' / ')} 之一` }).default('internal'),
  approvalRequired: z.boolean({ error: '应为 true 或 false' }).default(false),
  /** A customer carries at most one tag of the group per relation (lifecycle stages, value tiers). */
  singleChoice: z.boolean({ error: '应为 true 或 false' }).default(false),
  /** Tags of the group expire this many hours after being applied; absent = never. */
  ttlHours: durationHoursSchema.optional(),
}).superRefine((p, ctx) => {
  // A restricted group that anyone may apply without review defeats its own class.
  if (p.sensitivity === 'restricted' && !p.approvalRequired) {
    ctx.addIssue({ code: 'custom', path: ['approvalRequired'], message: '「严格受限」级别的标签组必须开启审批' });
  }
});
export type TagGroupPolicy = z.output<typeof tagGroupPolicySchema>;
export type AccessGrant = z.output<typeof accessGrantSchema>;
export type AccessLimit = z.output<typeof accessLimitSchema>;
