// The audit event: who did what to which target, from where, with before/after values.
// Targets are typed per chain so a personal-tag event cannot even be written for the
// enterprise chain (the one uploaded to the team server).
import { z } from 'zod';
import { AUDIT_SOURCES_V1, type AuditSource } from './sources';

export const AUDIT_EVENT_VERSION = 1;
export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_CHAINS = ['enterprise', 'personal'] as const;
export type AuditChainKind = (typeof AUDIT_CHAINS)[number];

/** Targets of the chain shared with the team server. Ids only: values go in before/after. */
export type EnterpriseAuditTarget =
  | { kind: 'relationTag'; member: string; customer: string; tagId: string }
  | { kind: 'relation'; member: string; customer: string }
  | { kind: 'catalog'; groupId?: string; tagId?: string }
  | { kind: 'policy'; revision?: number }
  | { kind: 'approval'; requestId: string }
  | { kind: 'muteRule'; ruleId: string }
  | { kind: 'automationRule'; ruleId: string }
  | { kind: 'massMessage'; msgid: string }
  | { kind: 'interceptRule'; name: string }
  /** A member as such (suspended tagging, a suspicious-edit alert about them). */
  | { kind: 'member'; member: string };

/** Targets of the device-only chain. */
export type PersonalAuditTarget =
  | { kind: 'personalTag'; tagId: string }
  | { kind: 'personalTagAssignment'; tagId: string; customer: string };

export type AuditTargetFor<K extends AuditChainKind> = K extends 'enterprise' ? EnterpriseAuditTarget : PersonalAuditTarget;
export const PERSONAL_TARGET_KINDS: ReadonlySet<string> = new Set(['personalTag', 'personalTagAssignment']);

/** A JSON value as it can appear in before/after. */
export type AuditValue = null | boolean | number | string | AuditValue[] | { [key: string]: AuditValue };

export interface AuditRedaction {
  /** Where in the event, e.g. `after.name`. */
  path: string;
  /** The linter's categories of what was removed; the values themselves are gone. */
  categories: string[];
}

export interface AuditEvent<K extends AuditChainKind = AuditChainKind> {
  /** Format version: canonical encoding and source set. */
  v: number;
  chain: K;
  seq: number;
  prevHash: string;
  hash: string;
  /** ISO 8601 UTC. */
  at: string;
  actor: string;
  /** The member whose relation was acted on, when not the actor (supervisor, admin, automation). */
  onBehalfOf?: string;
  device: string;
  source: AuditSource;
  /** Dotted verb, e.g. `tag.add`, `catalog.rename`, `personalTag.create`. */
  action: string;
  target: AuditTargetFor<K>;
  before: AuditValue;
  after: AuditValue;
  redactions?: AuditRedaction[];
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const jsonValue: z.ZodType<AuditValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** Shape check for events read from a file; chain rules are verify()'s job. */
export const auditEventSchema = z.strictObject({
  v: z.number().int().positive(),
  chain: z.enum(AUDIT_CHAINS),
  seq: z.number().int().positive(),
  prevHash: hex64,
  hash: hex64,
  at: z.string().datetime(),
  actor: z.string().min(1),
  onBehalfOf: z.string().min(1).optional(),
  device: z.string().min(1),
  source: z.enum(AUDIT_SOURCES_V1),
  action: z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9-]*)+$/),
  target: z.looseObject({ kind: z.string().min(1) }),
  before: jsonValue,
  after: jsonValue,
  redactions: z.array(z.strictObject({ path: z.string(), categories: z.array(z.string()) })).optional(),
});
