// The catalog and governance screens' extra view of the team server: the catalog in WeCom's
// order with each group's origin and policy, saving one group's policy, and the quarterly
// clean-up report. The desktop client validates answers with these; the IPC channels reuse them.
import { z } from 'zod';
import { tagGroupPolicySchema } from '../policy/tag-group-policy';
import { accessLevelSchema } from '../policy/common';
import { nearDuplicateSchema } from './admin';

export const catalogOriginSchema = z.enum(['tagdesk', 'external', 'unknown']);

export const catalogLayoutGroupSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  /** WeCom's order value: larger comes first. */
  order: z.number().int(),
  origin: catalogOriginSchema,
  readOnlyReason: z.string().nullable(),
  canManage: z.boolean(),
  /** The group's explicit policy, or null when the company default applies. */
  policy: tagGroupPolicySchema.nullable(),
  tags: z.array(z.object({ tagId: z.string(), name: z.string(), order: z.number().int() })),
});
export type CatalogLayoutGroup = z.infer<typeof catalogLayoutGroupSchema>;

export const catalogLayoutSchema = z.object({
  groups: z.array(catalogLayoutGroupSchema),
  /** Access for groups without a policy entry. */
  defaultLevel: accessLevelSchema,
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() })),
  revision: z.number().int(),
  /** Admins may edit group policy; others read it. */
  canEditPolicy: z.boolean(),
  canCreateGroups: z.boolean(),
});
export type CatalogLayout = z.infer<typeof catalogLayoutSchema>;

/** One group's policy as the editor sends it (the group id comes from the path). */
export const groupPolicyInputSchema = z.object({
  policy: tagGroupPolicySchema.nullable(),
  /** The policy revision the editor started from: a save on top of someone else's change is refused. */
  baseRevision: z.number().int().min(0),
}).strict();

const reportTag = z.object({ tagId: z.string(), tagName: z.string(), groupName: z.string() });
export const cleanupReportSchema = z.object({
  generatedAt: z.string(),
  periodStart: z.string(),
  totals: z.object({ groups: z.number().int(), tags: z.number().int(), customers: z.number().int(), unused: z.number().int(), dormant: z.number().int() }),
  /** On no customer at all. */
  unused: z.array(reportTag.extend({ lastUsedAt: z.string().nullable() })),
  /** On customers, but not added to anyone during the quarter. */
  dormant: z.array(reportTag.extend({ customers: z.number().int(), lastUsedAt: z.string().nullable() })),
  duplicates: z.array(nearDuplicateSchema.extend({ customersA: z.number().int(), customersB: z.number().int() })),
  oversizedGroups: z.array(z.object({ groupId: z.string(), groupName: z.string(), tags: z.number().int(), limit: z.number().int() })),
  /** Assignments of TTL groups (or rule-given expiries) past their expiry that are still on relations. */
  expired: z.array(reportTag.extend({ assignments: z.number().int(), ttlHours: z.number().nullable() })),
  recommendations: z.array(z.discriminatedUnion('code', [
    z.object({ code: z.literal('delete_unused'), count: z.number().int() }),
    z.object({ code: z.literal('review_dormant'), count: z.number().int() }),
    z.object({ code: z.literal('merge_duplicate'), keep: z.string(), merge: z.string(), reason: z.string() }),
    z.object({ code: z.literal('split_group'), groupName: z.string(), tags: z.number().int() }),
    z.object({ code: z.literal('run_expiry'), assignments: z.number().int() }),
    z.object({ code: z.literal('all_clear') }),
  ])),
});
export type CleanupReport = z.infer<typeof cleanupReportSchema>;
