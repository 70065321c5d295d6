// Device settings kept in the app store's meta table: the global shortcut, the date locale, and
// (through the session) the team server. The Electron shell installs the shortcut applier;
// browser mode has no global shortcuts and says so.
import type { Db } from '../store/database';
import type { Session } from '../session/session';
import type { Settings } from '../../src-shared/ipc/index';
import { HandledError } from '../ipc/dispatch';

export const DEFAULT_SHORTCUT = 'CommandOrControl+Alt+T';
const LOCALES = new Set(['zh-CN', 'zh-HK', 'zh-TW', 'en-US']);

export interface DeviceSettings {
  get(): Settings;
  setShortcut(accelerator: string): Settings;
  setDateLocale(locale: Settings['dateLocale']): Settings;
  setTeamServer(url: string): Promise<Settings>;
  /** The shell registers the accelerator and says whether it got it (another app may hold it). */
  installShortcutApplier(apply: (accelerator: string) => boolean): void;
}

export function createDeviceSettings(db: Db, session: Session): DeviceSettings {
  const getMeta = db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck();
  const setMeta = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  let applier: ((a: string) => boolean) | null = null;
  let active: boolean | null = null;

  const shortcut = (): string => (getMeta.get('shortcut') as string | undefined) ?? DEFAULT_SHORTCUT;
  const get = (): Settings => {
    const locale = getMeta.get('date_locale') as string | undefined;
    return {
      teamServerUrl: session.serverUrl(),
      shortcut: shortcut(),
      shortcutActive: active,
      dateLocale: (locale && LOCALES.has(locale) ? locale : 'zh-CN') as Settings['dateLocale'],
    };
  };

  return {
    get,
    setShortcut(accelerator) {
      if (applier) {
        if (!applier(accelerator)) {
          // Keep the old one working: the new one is taken by another app.
          active = applier(shortcut());
          throw new HandledError('conflict', `shortcut ${accelerator} is taken`, `快捷键 ${accelerator} 已被其他程序占用，请换一个组合。`);
        }
        active = true;
      }
      setMeta.run('shortcut', accelerator);
      return get();
    },
    setDateLocale(locale) {
      setMeta.run('date_locale', locale);
      return get();
    },
    async setTeamServer(url) {
      if (session.member()) throw new HandledError('conflict', 'signed in', '请先退出登录，再更换团队服务器。');
      const base = url.replace(/\/+$/, '');
      try {
        const res = await fetch(`${base}/team/v1/health`, { signal: AbortSignal.timeout(5000) });
        const body = (await res.json()) as { ok?: boolean };
        if (!res.ok || !body.ok) throw new Error(`HTTP ${res.status}`);
      } catch (e) {
        throw new HandledError('unavailable', `team server ${base} did not answer: ${(e as Error).message}`, '无法连接该服务器，或它不是 Tagdesk 团队服务器，请检查地址。');
      }
      await session.setServerUrl(base);
      return get();
    },
    installShortcutApplier(apply) {
      applier = apply;
      active = apply(shortcut());
    },
  };
}
