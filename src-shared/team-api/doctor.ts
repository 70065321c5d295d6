// The tag health check ("doctor"): the report the team server's /team/v1/doctor returns and the
// desktop's doctor.run adds to. Each finding explains itself in Chinese and names a one-click
// fix where one is safe (docs/guardrails.md).
import { z } from 'zod';

export const DOCTOR_CHECKS = ['drift', 'staleCatalog', 'parkedConflicts', 'syncLag', 'permissionConflicts', 'taxonomy', 'expiredApprovals'] as const;
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number];
export type DoctorSeverity = 'info' | 'warning' | 'error';

/** Fixes the doctor runs itself (resync, refresh) or hands to the UI (open a conflict, the approval queue). */
export const DOCTOR_FIX_ACTIONS = ['resync_customer', 'refresh_catalog', 'open_conflict', 'open_approvals'] as const;
export type DoctorFixAction = (typeof DOCTOR_FIX_ACTIONS)[number];

export const doctorFindingSchema = z.object({
  /** Stable for the same problem: `drift:<userid>:<external_userid>`, `taxonomy:unused`… */
  id: z.string(),
  check: z.enum(DOCTOR_CHECKS),
  severity: z.enum(['info', 'warning', 'error']),
  /** One line, Chinese. */
  title: z.string(),
  /** What was seen, why it matters and what to do — Chinese. */
  explanation: z.string(),
  fix: z.object({ action: z.enum(DOCTOR_FIX_ACTIONS), label: z.string(), params: z.record(z.string(), z.string()) }).nullable(),
});
export type DoctorFinding = z.infer<typeof doctorFindingSchema>;
export type DoctorFix = NonNullable<DoctorFinding['fix']>;

export const doctorCheckResultSchema = z.object({
  check: z.enum(DOCTOR_CHECKS),
  status: z.enum(['ok', 'findings', 'skipped']),
  /** What was actually measured (and what could not be), Chinese — honest about the limits. */
  measured: z.string(),
  findings: z.number().int(),
});
export type DoctorCheckResult = z.infer<typeof doctorCheckResultSchema>;

export const syncLagRowSchema = z.object({
  userid: z.string(),
  name: z.string(),
  devices: z.number().int(),
  lastSeenAt: z.string().nullable(),
  lastRelayWriteAt: z.string().nullable(),
  lastAuditUploadAt: z.string().nullable(),
});
export type SyncLagRow = z.infer<typeof syncLagRowSchema>;

export const doctorReportSchema = z.object({
  generatedAt: z.string(),
  /** 'server': the team server's view; 'desktop': one member's store against WeCom. */
  scope: z.enum(['server', 'desktop']),
  checks: z.array(doctorCheckResultSchema),
  findings: z.array(doctorFindingSchema),
  syncLag: z.array(syncLagRowSchema).optional(),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;
