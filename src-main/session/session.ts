// The signed-in member and the connection to the team server, as this device knows them.
// Before sign-in (and before a team server is configured) both say so honestly.
import type { Connection, MemberSummary } from '../../src-shared/ipc/index';
import type { Db } from '../store/database';
import type { EventBus } from '../app/event-bus';

export interface Session {
  member(): MemberSummary | null;
  connection(): Connection;
  setConnection(patch: Partial<Connection>): void;
}

export function createSession(db: Db, bus: EventBus): Session {
  const serverUrl = (db.prepare(`SELECT value FROM meta WHERE key = 'team_server_url'`).get() as { value: string } | undefined)?.value ?? null;
  let connection: Connection = { state: serverUrl ? 'connecting' : 'not_configured', serverUrl, queued: 0, lastSyncAt: null };
  return {
    member: () => null,
    connection: () => connection,
    setConnection(patch) {
      connection = { ...connection, ...patch };
      bus.emit({ type: 'connection', connection });
    },
  };
}
