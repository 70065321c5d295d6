// The tag health check (src-main/workspace/doctor.ts for this device; the team server's
// /team/v1/doctor for the company, admins only).
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { desktopDoctor } from '../../workspace/doctor';

export function doctorHandlers(s: Services): Pick<HandlerTable, 'doctor.run' | 'doctor.fix'> {
  return {
    'doctor.run': ({ sample }) => desktopDoctor(s.workspace()).run(sample),
    'doctor.fix': (fix) => desktopDoctor(s.workspace()).fix(fix),
  };
}
