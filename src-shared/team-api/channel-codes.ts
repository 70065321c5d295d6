// Channel codes (渠道活码) as the team server's /team/v1/channel-codes routes return them; the
// desktop validates answers with these before the screen sees them.
import { z } from 'zod';

export const channelCodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The `state` WeCom hands back in the add_external_contact callback. */
  state: z.string(),
  configId: z.string(),
  /** WeCom's link to the code's QR image (scene 2); null when WeCom returned none. */
  qrCode: z.string().nullable(),
  tagIds: z.array(z.string()),
  users: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Customers who added a member through the code. */
  customers: z.number().int(),
});
export type ChannelCodeView = z.infer<typeof channelCodeSchema>;

export const channelCodeListSchema = z.object({
  codes: z.array(channelCodeSchema),
  /** Active members a code may send customers to. */
  members: z.array(z.object({ userid: z.string(), name: z.string() })),
});

const name = z.string().trim().min(1, { error: '请填写渠道名称' }).max(30, { error: '渠道名称最多 30 个字' });
const tagIds = z.array(z.string().min(1).max(64)).min(1, { error: '请至少选择一个渠道标签' }).max(20, { error: '一个渠道最多 20 个标签' });
const users = z.array(z.string().min(1).max(64)).min(1, { error: '请至少选择一名接待成员' }).max(100, { error: '最多 100 名接待成员' });
export const channelCodeInputSchema = z.object({ name, tagIds, users }).strict();
export type ChannelCodeInput = z.infer<typeof channelCodeInputSchema>;
