// The relay's questions to the governance core, in one place: may this member act on this
// follow relation, may they apply this tag, does it need an approved request, is the text
// acceptable. Answers come from the core's permission engine and compliance linter with the
// company's current policy; each refusal carries the relay errcode and a Chinese reason.
import type { RelayErrcode } from '../../../src-shared/team-api/errors';

export interface Caller {
  userid: string;
  deviceId: string;
}

export interface Refusal {
  errcode: RelayErrcode;
  /** English, for logs and the errmsg. */
  message: string;
  /** Chinese, for the member. */
  reason: string;
  /** Set when the compliance linter refused the text: what was saved and the categories (never the text). */
  lint?: { field: string; categories: string[] };
}

export interface TagRef {
  tagId: string;
  tagName: string;
  groupId: string;
  groupName: string;
}

export interface Governance {
  /** May `caller` act on the follow relation (member `userid`, customer)? */
  actOnRelation(caller: Caller, userid: string): Refusal | null;
  /** May `caller` read customers followed by `userid`? */
  readRelations(caller: Caller, userid: string): Refusal | null;
  /** May `caller` add (or remove) this enterprise tag on `userid`'s relation with this customer? */
  applyTag(caller: Caller, userid: string, externalUserid: string, tag: TagRef, op: 'add' | 'remove'): Refusal | null;
  /** May `caller` change the catalog in this group (create, rename, delete tags)? */
  manageGroup(caller: Caller, groupId: string | null, names: string[]): Refusal | null;
  /** Is this remark or description acceptable to send to WeCom? */
  checkText(caller: Caller, field: 'remark' | 'description', text: string): Refusal | null;
  /** Which tag groups `caller` may see, as a predicate over group ids; null = all. */
  visibleGroups(caller: Caller): ((groupId: string) => boolean) | null;
}
