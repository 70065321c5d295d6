import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function sessionHandlers(s: Services): Pick<HandlerTable, 'session.current'> {
  return {
    'session.current': async () => ({ member: s.session.member(), connection: s.session.connection() }),
  };
}
