// Channel codes (渠道活码) for admins: list with the members a code may send customers to,
// create, edit, delete. Forwarded to the team server, which calls WeCom's 「联系我」 API and
// tags customers who add a member through a code (docs/guardrails.md).
import { z } from 'zod';
import { channel } from '../contract';
import { channelCodeInputSchema, channelCodeListSchema, channelCodeSchema } from '../../team-api/channel-codes';

const id = z.string().min(1).max(64);

export const channelCodeChannels = {
  'channel.codes.list': channel({ summary: 'The live channel codes, newest first, with how many customers came through each, and the members a code may name.', args: z.object({}).strict(), result: channelCodeListSchema }),
  'channel.codes.create': channel({ summary: "Creates a code in WeCom (add_contact_way) carrying the channel's tags.", args: channelCodeInputSchema, result: channelCodeSchema }),
  'channel.codes.update': channel({ summary: "Renames a code or changes its tags or members (update_contact_way); tags apply to customers added from then on.", args: channelCodeInputSchema.extend({ id }).strict(), result: channelCodeSchema }),
  'channel.codes.delete': channel({ summary: 'Deletes a code in WeCom and here; customers already tagged keep their tags.', args: z.object({ id }).strict(), result: z.object({ deleted: z.literal(true) }) }),
};
