// The admin screens' channels: each forwards to the team server's administration API with
// the signed-in device's token; the server decides with the permission engine. Team errors
// become handled errors carrying the server's Chinese message.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { withTeam } from '../team-call';
import { createAdminApiClient, type AdminApiClient } from '../../team/admin-api-client';
import { forwardAdminEvents } from '../../admin/admin-events';
import type { snapshotChannels } from '../../../src-shared/ipc/channels/snapshots';

/** The `admin.*` channels, less those served by their own module (the time machine's restore: ./snapshots). */
type AdminChannel = Exclude<Extract<keyof HandlerTable, `admin.${string}`>, keyof typeof snapshotChannels>;


export function adminHandlers(s: Services): Pick<HandlerTable, AdminChannel> {
  forwardAdminEvents(s.session, s.bus);
  const withClient = <T>(fn: (c: AdminApiClient) => Promise<T>): Promise<T> => withTeam(s, (url, token) => fn(createAdminApiClient(url, token)));
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
