// The one way an IPC failure becomes text on screen: main's Chinese userMessage, and for
// invalid arguments the first field problem (already Chinese in the contract's schemas).
import type { IpcError } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';

export function userMessageOf(error: IpcError): string {
  if (error.code === 'invalid_args' && error.issues?.[0]) return error.issues[0].message;
  return error.userMessage || t.genericError;
}
