// Entry of the Electron shell. It owns only what needs Electron — windows, tray, global
// shortcut, the IPC adapter, safeStorage — and hands everything else to main's services,
// which are the same code browser mode and the tests run under plain Node.
import { app, globalShortcut, Notification, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../app/services';
import { defaultDataDir } from '../app/data-dir';
import { createLogger } from '../services/logger';
import { chooseSecretStore } from '../secrets/choose';
import { registerAppScheme, handleAppScheme } from './protocol';
import { installAppHardening } from './security';
import { createPanelWindow } from './windows';
import { registerIpc } from './ipc-electron';
import { createTray } from './tray';
import { safeStorageSecretStore } from './safe-storage-store';
import { openLoginWindow } from './login-window';
import { resolveTeamServer, type TeamServerChoice } from '../app/team-server-option';
import { customerFromDeepLink } from '../../src-shared/ipc/index';
import { notificationFor } from '../app/notifications';


const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '../..');
const argValue = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dataDirArg = argValue('data-dir');
const dataDir = path.resolve(dataDirArg ?? defaultDataDir());
app.setPath('userData', path.join(dataDir, 'electron'));

registerAppScheme();
installAppHardening();

// One instance per data folder: a second start (e.g. a tagdesk:// link clicked elsewhere) hands
// its arguments to the running one and quits.
if (!app.requestSingleInstanceLock({ dataDir })) app.quit();
app.setAsDefaultProtocolClient('tagdesk');
let pendingLink: string | null = process.argv.find((a) => a.startsWith('tagdesk://')) ?? null;

function openDeepLink(link: string): void {
  const externalUserid = customerFromDeepLink(link);
  if (!externalUserid) return;
  if (!services || !panel) {
    pendingLink = link;
    return;
  }
  panel.show();
  panel.focus();
  services.bus.emit({ type: 'open-customer', externalUserid });
}
app.on('second-instance', (_e, argv) => {
  const link = argv.find((a) => a.startsWith('tagdesk://'));
  if (link) openDeepLink(link);
  else if (panel) { panel.show(); panel.focus(); }
});
// macOS delivers links through open-url.
app.on('open-url', (e, url) => {
  e.preventDefault();
  openDeepLink(url);
});

let panel: BrowserWindow | null = null;
let services: App | null = null;
let team: TeamServerChoice | null = null;

function togglePanel(): void {
  if (!panel) return;
  if (panel.isVisible() && panel.isFocused()) {
    panel.hide();
    return;
  }
  panel.show();
  panel.focus();
  services?.bus.emit({ type: 'focus-search' });
}

async function start(): Promise<void> {
  await app.whenReady();
  handleAppScheme(path.join(appRoot, 'out', 'renderer'));
  const log = createLogger({ destination: path.join(dataDir, 'logs', 'main.log') });
  const secrets = await chooseSecretStore(dataDir, log, () => safeStorageSecretStore(dataDir));
  // better-sqlite3 built for Node does not load in Electron (different ABI); scripts/start.mjs
  // builds a copy for Electron into .electron-native/ and the shell points the driver at it.
  const electronSqlite = path.join(appRoot, '.electron-native', 'better_sqlite3.node');
  team = await resolveTeamServer({ demo: process.argv.includes('--demo'), url: argValue('team-server'), dataDir });
  services = createApp({
    mode: 'electron',
    dataDir,
    secrets,
    log,
    ...(team.url ? { teamServerUrl: team.url } : {}),
    openLoginWindow: (url) => openLoginWindow(url, panel),
    ...(existsSync(electronSqlite) ? { sqliteNativeBinding: electronSqlite } : {}),
  });
  registerIpc(services, () => (panel && !panel.isDestroyed() ? [panel.webContents] : []));
  panel = createPanelWindow({ dataDir, preload: path.join(appRoot, 'out', 'preload', 'index.cjs'), icon: path.join(appRoot, 'resources', 'icon.png') });
  panel.on('closed', () => (panel = null));
  createTray(path.join(appRoot, 'resources', 'tray.png'), () => panel, () => app.quit());
  const shown = new Set<string>();
  services.bus.subscribe((e) => {
    const ws = services?.workspaces.current();
    if (!ws || !Notification.isSupported()) return;
    const n = notificationFor(ws, e);
    if (!n || shown.has(n.key)) return;
    shown.add(n.key);
    const note = new Notification({ title: n.title, body: n.body, silent: false });
    note.on('click', () => {
      panel?.show();
      panel?.focus();
      services?.bus.emit({ type: 'open-customer', externalUserid: n.externalUserid });
    });
    note.show();
  });
  if (pendingLink) {
    const link = pendingLink;
    pendingLink = null;
    panel.webContents.once('did-finish-load', () => openDeepLink(link));
  }
  let registered: string | null = null;
  services.settings.installShortcutApplier((accelerator) => {
    if (registered) globalShortcut.unregister(registered);
    registered = null;
    let ok: boolean;
    try {
      ok = globalShortcut.register(accelerator, togglePanel);
    } catch {
      ok = false; // an accelerator Electron cannot parse
    }
    if (ok) registered = accelerator;
    else log.warn({ shortcut: accelerator }, 'global shortcut is taken by another app');
    return ok;
  });
}

app.on('will-quit', () => {
  globalShortcut.unregisterAll();
  services?.close();
  void team?.close();
});
app.on('window-all-closed', () => app.quit());

start().catch((e: unknown) => {
  process.stderr.write(`tagdesk: the shell failed to start: ${(e as Error).stack ?? String(e)}\n`);
  app.exit(1);
});
