// Serves the built renderer to Electron windows from a privileged custom scheme, with the
// same CSP and path checks as browser mode (file:// would grant the page far too much).
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../host/csp';
import { resolveRendererFile } from '../host/static-files';

import { APP_SCHEME } from './url-policy';

export { APP_ORIGIN, APP_SCHEME } from './url-policy';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'panel') return new Response('not found', { status: 404 });
    const found = resolveRendererFile(rendererDir, url.pathname) ?? (url.pathname.includes('.') ? null : resolveRendererFile(rendererDir, '/'));
    if (!found) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(await readFile(found.file), { headers: { 'Content-Type': found.contentType, ...SECURITY_HEADERS } });
  });
}
