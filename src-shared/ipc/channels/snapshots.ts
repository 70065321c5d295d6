// The time machine's restore of the catalog and assignments as of a snapshot: a preview (the
// diff, with counts and sample customers) and the restore as one undoable batch. Admins only;
// main forwards to the team server.
import { z } from 'zod';
import { channel } from '../contract';
import { customerLookupSchema, restoreOutcomeSchema, restorePlanSchema } from '../../team-api/snapshot-restore';

const id = z.string().min(1).max(128);

export const snapshotChannels = {
  'admin.snapshots.findCustomer': channel({
    summary: "Finds customers in the admin's scope on the team server (name, pinyin, initials, company, id) for the time machine; the device holds only its member's own customers.",
    args: z.object({ query: z.string().max(64, '搜索内容过长'), limit: z.number().int().min(1).max(20).default(8) }).strict(),
    result: customerLookupSchema,
  }),
  'admin.snapshots.restorePlan': channel({
    summary: 'What restoring the catalog and assignments as of a snapshot would change (groups and tags recreated, renamed back, deleted; tags re-applied or removed per relation); changes nothing.',
    args: z.object({ id }).strict(),
    result: restorePlanSchema,
  }),
  'admin.snapshots.restore': channel({
    summary: 'Restores the catalog and assignments as of a snapshot: snapshot of the present first, catalog changes in WeCom (new ids remapped), then one undoable batch; refused when the state moved since the preview (planToken).',
    args: z.object({ id, planToken: z.string().min(1).max(100) }).strict(),
    result: restoreOutcomeSchema,
  }),
};
