// main's handler table: one module per concern, combined here. The type makes a missing or
// extra handler a compile error, so the contract and main cannot drift apart.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { appHandlers } from './app';
import { sessionHandlers } from './session';

export function createHandlers(s: Services): HandlerTable {
  return {
    ...appHandlers(s),
    ...sessionHandlers(s),
  };
}
