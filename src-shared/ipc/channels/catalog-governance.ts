// The catalog screen's layout and per-group policy, and the governance screen's quarterly
// clean-up report. Main forwards each call to the team server, which decides who may.
import { z } from 'zod';
import { channel } from '../contract';
import { tagGroupPolicySchema } from '../../policy/tag-group-policy';
import { catalogLayoutSchema, cleanupReportSchema } from '../../team-api/catalog-governance';

export const catalogGovernanceChannels = {
  'catalog.layout': channel({
    summary: "The tag catalog in WeCom's order with each group's origin (read-only when created outside Tagdesk), policy and whether the member may manage it; supervisors and admins.",
    args: z.object({}).strict(),
    result: catalogLayoutSchema,
  }),
  'catalog.savePolicy': channel({
    summary: "Saves one tag group's policy (null: back to the company default) as a new policy revision, refused when the policy changed since baseRevision; admins.",
    args: z.object({ groupId: z.string().min(1).max(64), policy: tagGroupPolicySchema.nullable(), baseRevision: z.number().int().min(0) }).strict(),
    result: catalogLayoutSchema,
  }),
  'governance.report': channel({
    summary: 'The quarterly clean-up report: unused and dormant tags, near-duplicates, oversized groups, assignments past expiry, recommendations; admins.',
    args: z.object({}).strict(),
    result: cleanupReportSchema,
  }),
};
