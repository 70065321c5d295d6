// A secret store on Electron's safeStorage, for systems where keytar cannot reach a keychain
// but Chromium's OS integration can. It refuses the `basic_text` backend (Linux without a
// keyring), which would only obfuscate: better to keep the sign-in in memory than on disk.
import { safeStorage } from 'electron';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../secrets/secret-store';

const FILE = 'secrets.bin.json';

export function safeStorageSecretStore(dataDir: string): SecretStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  const file = path.join(dataDir, FILE);
  const load = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const save = (all: Record<string, string>): void => {
    writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    async get(account) {
      const enc = load()[account];
      return enc ? safeStorage.decryptString(Buffer.from(enc, 'base64')) : null;
    },
    async set(account, secret) {
      save({ ...load(), [account]: safeStorage.encryptString(secret).toString('base64') });
    },
    async delete(account) {
      const all = load();
      if (!(account in all)) return false;
      delete all[account];
      save(all);
      return true;
    },
    describe: () => ({ backend: 'safe-storage', persistent: true, note: '系统钥匙串不可用，登录信息由系统加密后保存在本机。' }),
  };
}
