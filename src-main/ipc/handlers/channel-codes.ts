// The channel-code channels: each forwards to the team server's /team/v1/channel-codes routes
// with the signed-in device's token; the server decides (admins only) and talks to WeCom. Team
// errors become handled errors carrying the server's Chinese message.
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { createChannelCodesApiClient, type ChannelCodesApiClient } from '../../team/channel-codes-api-client';
import { TeamApiError, TeamUnreachableError } from '../../team/team-api-client';

type ChannelCodeChannel = Extract<keyof HandlerTable, `channel.codes.${string}`>;

function toHandled(e: unknown): never {
  if (e instanceof TeamApiError) {
    const code = e.code === 'forbidden' || e.code === 'unauthenticated' || e.code === 'device_revoked' ? 'forbidden'
      : e.code === 'not_found' ? 'not_found' : e.code === 'upstream_unavailable' ? 'unavailable' : 'conflict';
    throw new HandledError(code, `team server: ${e.code}: ${e.message}`, e.userMessage);
  }
  if (e instanceof TeamUnreachableError) throw new HandledError('unavailable', e.message, '无法连接团队服务器，请检查网络后重试。');
  throw e;
}

export function channelCodeHandlers(s: Services): Pick<HandlerTable, ChannelCodeChannel> {
  async function withClient<T>(fn: (c: ChannelCodesApiClient) => Promise<T>): Promise<T> {
    const url = s.session.serverUrl();
    const token = await s.session.deviceToken();
    if (!url || !token || !s.session.member()) throw new HandledError('unavailable', 'not signed in', '请先使用企业微信登录。');
    try {
      return await fn(createChannelCodesApiClient(url, token));
    } catch (e) {
      return toHandled(e);
    }
  }
  return {
    'channel.codes.list': () => withClient((c) => c.list()),
    'channel.codes.create': (input) => withClient((c) => c.create(input)),
    'channel.codes.update': ({ id, ...input }) => withClient((c) => c.update(id, input)),
    'channel.codes.delete': ({ id }) => withClient((c) => c.remove(id)),
  };
}
