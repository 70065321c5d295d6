// The admin screens' channels: each forwards to the team server's administration API with
// the signed-in device's token; the server decides with the permission engine. Team errors
// become handled errors carrying the server's Chinese message.
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { createAdminApiClient, type AdminApiClient } from '../../team/admin-api-client';
import { TeamApiError, TeamUnreachableError } from '../../team/team-api-client';
import { forwardAdminEvents } from '../../admin/admin-events';
import type { snapshotChannels } from '../../../src-shared/ipc/channels/snapshots';

/** The `admin.*` channels, less those served by their own module (the time machine's restore: ./snapshots). */
type AdminChannel = Exclude<Extract<keyof HandlerTable, `admin.${string}`>, keyof typeof snapshotChannels>;

function toHandled(e: unknown): never {
  if (e instanceof TeamApiError) {
    const code = e.code === 'forbidden' || e.code === 'unauthenticated' || e.code === 'device_revoked' ? 'forbidden' : e.code === 'not_found' ? 'not_found' : e.code === 'upstream_unavailable' ? 'unavailable' : 'conflict';
    throw new HandledError(code, `team server: ${e.code}: ${e.message}`, e.userMessage);
  }
  if (e instanceof TeamUnreachableError) throw new HandledError('unavailable', e.message, '无法连接团队服务器，请检查网络后重试。');
  throw e;
}

export function adminHandlers(s: Services): Pick<HandlerTable, AdminChannel> {
  forwardAdminEvents(s.session, s.bus);
  async function withClient<T>(fn: (c: AdminApiClient) => Promise<T>): Promise<T> {
    const url = s.session.serverUrl();
    const token = await s.session.deviceToken();
    if (!url || !token || !s.session.member()) throw new HandledError('unavailable', 'not signed in', '请先使用企业微信登录。');
    try {
      return await fn(createAdminApiClient(url, token));
    } catch (e) {
      return toHandled(e);
    }
  }
  return {
    'admin.bulk.preview': (args) => withClient((c) => c.bulkPreview(args)),
    'admin.bulk.start': (args) => withClient((c) => c.bulkStart(args)),
    'admin.batches.list': () => withClient((c) => c.batches()),
    'admin.batches.get': ({ id }) => withClient((c) => c.batch(id)),
    'admin.batches.items': ({ id, ...q }) => withClient((c) => c.batchItems(id, q)),
    'admin.batches.pause': ({ id }) => withClient((c) => c.batchAction(id, 'pause')),
    'admin.batches.resume': ({ id }) => withClient((c) => c.batchAction(id, 'resume')),
    'admin.batches.cancel': ({ id }) => withClient((c) => c.batchAction(id, 'cancel')),
    'admin.batches.undo': ({ id }) => withClient((c) => c.batchAction(id, 'undo')),
    'admin.import.preview': (args) => withClient((c) => c.importPreview(args)),
    'admin.import.commit': (args) => withClient((c) => c.importCommit(args)),
    'admin.export.customers': (args) => withClient((c) => c.exportCustomers(args)),
    'admin.catalog.list': () => withClient((c) => c.catalog()),
    'admin.catalog.createGroup': (args) => withClient((c) => c.createGroup(args)),
    'admin.catalog.addTags': ({ groupId, tags }) => withClient((c) => c.addTags(groupId, { tags })),
    'admin.catalog.edit': ({ id, ...change }) => withClient((c) => c.edit(id, change)),
    'admin.catalog.delete': (args) => withClient((c) => c.deleteTags(args)),
    'admin.recycleBin.list': ({ all }) => withClient((c) => c.recycleBin(all)),
    'admin.recycleBin.restore': ({ id }) => withClient((c) => c.restore(id)),
    'admin.snapshots.list': () => withClient((c) => c.snapshots()),
    'admin.snapshots.take': ({ reason }) => withClient((c) => c.takeSnapshot(reason)),
    'admin.snapshots.diff': ({ id }) => withClient((c) => c.snapshotDiff(id)),
    'admin.governance.usage': () => withClient((c) => c.usage()),
    'admin.governance.duplicates': ({ minScore }) => withClient((c) => c.duplicates(minScore)),
    'admin.governance.merge': (args) => withClient((c) => c.merge(args)),
    'admin.handover.start': (args) => withClient((c) => c.handoverStart(args)),
    'admin.handover.candidates': () => withClient((c) => c.handoverCandidates()),
    'admin.handover.customers': ({ kind, userid }) => withClient((c) => c.handoverCustomers(kind, userid)),
    'admin.handover.preview': (args) => withClient((c) => c.handoverPreview(args)),
    'admin.handover.list': () => withClient((c) => c.handovers()),
    'admin.handover.get': ({ id }) => withClient((c) => c.handover(id)),
    'admin.handover.refresh': ({ id }) => withClient((c) => c.handoverRefresh(id)),
    'admin.customer.tagsAsOf': ({ externalUserid, at }) => withClient((c) => c.tagsAsOf(externalUserid, at)),
  };
}
