// The time machine's restore-as-of-a-snapshot in schemas: the plan (what would change in the
// catalog and on which relations) and the outcome (the batch that re-applies the assignments).
import { z } from 'zod';
import { batchSchema } from './admin';

const named = { groupId: z.string(), groupName: z.string() };

export const restorePlanSchema = z.object({
  snapshotId: z.string(),
  takenAt: z.string(),
  reason: z.string(),
  planToken: z.string(),
  groups: z.object({
    recreate: z.array(z.object(named)),
    remove: z.array(z.object({ ...named, tags: z.number().int() })),
    rename: z.array(z.object({ groupId: z.string(), now: z.string(), then: z.string() })),
  }),
  tags: z.object({
    recreate: z.array(z.object({ tagId: z.string(), tagName: z.string(), groupName: z.string(), existingTagId: z.string().nullable() })),
    remove: z.array(z.object({ tagId: z.string(), tagName: z.string(), groupName: z.string(), customers: z.number().int() })),
    rename: z.array(z.object({ tagId: z.string(), groupName: z.string(), now: z.string(), then: z.string() })),
  }),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  assignments: z.object({
    relations: z.number().int(),
    customers: z.number().int(),
    add: z.number().int(),
    remove: z.number().int(),
    gone: z.number().int(),
    newer: z.number().int(),
    perTag: z.array(z.object({
      tagId: z.string(), tagName: z.string(), groupName: z.string(), add: z.number().int(), remove: z.number().int(),
      sample: z.array(z.object({ externalUserid: z.string(), name: z.string() })),
    })),
  }),
});
export type RestorePlanView = z.infer<typeof restorePlanSchema>;

export const restoreOutcomeSchema = z.object({
  plan: restorePlanSchema,
  preRestoreSnapshotId: z.string(),
  remap: z.record(z.string(), z.string()),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  batch: batchSchema.nullable(),
});

export const customerLookupSchema = z.object({
  hits: z.array(z.object({ externalUserid: z.string(), name: z.string(), corpName: z.string(), followers: z.number().int(), members: z.array(z.object({ userid: z.string(), name: z.string() })) })),
  total: z.number().int(),
});
export type CustomerLookupHit = z.infer<typeof customerLookupSchema>['hits'][number];
