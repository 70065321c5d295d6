// Resolves a request path to a file inside the built renderer folder, refusing anything that
// would escape it. Shared by the browser-mode server and the Electron protocol handler.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_TYPES } from './csp';

export function resolveRendererFile(rendererDir: string, urlPath: string): { file: string; contentType: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return { file, contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
