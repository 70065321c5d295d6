// Where an instance keeps its data. Each data folder is one member's world (store, keychain
// entries, window state); several instances with separate folders can run side by side.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  if (process.env.TAGDESK_DATA_DIR) return path.resolve(process.env.TAGDESK_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Tagdesk');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Tagdesk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Tagdesk');
}
