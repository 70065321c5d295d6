import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function settingsHandlers(s: Services): Pick<HandlerTable, 'settings.get' | 'settings.setTeamServer' | 'settings.setShortcut' | 'settings.setDateLocale' | 'display.watermark'> {
  return {
    'display.watermark': async () => {
      const ws = s.workspaces.current();
      return ws ? ws.watermark() : { enabled: false, opacity: 0, text: '' };
    },
    'settings.get': async () => s.settings.get(),
    'settings.setTeamServer': ({ url }) => s.settings.setTeamServer(url),
    'settings.setShortcut': async ({ shortcut }) => s.settings.setShortcut(shortcut),
    'settings.setDateLocale': async ({ dateLocale }) => s.settings.setDateLocale(dateLocale),
  };
}
