// The tag health check as the desktop offers it: this device's checks (its store against
// WeCom, parked conflicts) and, for admins, the team server's company-wide report; the safe fixes.
import { z } from 'zod';
import { channel } from '../contract';
import { doctorReportSchema } from '../../team-api/doctor';

export const doctorChannels = {
  'doctor.run': channel({
    summary: "Runs the tag health check: this device's store against WeCom (a sample), its parked conflicts, and for admins the team server's report.",
    args: z.object({ sample: z.number().int().min(1).max(2000).optional() }).strict(),
    result: z.object({
      desktop: doctorReportSchema,
      /** The team server's report (admins, online); null otherwise. */
      server: doctorReportSchema.nullable(),
      /** Why the server's report is missing, Chinese; null when present or not asked for. */
      serverError: z.string().nullable(),
    }),
  }),
  'doctor.fix': channel({
    summary: "Runs a finding's safe fix: re-read one customer from WeCom, or refresh the catalog (on this device and, for admins, on the team server).",
    args: z.discriminatedUnion('action', [
      z.object({ action: z.literal('resync_customer'), userid: z.string().min(1), externalUserid: z.string().min(1), scope: z.enum(['desktop', 'server']) }).strict(),
      z.object({ action: z.literal('refresh_catalog'), scope: z.enum(['desktop', 'server']) }).strict(),
    ]),
    result: z.object({ done: z.literal(true), message: z.string() }),
  }),
};
