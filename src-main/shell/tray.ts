// The tray icon: show/hide the panel and quit, for a window that has no frame or taskbar habit.
import { Menu, Tray, nativeImage, type BrowserWindow } from 'electron';

export function createTray(iconPath: string, win: () => BrowserWindow | null, quit: () => void): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Tagdesk 客户标签');
  const toggle = (): void => {
    const w = win();
    if (!w) return;
    if (w.isVisible() && w.isFocused()) w.hide();
    else {
      w.show();
      w.focus();
    }
  };
  tray.on('click', toggle);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: '显示/隐藏面板', click: toggle },
      { type: 'separator' },
      { label: '退出 Tagdesk', click: quit },
    ]),
  );
  return tray;
}
