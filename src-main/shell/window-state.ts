// Remembers where the panel sat on each display (by display id), so it comes back beside
// the WeCom client where the member left it, and never off-screen after a monitor change.
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

type Saved = Record<string, Rectangle>;

const FILE = 'window-state.json';
export const PANEL_SIZE = { width: 360, height: 640 };

function load(dataDir: string): Saved {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')) as Saved;
  } catch {
    return {};
  }
}

function visibleOn(bounds: Rectangle, area: Rectangle): boolean {
  return bounds.x >= area.x && bounds.y >= area.y && bounds.x + 40 <= area.x + area.width && bounds.y + 40 <= area.y + area.height;
}

/** Bounds for the panel on the display under the cursor: saved ones, or the right edge. */
export function initialBounds(dataDir: string): Rectangle {
  const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
  const saved = load(dataDir)[String(display.id)];
  if (saved && visibleOn(saved, display.workArea)) return saved;
  const { x, y, width } = display.workArea;
  return { x: x + width - PANEL_SIZE.width - 16, y: y + 64, ...PANEL_SIZE };
}

export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (win.isDestroyed()) return;
    const bounds = win.getBounds();
    const display = screen.getDisplayMatching(bounds);
    const all = { ...load(dataDir), [String(display.id)]: bounds };
    const tmp = path.join(dataDir, `${FILE}.tmp`);
    writeFileSync(tmp, JSON.stringify(all));
    renameSync(tmp, path.join(dataDir, FILE));
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('move', later);
  win.on('resize', later);
  win.on('close', save);
}
