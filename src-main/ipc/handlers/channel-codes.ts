// The channel-code channels: each forwards to the team server's /team/v1/channel-codes routes
// with the signed-in device's token; the server decides (admins only) and talks to WeCom. Team
// errors become handled errors carrying the server's Chinese message.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { withTeam } from '../team-call';
import { createChannelCodesApiClient, type ChannelCodesApiClient } from '../../team/channel-codes-api-client';

type ChannelCodeChannel = Extract<keyof HandlerTable, `channel.codes.${string}`>;


export function channelCodeHandlers(s: Services): Pick<HandlerTable, ChannelCodeChannel> {
  const withClient = <T>(fn: (c: ChannelCodesApiClient) => Promise<T>): Promise<T> => withTeam(s, (url, token) => fn(createChannelCodesApiClient(url, token)));
  return {
    'channel.codes.list': () => withClient((c) => c.list()),
    'channel.codes.create': (input) => withClient((c) => c.create(input)),
    'channel.codes.update': ({ id, ...input }) => withClient((c) => c.update(id, input)),
    'channel.codes.delete': ({ id }) => withClient((c) => c.remove(id)),
  };
}
