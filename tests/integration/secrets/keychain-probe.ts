// Child process for keychain.test.ts: exercises the secret store chosen for a data folder
// against whatever keychain this process can reach, and prints what happened as JSON.
import { chooseSecretStore } from '../../../src-main/secrets/choose';
import { keytarSecretStore } from '../../../src-main/secrets/keytar-store';
import { silentLogger } from '../../../src-main/services/logger';

const [, , dataDir = '/tmp/tagdesk-probe', action = 'roundtrip', value = ''] = process.argv;

async function main(): Promise<unknown> {
  const store = await chooseSecretStore(dataDir, silentLogger());
  const info = store.describe();
  if (action === 'write') {
    await store.set('device-token', value);
    return { info };
  }
  if (action === 'read') return { info, value: await store.get('device-token') };
  if (action === 'delete') return { info, deleted: await store.delete('device-token') };
  // roundtrip
  await store.set('device-token', value);
  const got = await store.get('device-token');
  const other = await keytarSecretStore(`${dataDir}-other`).get('device-token').catch(() => 'unavailable');
  return { info, got, other };
}

main().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: (e as Error).message })}\n`);
    process.exitCode = 1;
  },
);
