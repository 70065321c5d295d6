import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function sessionHandlers(s: Services): Pick<HandlerTable, 'session.current' | 'session.beginSignIn' | 'session.signOut'> {
  return {
    'session.current': async () => ({ member: s.session.member(), connection: s.session.connection() }),
    'session.beginSignIn': () => s.session.beginSignIn(),
    'session.signOut': async () => ({ signedOut: await s.session.signOut() }),
  };
}
