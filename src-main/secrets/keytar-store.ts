// The OS keychain through keytar: macOS Keychain, Windows Credential Vault, and the Secret
// Service (gnome-keyring, KWallet) on Linux. One keychain "service" per data folder, so two
// members signed in on one machine (separate data folders) never see each other's tokens.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

function loadKeytar(): Keytar {
  // keytar is a native addon; loading it lazily keeps a missing build from breaking start-up.
  const require = createRequire(import.meta.url);
  return require('keytar') as Keytar;
}

/** The keychain service name for a data folder. */
export function keychainService(dataDir: string): string {
  const profile = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return `Tagdesk (${profile})`;
}

export function keytarSecretStore(dataDir: string): SecretStore {
  const service = keychainService(dataDir);
  const keytar = loadKeytar();
  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw new SecretStoreUnavailableError(`keychain ${what} failed: ${(e as Error).message}`);
    }
  };
  return {
    get: (account) => wrap('read', () => keytar.getPassword(service, account)),
    set: (account, secret) => wrap('write', () => keytar.setPassword(service, account, secret)),
    delete: (account) => wrap('delete', () => keytar.deletePassword(service, account)),
    describe: () => ({ backend: 'keychain', persistent: true }),
  };
}

/**
 * Checks that the keychain answers (a read of a probe entry) within the time limit. On Linux
 * without a D-Bus session or a Secret Service, keytar rejects or hangs; either means "no".
 */
export async function probeKeytar(dataDir: string, timeoutMs = 3000): Promise<{ ok: true; store: SecretStore } | { ok: false; why: string }> {
  let store: SecretStore;
  try {
    store = keytarSecretStore(dataDir);
  } catch (e) {
    return { ok: false, why: `keytar could not be loaded: ${(e as Error).message}` };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([store.get('__probe__'), timeout]);
    return { ok: true, store };
  } catch (e) {
    return { ok: false, why: (e as Error).message.replace(/^keychain read failed: /, '') };
  } finally {
    clearTimeout(timer);
  }
}
