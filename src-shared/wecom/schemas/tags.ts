// Enterprise customer tags (DOC 92117) and mark_tag (DOC 92118).
import { z } from 'zod';
import { maxChars, order } from './common';

export const corpTag = z.object({
  id: z.string(),
  name: z.string(),
  create_time: z.number().int(),
  order: z.number().int().default(0),
  /** Present only when the query names tag_id or group_id. */
  deleted: z.boolean().optional(),
});

export const corpTagGroup = z.object({
  group_id: z.string(),
  group_name: z.string(),
  create_time: z.number().int(),
  order: z.number().int().default(0),
  deleted: z.boolean().optional(),
  tag: z.array(corpTag).default([]),
});

export const getCorpTagListRequest = z.object({
  tag_id: z.array(z.string().min(1)).optional(),
  group_id: z.array(z.string().min(1)).optional(),
});
export const getCorpTagListResponse = z.object({ tag_group: z.array(corpTagGroup).default([]) });

export const addCorpTagRequest = z.object({
  group_id: z.string().min(1).optional(),
  group_name: maxChars(30).pipe(z.string().min(1)).optional(),
  order: order.optional(),
  tag: z.array(z.object({ name: maxChars(30).pipe(z.string().min(1)), order: order.optional() })).min(1),
  agentid: z.number().int().optional(),
}).refine((r) => r.group_id !== undefined || r.group_name !== undefined, { message: 'group_id or group_name is required' });
export const addCorpTagResponse = z.object({ tag_group: corpTagGroup });

export const editCorpTagRequest = z.object({
  id: z.string().min(1),
  name: maxChars(30).pipe(z.string().min(1)).optional(),
  order: order.optional(),
  agentid: z.number().int().optional(),
});

export const delCorpTagRequest = z.object({
  tag_id: z.array(z.string().min(1)).optional(),
  group_id: z.array(z.string().min(1)).optional(),
  agentid: z.number().int().optional(),
}).refine((r) => (r.tag_id?.length ?? 0) + (r.group_id?.length ?? 0) > 0, { message: 'tag_id and group_id must not both be empty' });

export const markTagRequest = z.object({
  userid: z.string().min(1),
  external_userid: z.string().min(1),
  add_tag: z.array(z.string().min(1)).optional(),
  remove_tag: z.array(z.string().min(1)).optional(),
}).refine((r) => (r.add_tag?.length ?? 0) + (r.remove_tag?.length ?? 0) > 0, { message: 'add_tag and remove_tag must not both be empty' });

export type CorpTag = z.infer<typeof corpTag>;
export type CorpTagGroup = z.infer<typeof corpTagGroup>;
