// The renderer's single way to reach main: the preload's `window.tagdesk` in the Electron
// shell, the HTTP twin in browser mode. Both satisfy the same contract-derived type.
import type { TagdeskApi } from '../../src-shared/ipc/index';
import { createHttpApi, takeTokenFromUrl } from './http-client';

let api: TagdeskApi | undefined;

export function getApi(): TagdeskApi {
  api ??= window.tagdesk ?? createHttpApi(takeTokenFromUrl());
  return api;
}

export const transportName = (): 'electron' | 'browser' => (window.tagdesk ? 'electron' : 'browser');
