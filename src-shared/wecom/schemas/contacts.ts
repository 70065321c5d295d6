// External contacts: list, get, batch/get_by_user, remark, follow-user list (DOC 92113, 92114, 92994, 92115).
import { z } from 'zod';
import { maxChars, mobiles } from './common';

export const externalContact = z.object({
  external_userid: z.string(),
  name: z.string(),
  type: z.union([z.literal(1), z.literal(2)]),
  gender: z.number().int().default(0),
  avatar: z.string().optional(),
  unionid: z.string().optional(),
  position: z.string().optional(),
  corp_name: z.string().optional(),
  corp_full_name: z.string().optional(),
  external_profile: z.unknown().optional(),
});

export const followUserTag = z.object({
  group_name: z.string(),
  tag_name: z.string(),
  /** Absent for personal tags (type 2). */
  tag_id: z.string().optional(),
  /** 1 corp tag, 2 personal tag, 3 rule-group tag. */
  type: z.number().int(),
});

const followCommon = {
  userid: z.string(),
  remark: z.string().default(''),
  description: z.string().default(''),
  createtime: z.number().int(),
  /** get returns remark_corp_name; an older fixture uses remark_company. */
  remark_corp_name: z.string().optional(),
  remark_company: z.string().optional(),
  remark_mobiles: mobiles.default([]),
  oper_userid: z.string().optional(),
  add_way: z.number().int().optional(),
  state: z.string().optional(),
  wechat_channels: z.object({ nickname: z.string().optional(), source: z.number().int().optional() }).optional(),
};

export const followUser = z.object({ ...followCommon, tags: z.array(followUserTag).default([]) });
export const followInfo = z.object({ ...followCommon, tag_id: z.array(z.string()).default([]) });

export const listExternalContactResponse = z.object({ external_userid: z.array(z.string()).default([]) });
export const getExternalContactResponse = z.object({
  external_contact: externalContact,
  follow_user: z.array(followUser).default([]),
  next_cursor: z.string().optional(),
});

export const batchGetByUserRequest = z.object({
  userid_list: z.array(z.string().min(1)).min(1).max(100),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export const batchGetByUserResponse = z.object({
  external_contact_list: z.array(z.object({ external_contact: externalContact, follow_info: followInfo })).default([]),
  next_cursor: z.string().default(''),
  fail_info: z.object({ unlicensed_userid_list: z.array(z.string()).default([]) }).optional(),
});

export const remarkRequest = z.object({
  userid: z.string().min(1),
  external_userid: z.string().min(1),
  remark: maxChars(20).optional(),
  description: maxChars(150).optional(),
  remark_company: maxChars(20).optional(),
  remark_mobiles: z.array(z.string()).optional(),
  remark_pic_mediaid: z.string().optional(),
}).refine((r) => [r.remark, r.description, r.remark_company, r.remark_mobiles, r.remark_pic_mediaid].some((v) => v !== undefined),
  { message: 'remark, description, remark_company, remark_mobiles and remark_pic_mediaid must not all be empty' });

export const followUserListResponse = z.object({ follow_user: z.array(z.string()).default([]) });

export type ExternalContact = z.infer<typeof externalContact>;
export type FollowUser = z.infer<typeof followUser>;
export type FollowInfo = z.infer<typeof followInfo>;
