// The Electron shell, where its binary is installed: the panel window is narrow, always on
// top, sandboxed and context-isolated, and the preload exposes only the typed contract.
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function electronBinary(): string | null {
  const pathTxt = path.join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const bin = path.join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (its download is not reachable); browser mode covers the renderer");

  let app: ElectronApplication;
  test.beforeEach(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tagdesk-shell-'));
    app = await electron.launch({
      executablePath: binary!,
      args: [path.join(ROOT, 'out', 'main', 'index.js'), `--data-dir=${dataDir}`],
      env: { ...process.env, TAGDESK_SECRETS: 'memory' },
    });
  });
  test.afterEach(async () => app?.close());

  test('the panel window is narrow, on top and locked down', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');
    const facts = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      return { width: w.getBounds().width, onTop: w.isAlwaysOnTop(), frameless: !w.isMenuBarVisible() };
    });
    expect(facts).toEqual({ width: 360, onTop: true, frameless: true });
    const exposed = await page.evaluate(() => ({
      keys: Object.keys(window.tagdesk ?? {}).sort(),
      hasRequire: typeof (window as unknown as { require?: unknown }).require,
      hasProcess: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ keys: ['call', 'onEvent'], hasRequire: 'undefined', hasProcess: 'undefined' });
    await page.getByTestId('status-toggle').click();
    await expect(page.getByTestId('diag-mode')).toHaveText('桌面应用');
  });

  test('navigation away from the app and new windows are refused', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');
    await page.evaluate(() => {
      window.open('https://example.com');
      window.location.href = 'https://example.com';
    });
    await page.waitForTimeout(300);
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^tagdesk-app:\/\/panel\//);
  });
});
