// Picks the strongest secret store available: the OS keychain, then whatever the shell offers
// (Electron safeStorage), then memory only — saying so in one line, never writing in clear.
import { memorySecretStore, type SecretStore } from './secret-store';
import { probeKeytar } from './keytar-store';
import type { Logger } from '../services/logger';

export async function chooseSecretStore(dataDir: string, log: Logger, fallback?: () => SecretStore | null): Promise<SecretStore> {
  if (process.env.TAGDESK_SECRETS === 'memory') {
    return memorySecretStore('已按配置仅在内存中保存登录信息，退出后需重新登录。');
  }
  const probe = await probeKeytar(dataDir);
  if (probe.ok) return probe.store;
  const alt = fallback?.();
  if (alt) {
    log.warn({ why: probe.why }, `secrets: OS keychain unavailable; using ${alt.describe().backend}`);
    return alt;
  }
  const line = `tagdesk: no OS keychain reachable (${probe.why}); the sign-in is kept in memory only and ends when Tagdesk quits.`;
  process.stderr.write(`${line}\n`);
  log.warn({ why: probe.why }, 'secrets: no keychain; memory only');
  return memorySecretStore('未找到系统钥匙串，登录信息只保存在内存中，退出后需重新登录。');
}
