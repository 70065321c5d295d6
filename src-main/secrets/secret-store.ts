// Secrets (the device token, later relay credentials) live only in the OS keychain, behind
// this small interface. Drivers: keytar (the OS keychain), Electron safeStorage (shell only,
// see shell/safe-storage-store.ts), and memory — for a headless box with no keychain, where
// the sign-in lasts only as long as the process. Nothing here ever writes a secret in clear.

export type SecretBackend = 'keychain' | 'safe-storage' | 'memory';

export interface SecretStoreInfo {
  backend: SecretBackend;
  persistent: boolean;
  note?: string;
}

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  describe(): SecretStoreInfo;
}

export class SecretStoreUnavailableError extends Error {
  override name = 'SecretStoreUnavailableError';
}

export function memorySecretStore(note?: string): SecretStore {
  const map = new Map<string, string>();
  return {
    async get(account) {
      return map.get(account) ?? null;
    },
    async set(account, secret) {
      map.set(account, secret);
    },
    async delete(account) {
      return map.delete(account);
    },
    describe: () => ({ backend: 'memory', persistent: false, ...(note ? { note } : {}) }),
  };
}
