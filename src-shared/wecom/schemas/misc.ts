// Endpoints the reference leaves to the official docs (sources in docs/wecom.md): access token,
// chat intercept rules, mass-message templates, directory, web-login code exchange, JS-SDK tickets.
import { z } from 'zod';
import { charLength } from './common';

export const getTokenResponse = z.object({ access_token: z.string().min(1).max(512), expires_in: z.number().int().positive() });

// --- intercept rules (official page 95130; see docs/wecom.md) ---------------------------
const applicableRange = z.object({
  user_list: z.array(z.string()).max(1000).optional(),
  department_list: z.array(z.number().int()).max(1000).optional(),
});
const wordList = z.array(z.string().refine((w) => charLength(w) >= 1 && charLength(w) <= 32, { message: 'words are 1–32 characters' })).max(300);
const ruleName = z.string().refine((n) => charLength(n) >= 1 && charLength(n) <= 20, { message: 'rule_name is 1–20 characters' });
/** 1 mobile numbers, 2 e-mail addresses, 3 red packets. */
const semantics = z.array(z.union([z.literal(1), z.literal(2), z.literal(3)]));
/** 1 warn and block, 2 warn only. */
const interceptType = z.union([z.literal(1), z.literal(2)]);

export const addInterceptRuleRequest = z.object({
  rule_name: ruleName,
  word_list: wordList.min(1),
  semantics_list: semantics.optional(),
  intercept_type: interceptType,
  applicable_range: applicableRange,
});
export const addInterceptRuleResponse = z.object({ rule_id: z.string() });
export const interceptRuleListResponse = z.object({
  rule_list: z.array(z.object({ rule_id: z.string(), rule_name: z.string(), create_time: z.number().int() })).default([]),
});
export const interceptRuleIdRequest = z.object({ rule_id: z.string().min(1) });
export const getInterceptRuleResponse = z.object({
  rule: z.object({
    rule_id: z.string(),
    rule_name: z.string(),
    word_list: z.array(z.string()),
    extra_rule: z.object({ semantics_list: z.array(z.number().int()).default([]) }).optional(),
    intercept_type: z.number().int(),
    applicable_range: z.object({ user_list: z.array(z.string()).default([]), department_list: z.array(z.number().int()).default([]) }),
  }),
});
export const updateInterceptRuleRequest = z.object({
  rule_id: z.string().min(1),
  rule_name: ruleName.optional(),
  word_list: wordList.optional(),
  extra_rule: z.object({ semantics_list: semantics }).optional(),
  intercept_type: interceptType.optional(),
  add_applicable_range: applicableRange.optional(),
  remove_applicable_range: applicableRange.optional(),
});

// --- mass-message templates (DOC 92135) ----------------------------------------------------
const attachment = z.looseObject({ msgtype: z.enum(['image', 'link', 'miniprogram', 'video', 'file']) });
export const addMsgTemplateRequest = z.object({
  chat_type: z.enum(['single', 'group']).optional(),
  external_userid: z.array(z.string().min(1)).max(10000).optional(),
  chat_id_list: z.array(z.string()).max(2000).optional(),
  sender: z.string().optional(),
  allow_select: z.boolean().optional(),
  text: z.object({ content: z.string() }).optional(),
  attachments: z.array(attachment).max(9).optional(),
}).refine((r) => (r.external_userid?.length ?? 0) > 0 || r.sender !== undefined, { message: 'external_userid and sender must not both be empty' })
  .refine((r) => r.text !== undefined || (r.attachments?.length ?? 0) > 0, { message: 'text and attachments must not both be empty' });
export const addMsgTemplateResponse = z.object({ fail_list: z.array(z.string()).default([]), msgid: z.string() });

// --- directory (official pages 90344 department/list, 96260 user/list) ---------------
export const department = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  name_en: z.string().optional(),
  department_leader: z.array(z.string()).default([]),
  parentid: z.number().int(),
  order: z.number().int().default(0),
});
export const departmentListResponse = z.object({ department: z.array(department).default([]) });
export const directoryUser = z.looseObject({
  userid: z.string(),
  name: z.string().optional(),
  department: z.array(z.number().int()).default([]),
  order: z.array(z.number().int()).optional(),
  position: z.string().optional(),
  is_leader_in_dept: z.array(z.number().int()).optional(),
  direct_leader: z.array(z.string()).optional(),
  main_department: z.number().int().optional(),
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  status: z.number().int().optional(),
});
export const userListResponse = z.object({ userlist: z.array(directoryUser).default([]) });

// --- web login (official pages 98171, 98177) -------------------------------------------
/** A member gets userid; a non-member gets openid (and external_userid when they are a customer). */
export const getUserInfoResponse = z.object({
  userid: z.string().optional(),
  user_ticket: z.string().optional(),
  openid: z.string().optional(),
  external_userid: z.string().optional(),
});

// --- JS-SDK tickets (official page 96909) -------------------------------------------------
export const jsapiTicketResponse = z.object({ ticket: z.string().min(1), expires_in: z.number().int().positive() });

export type Department = z.infer<typeof department>;
export type DirectoryUser = z.infer<typeof directoryUser>;
