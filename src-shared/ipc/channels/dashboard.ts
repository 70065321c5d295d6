// The dashboard (supervisors: their team; admins: the company) and sharing personal tags as
// company descriptors with consent. The figures come from the team server, which limits them to
// the viewer's scope; consents live on the device, and only descriptor + customers leave it.
import { z } from 'zod';
import { channel } from '../contract';
import { dashboardSchema } from '../../team-api/dashboard';
import { companyDescriptorSchema } from '../../policy/company-descriptor';

const personalTagId = z.number().int().positive();

export const descriptorConsentViewSchema = z.object({
  descriptorId: z.string(),
  status: z.enum(['active', 'revoking']),
  consentedAt: z.string(),
  /** When the server last received this consent's customers; null until it has. */
  publishedAt: z.string().nullable(),
  publishedCustomers: z.number().int().nullable(),
  /** Why the last attempt failed (Chinese); retried on the next change or visit. */
  publishError: z.string().nullable(),
});

export const descriptorSharingSchema = z.object({
  descriptors: z.array(companyDescriptorSchema),
  /** The member's own personal tags (shown only to them) with their consent, if any. */
  tags: z.array(z.object({ personalTagId, name: z.string(), uses: z.number().int(), consent: descriptorConsentViewSchema.nullable() })),
});
export type DescriptorSharing = z.infer<typeof descriptorSharingSchema>;

export const dashboardChannels = {
  'dashboard.get': channel({
    summary: "The dashboard's figures for the signed-in supervisor's team or, for admins, the company: tag distribution and trend, rule hits, approval SLA, sync health, RFM quadrants, company descriptors.",
    args: z.object({}).strict(),
    result: dashboardSchema,
  }),
  'descriptors.list': channel({
    summary: "The company's descriptors and the member's personal tags with their sharing consent; brings the server in line with the consents first (online).",
    args: z.object({}).strict(),
    result: descriptorSharingSchema,
  }),
  'descriptors.consent': channel({
    summary: 'Consents to share one personal tag as a company descriptor: only the descriptor and its customers leave the device, never the tag text or the member.',
    args: z.object({ personalTagId, descriptorId: companyDescriptorSchema.shape.id }).strict(),
    result: descriptorSharingSchema,
  }),
  'descriptors.revoke': channel({
    summary: "Revokes a personal tag's consent; the descriptor is withdrawn from the team server (at once, or when next reachable).",
    args: z.object({ personalTagId }).strict(),
    result: descriptorSharingSchema,
  }),
};
