// The desktop's client of the team server's channel-code routes (渠道活码, admins). Answers are
// validated with the shared schemas; errors come back as the team client's TeamApiError /
// TeamUnreachableError.
import { z } from 'zod';
import { channelCodeListSchema, channelCodeSchema, type ChannelCodeInput } from '../../src-shared/team-api/channel-codes';
import { createTeamTransport } from './team-api-client';

export type ChannelCodesApiClient = ReturnType<typeof createChannelCodesApiClient>;

export function createChannelCodesApiClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  const transport = createTeamTransport(baseUrl, fetchImpl);
  // Creating and editing wait on WeCom's 「联系我」 API, which the server calls synchronously.
  const request = <S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> =>
    transport.request(method, path, schema, { token, body, timeoutMs: 30_000 });
  const enc = encodeURIComponent;
  return {
    list: () => request('GET', '/team/v1/channel-codes', channelCodeListSchema),
    create: (input: ChannelCodeInput) => request('POST', '/team/v1/channel-codes', channelCodeSchema, input),
    update: (id: string, input: ChannelCodeInput) => request('PUT', `/team/v1/channel-codes/${enc(id)}`, channelCodeSchema, input),
    remove: (id: string) => request('DELETE', `/team/v1/channel-codes/${enc(id)}`, z.object({ deleted: z.literal(true) })),
  };
}
