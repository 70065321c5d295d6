// The signed-in member and the connection to the team server, as this device knows them.
// The device token lives only in the secret store; on start the session is restored from it
// (or found revoked), and the team server's event stream keeps the connection state honest.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Connection, MemberSummary } from '../../src-shared/ipc/index';
import type { TeamEventEnvelope } from '../../src-shared/team-api/events';
import { meSchema, type Me } from '../../src-shared/team-api/auth';
import type { Db } from '../store/database';
import type { EventBus } from '../app/event-bus';
import type { SecretStore } from '../secrets/secret-store';
import type { Logger } from '../services/logger';
import { createTeamApiClient, TeamApiError, TeamUnreachableError, type TeamApiClient } from '../team/team-api-client';
import { startTeamEvents, type TeamEvents } from '../team/team-events';
import { openLoopbackCallback, type LoopbackCallback } from '../team/loopback-callback';
import { HandledError } from '../ipc/dispatch';

export const DEVICE_TOKEN_ACCOUNT = 'device-token';

export interface Session {
  member(): MemberSummary | null;
  /** The signed-in member as the team server described them (departments too), or null. */
  me(): Me | null;
  /** The device token from the keychain (null when signed out or unreadable). */
  deviceToken(): Promise<string | null>;
  serverUrl(): string | null;
  api(): TeamApiClient | null;
  /** Points the session at another team server (only while signed out) and connects. */
  setServerUrl(url: string): Promise<void>;
  connection(): Connection;
  setConnection(patch: Partial<Connection>): void;
  /** Restores the sign-in from the keychain and connects; never throws (offline is a state). */
  start(): Promise<void>;
  beginSignIn(): Promise<{ url: string; opened: boolean }>;
  signOut(): Promise<boolean>;
  onTeamEvent(listener: (e: TeamEventEnvelope) => void): () => void;
  stop(): void;
}

export interface SessionDeps {
  db: Db;
  bus: EventBus;
  secrets: SecretStore;
  log: Logger;
  /** Team server to use when none is stored yet (the embedded demo passes its own). */
  teamServerUrl?: string;
  /** Opens WeCom's login page; absent in browser mode, where the page opens it itself. */
  openLoginWindow?: (url: string) => void;
}

const summary = (me: Me): MemberSummary => ({ userid: me.userid, name: me.name, departmentName: me.departmentName, role: me.role });

export function createSession(deps: SessionDeps): Session {
  const { db, bus, secrets, log } = deps;
  const getMeta = db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck();
  const setMeta = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const delMeta = db.prepare(`DELETE FROM meta WHERE key = ?`);
  if (deps.teamServerUrl) setMeta.run('team_server_url', deps.teamServerUrl);
  let serverUrl = (getMeta.get('team_server_url') as string | undefined) ?? null;
  let api: TeamApiClient | null = serverUrl ? createTeamApiClient(serverUrl) : null;

  let member: MemberSummary | null = null;
  let me: Me | null = null;
  let connection: Connection = { state: serverUrl ? 'connecting' : 'not_configured', serverUrl, queued: 0, lastSyncAt: null };
  let events: TeamEvents | null = null;
  let pending: LoopbackCallback | null = null;
  const listeners = new Set<(e: TeamEventEnvelope) => void>();

  const setConnection = (patch: Partial<Connection>): void => {
    const next = { ...connection, ...patch };
    if (JSON.stringify(next) === JSON.stringify(connection)) return;
    connection = next;
    bus.emit({ type: 'connection', connection });
  };
  const setMember = (m: Me | null, reason: 'signed-in' | 'signed-out' | 'revoked' | 'restored'): void => {
    me = m;
    member = m ? summary(m) : null;
    // Kept so a start without the team server still knows who is signed in (offline-first).
    if (m) setMeta.run('me', JSON.stringify(m)); else delMeta.run('me');
    bus.emit({ type: 'session', member, reason });
  };

  async function forgetDevice(reason: 'signed-out' | 'revoked'): Promise<void> {
    events?.stop();
    events = null;
    await secrets.delete(DEVICE_TOKEN_ACCOUNT).catch(() => false);
    delMeta.run('team_event_cursor');
    setMember(null, reason);
  }

  function follow(token: string): void {
    events?.stop();
    events = startTeamEvents({
      baseUrl: serverUrl!,
      token,
      cursor: () => {
        const v = getMeta.get('team_event_cursor') as string | undefined;
        return v === undefined ? null : Number(v);
      },
      saveCursor: (seq) => setMeta.run('team_event_cursor', String(seq)),
      onEvent: (e) => {
        for (const l of listeners) l(e);
      },
      onState: (state) => {
        if (state === 'revoked') {
          log.warn('session: device revoked by the team server');
          setConnection({ state: 'online' });
          void forgetDevice('revoked');
          return;
        }
        setConnection({ state, ...(state === 'online' ? { lastSyncAt: new Date().toISOString() } : {}) });
      },
    });
  }

  const session: Session = {
    member: () => member,
    me: () => me,
    deviceToken: () => secrets.get(DEVICE_TOKEN_ACCOUNT).catch(() => null),
    serverUrl: () => serverUrl,
    api: () => api,
    async setServerUrl(url) {
      if (member) throw new HandledError('conflict', 'signed in', '请先退出登录，再更换团队服务器。');
      events?.stop();
      events = null;
      pending?.cancel();
      pending = null;
      serverUrl = url;
      api = createTeamApiClient(url);
      setMeta.run('team_server_url', url);
      delMeta.run('team_event_cursor');
      setConnection({ state: 'connecting', serverUrl: url });
      await session.start();
    },
    connection: () => connection,
    setConnection,

    async start() {
      if (!api) return;
      let token: string | null = null;
      try {
        token = await secrets.get(DEVICE_TOKEN_ACCOUNT);
      } catch (e) {
        log.warn({ err: (e as Error).message }, 'session: keychain unreadable');
      }
      if (!token) {
        try {
          await fetch(`${serverUrl!.replace(/\/+$/, '')}/team/v1/health`, { signal: AbortSignal.timeout(5000) });
          setConnection({ state: 'online' });
        } catch {
          setConnection({ state: 'offline' });
        }
        return;
      }
      try {
        setMember(await api.me(token), 'restored');
      } catch (e) {
        if (e instanceof TeamApiError && e.status === 401) {
          await forgetDevice('revoked');
          setConnection({ state: 'online' });
          return;
        }
        if (!(e instanceof TeamUnreachableError)) log.warn({ err: (e as Error).message }, 'session: restore failed');
        setConnection({ state: 'offline' });
        // Offline: the member signed in before works on from the last known identity.
        const cached = getMeta.get('me') as string | undefined;
        const parsed = cached ? meSchema.safeParse(JSON.parse(cached)) : null;
        if (parsed?.success) setMember(parsed.data, 'restored');
      }
      follow(token);
    },

    async beginSignIn() {
      if (!api) throw new HandledError('unavailable', 'no team server configured', '尚未配置团队服务器，请在设置中填写服务器地址。');
      pending?.cancel();
      const state = randomBytes(16).toString('hex');
      const callback = await openLoopbackCallback(state);
      pending = callback;
      let url: string;
      try {
        url = await api.loginPage(callback.redirectUri, state);
      } catch (e) {
        callback.cancel();
        throw e instanceof TeamApiError
          ? new HandledError('unavailable', e.message, e.userMessage)
          : new HandledError('unavailable', (e as Error).message, '无法连接团队服务器，请检查网络后重试。');
      }
      const client = api;
      void callback.code.then(async (code) => {
        try {
          const r = await client.login(code, `${os.hostname()} · Tagdesk`);
          await secrets.set(DEVICE_TOKEN_ACCOUNT, r.deviceToken);
          delMeta.run('team_event_cursor');
          setMember(r.me, 'signed-in');
          follow(r.deviceToken);
        } catch (e) {
          log.warn({ err: (e as Error).message }, 'session: sign-in failed');
          bus.emit({ type: 'session', member: null, reason: 'signed-out' });
        }
      }, () => undefined);
      const opened = Boolean(deps.openLoginWindow);
      deps.openLoginWindow?.(url);
      return { url, opened };
    },

    async signOut() {
      const token = await secrets.get(DEVICE_TOKEN_ACCOUNT).catch(() => null);
      if (token && api) await api.logout(token).catch((e: unknown) => log.info({ err: (e as Error).message }, 'session: server-side sign-out failed; the token is forgotten here anyway'));
      await forgetDevice('signed-out');
      return true;
    },

    onTeamEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    stop() {
      events?.stop();
      pending?.cancel();
    },
  };
  return session;
}
