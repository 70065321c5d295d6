// Composition root of main's services. Runs the same under Electron and plain Node (browser
// mode, tests): nothing here imports electron; the shell passes in what only it can provide.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, storeHealth, type Db, type StoreHealth } from '../store/database';
import { createEventBus, type EventBus } from './event-bus';
import { createSession, type Session } from '../session/session';
import { createDispatcher, type Dispatcher } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers/index';
import type { SecretStore } from '../secrets/secret-store';
import type { Logger } from '../services/logger';
import { createWorkspaceHost, type WorkspaceHost } from '../workspace/host';
import type { Workspace } from '../workspace/workspace';
import { HandledError } from '../ipc/dispatch';
import { createDeviceSettings, type DeviceSettings } from './settings';

/** What handlers work with. */
export interface Services {
  mode: 'electron' | 'browser';
  dataDir: string;
  db: Db;
  secrets: SecretStore;
  bus: EventBus;
  session: Session;
  log: Logger;
  workspaces: WorkspaceHost;
  settings: DeviceSettings;
  /** The signed-in member's workspace; throws the "sign in first" error when there is none. */
  workspace(): Workspace;
  /** The store's health: cheap facts at once, the integrity check once it has run. */
  storeHealth(): StoreHealth;
  close(): void;
}

/** The services plus the dispatcher every transport feeds. */
export interface App extends Services {
  dispatcher: Dispatcher;
}

export interface ServiceOptions {
  mode: 'electron' | 'browser';
  dataDir: string;
  secrets: SecretStore;
  log: Logger;
  /** better_sqlite3.node built for Electron, when running in the shell. */
  sqliteNativeBinding?: string;
  /** The team server to use when none is stored yet (the embedded demo's). */
  teamServerUrl?: string;
  /** Opens WeCom's login page in a window (the Electron shell); browser mode opens it from the page. */
  openLoginWindow?: (url: string) => void;
}

export const STORE_FILE = 'tagdesk.sqlite';

export function createApp(opts: ServiceOptions): App {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(path.join(opts.dataDir, STORE_FILE), opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {});
  const bus = createEventBus();
  const session = createSession({
    db,
    bus,
    secrets: opts.secrets,
    log: opts.log,
    ...(opts.teamServerUrl ? { teamServerUrl: opts.teamServerUrl } : {}),
    ...(opts.openLoginWindow ? { openLoginWindow: opts.openLoginWindow } : {}),
  });
  const workspaces = createWorkspaceHost({
    dataDir: opts.dataDir, session, bus, log: opts.log,
    ...(opts.sqliteNativeBinding ? { sqliteNativeBinding: opts.sqliteNativeBinding } : {}),
  });
  let health = storeHealth(db, { checks: false });
  // The full check reads the whole file (about a second at 200,000 customers): after start-up.
  const healthCheck = setTimeout(() => {
    if (!db.open) return;
    health = storeHealth(db);
    if (health.integrity !== 'ok') opts.log.error({ integrity: health.integrity, fk: health.foreignKeyViolations }, 'store: integrity check failed');
    bus.emit({ type: 'store-health', store: health });
  }, 0);
  const services: Services = {
    mode: opts.mode,
    dataDir: opts.dataDir,
    db,
    secrets: opts.secrets,
    bus,
    session,
    log: opts.log,
    workspaces,
    settings: createDeviceSettings(db, session),
    workspace() {
      const ws = workspaces.current();
      if (!ws) throw new HandledError('unavailable', 'no member signed in', '请先使用企业微信登录。');
      return ws;
    },
    storeHealth: () => health,
    close() {
      clearTimeout(healthCheck);
      workspaces.stop();
      session.stop();
      db.close();
    },
  };
  void session.start();
  return { ...services, dispatcher: createDispatcher(createHandlers(services), opts.log) };
}
