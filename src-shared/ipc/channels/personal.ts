// Personal tags: the member's own labels, kept only on this device (never sent anywhere).
import { z } from 'zod';
import { channel } from '../contract';
import { externalUseridSchema, personalChipSchema } from './customers';

export const personalTagNameSchema = z.string().trim().min(1, '标签名不能为空').max(30, '个人标签最多 30 个字');

export const personalTagRowSchema = personalChipSchema.extend({ uses: z.number().int(), deletedAt: z.string().nullable() });

export const personalChannels = {
  'personal.list': channel({
    summary: "The member's personal tags with how many customers carry each (and the recycle bin when asked).",
    args: z.object({ includeDeleted: z.boolean().default(false) }).strict(),
    result: z.object({ tags: z.array(personalTagRowSchema) }),
  }),
  'personal.create': channel({
    summary: 'Creates a personal tag (linted: blocked texts are refused) and optionally puts it on a customer.',
    args: z.object({ name: personalTagNameSchema, externalUserid: externalUseridSchema.optional() }).strict(),
    result: z.object({ tag: personalChipSchema }),
  }),
  'personal.assign': channel({
    summary: 'Puts a personal tag on a customer.',
    args: z.object({ externalUserid: externalUseridSchema, tagId: z.number().int().positive() }).strict(),
    result: z.object({ changed: z.boolean() }),
  }),
  'personal.unassign': channel({
    summary: 'Takes a personal tag off a customer.',
    args: z.object({ externalUserid: externalUseridSchema, tagId: z.number().int().positive() }).strict(),
    result: z.object({ changed: z.boolean() }),
  }),
  'personal.rename': channel({
    summary: 'Renames a personal tag (linted).',
    args: z.object({ tagId: z.number().int().positive(), name: personalTagNameSchema }).strict(),
    result: z.object({ tag: personalChipSchema }),
  }),
  'personal.delete': channel({
    summary: 'Moves a personal tag to the recycle bin (restorable for 72 hours).',
    args: z.object({ tagId: z.number().int().positive() }).strict(),
    result: z.object({ deleted: z.boolean() }),
  }),
  'personal.restore': channel({
    summary: 'Restores a personal tag from the recycle bin with its assignments.',
    args: z.object({ tagId: z.number().int().positive() }).strict(),
    result: z.object({ restored: z.boolean() }),
  }),
  'personal.export': channel({
    summary: "Exports the member's personal tags and their customers as a JSON backup the member keeps.",
    args: z.object({}).strict(),
    result: z.object({ fileName: z.string(), json: z.string(), tags: z.number().int(), assignments: z.number().int() }),
  }),
};
