// Opens the member's workspace when someone is signed in (or restored from the keychain,
// online or not) and closes it on sign-out; forwards connection changes and the team
// server's events to it, and keeps the header's queued-changes count current.
import type { EventBus } from '../app/event-bus';
import type { Session } from '../session/session';
import type { Logger } from '../services/logger';
import { Workspace } from './workspace';

export interface WorkspaceHost {
  current(): Workspace | null;
  /** Resolves once the workspace for the current member (if any) has finished connecting. */
  ready(): Promise<void>;
  stop(): void;
}

export function createWorkspaceHost(deps: { dataDir: string; sqliteNativeBinding?: string; session: Session; bus: EventBus; log: Logger }): WorkspaceHost {
  const { session, bus, log } = deps;
  let ws: Workspace | null = null;
  let opening: Promise<void> = Promise.resolve();
  let generation = 0;

  async function open(): Promise<void> {
    const gen = ++generation;
    ws?.stop();
    ws = null;
    const me = session.me();
    const api = session.api();
    const serverUrl = session.serverUrl();
    if (!me || !api || !serverUrl) return;
    const token = await session.deviceToken();
    if (!token || gen !== generation) return;
    const next = new Workspace({
      dataDir: deps.dataDir, ...(deps.sqliteNativeBinding ? { sqliteNativeBinding: deps.sqliteNativeBinding } : {}),
      me, serverUrl, token, api, bus, log, online: session.connection().state === 'online',
    });
    ws = next;
    await next.start();
  }

  const offBus = bus.subscribe((e) => {
    if (e.type === 'session') {
      if (e.member && ws?.me.userid === e.member.userid) return;
      opening = open().catch((err: unknown) => log.error({ err }, 'workspace: could not open'));
    } else if (e.type === 'connection') {
      ws?.setOnline(e.connection.state === 'online');
    } else if (e.type === 'sync') {
      session.setConnection({ queued: e.status.queued + e.status.approvalsQueued });
    }
  });
  const offTeam = session.onTeamEvent((env) => {
    void ws?.onTeamEvent(env);
  });

  return {
    current: () => ws,
    ready: () => opening,
    stop() {
      offBus();
      offTeam();
      generation++;
      ws?.stop();
      ws = null;
    },
  };
}
