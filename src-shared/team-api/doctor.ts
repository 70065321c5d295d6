// The tag health check ("doctor"): the report the team server's /team/v1/doctor returns and the
// desktop's doctor.run extends. Each finding explains itself in Chinese and names a one-click
// fix where one is safe (docs/guardrails.md).

export const DOCTOR_CHECKS = ['drift', 'staleCatalog', 'parkedConflicts', 'syncLag', 'permissionConflicts', 'taxonomy', 'expiredApprovals'] as const;
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number];

export type DoctorSeverity = 'info' | 'warning' | 'error';

/** Fixes the doctor may run itself (resync, refresh) or hand to the UI (open a conflict, the approval queue). */
export type DoctorFixAction = 'resync_customer' | 'refresh_catalog' | 'open_conflict' | 'open_approvals';

export interface DoctorFix {
  action: DoctorFixAction;
  /** The button's Chinese label. */
  label: string;
  params: Record<string, string>;
}

export interface DoctorFinding {
  /** Stable for the same problem: `drift:<userid>:<external_userid>`, `taxonomy:unused`… */
  id: string;
  check: DoctorCheck;
  severity: DoctorSeverity;
  /** One line, Chinese. */
  title: string;
  /** What was seen, why it matters and what to do — Chinese. */
  explanation: string;
  fix: DoctorFix | null;
}

export interface DoctorCheckResult {
  check: DoctorCheck;
  status: 'ok' | 'findings' | 'skipped';
  /** What was actually measured (and what could not be), Chinese — honest about the limits. */
  measured: string;
  findings: number;
}

export interface SyncLagRow {
  userid: string;
  name: string;
  devices: number;
  lastSeenAt: string | null;
  lastRelayWriteAt: string | null;
  lastAuditUploadAt: string | null;
}

export interface DoctorReport {
  generatedAt: string;
  /** 'server': the team server's view; 'desktop': one member's store against WeCom. */
  scope: 'server' | 'desktop';
  checks: DoctorCheckResult[];
  findings: DoctorFinding[];
  syncLag?: SyncLagRow[];
}
