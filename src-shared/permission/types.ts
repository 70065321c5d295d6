// The vocabulary of the permission engine: what can be asked (action × resource), and the
// explained answer (each level checked, which one decided, a Chinese reason).
import type { CustomerId } from '../domain/customers';
import type { MemberId } from '../domain/organization';
import type { TagGroupId } from '../domain/tags';

export const PERMISSION_ACTIONS = [
  'catalog.manage', 'tag.view', 'tag.apply', 'tag.remove', 'relation.read', 'relation.write', 'personalTag.read', 'personalTag.write',
] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** The linter's verdict on the text involved, if any (kept structural so the core need not import the linter). */
export interface ContentVerdict {
  verdict: 'ok' | 'warn' | 'replace' | 'approval' | 'block';
  /** Finding categories, for the explanation only (never the matched text). */
  categories?: readonly string[];
}

export interface RelationRef {
  member: MemberId;
  customer: CustomerId;
}

export type PermissionResource =
  /** Catalog work in a group; `groupId: null` = creating a new group. */
  | { kind: 'tagGroup'; groupId: TagGroupId | null; content?: ContentVerdict }
  /** An enterprise tag of a group on a follow relation. */
  | { kind: 'relationTag'; relation: RelationRef; groupId: TagGroupId; content?: ContentVerdict }
  /** A follow relation as a whole (its customer card, remark, tag history). */
  | { kind: 'relation'; relation: RelationRef }
  /** Personal tags of `owner` (their text and assignments). */
  | { kind: 'personalTag'; owner: MemberId; content?: ContentVerdict };

/** The levels in the order they are checked. */
export const PERMISSION_LEVELS = ['role', 'scope', 'tagGroup', 'personalTags', 'content'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export type LevelOutcome = 'allow' | 'deny' | 'approval' | 'notApplicable';

export interface LevelResult {
  level: PermissionLevel;
  outcome: LevelOutcome;
  /** Chinese, for the explanation panel. */
  reason: string;
}

export interface PermissionDecision {
  allowed: boolean;
  /** Allowed, but only through an approval request (sensitive group or lint verdict). */
  requiresApproval: boolean;
  /** The level whose answer counted: the first that denied, else the one that granted. */
  decidedBy: PermissionLevel;
  levels: LevelResult[];
  /** Chinese, one sentence, for the member. */
  reason: string;
  /** Set when the actor acts on someone else's relation: audit both names. */
  onBehalfOf?: MemberId;
}
