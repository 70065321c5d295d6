// Tags in the domain: the enterprise catalog (groups and tags, owned by WeCom) and personal
// tags (the employee's private notes-as-tags, owned by their device). Ids are WeCom's opaque
// strings for enterprise tags; never parse their prefixes.
import type { MemberId } from './organization';

export type TagGroupId = string;
export type EnterpriseTagId = string;

export interface EnterpriseTag {
  id: EnterpriseTagId;
  groupId: TagGroupId;
  name: string;
  /** WeCom's order: higher sorts first. */
  order: number;
  deleted?: boolean;
}

export interface TagGroup {
  id: TagGroupId;
  name: string;
  order: number;
  tags: readonly EnterpriseTag[];
  deleted?: boolean;
}

/** A personal tag (WeCom type 2): text only its owner may read; it never leaves the device. */
export interface PersonalTag {
  id: string;
  owner: MemberId;
  name: string;
}
