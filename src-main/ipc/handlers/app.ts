import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { readAppVersion } from '../../services/app-info';

export function appHandlers(s: Services): Pick<HandlerTable, 'app.info' | 'app.ping'> {
  return {
    'app.info': async () => ({
      name: 'Tagdesk' as const,
      version: readAppVersion(),
      mode: s.mode,
      platform: process.platform,
      dataDir: s.dataDir,
      store: s.storeHealth(),
      secrets: s.secrets.describe(),
    }),
    'app.ping': async ({ text }) => ({ text, at: new Date().toISOString() }),
  };
}
