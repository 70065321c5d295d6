// Mute rules and mass messages: the panel's verdict line and lift, the rule editor and its
// preview, composing and submitting a tag-targeted mass message (src-main/workspace/mute.ts).
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { muteDesk } from '../../workspace/mute';

type MuteChannel = 'mute.verdict' | 'mute.lift' | 'mute.lifts' | 'mute.endLift' | 'mute.rules' | 'mute.saveRule' | 'mute.deleteRule' | 'mute.preview' | 'messages.preview' | 'messages.submit';

export function muteHandlers(s: Services): Pick<HandlerTable, MuteChannel> {
  return {
    'mute.verdict': ({ externalUserid, at }) => muteDesk(s.workspace()).verdict(externalUserid, at),
    'mute.lift': (args) => muteDesk(s.workspace()).lift(args),
    'mute.lifts': () => muteDesk(s.workspace()).listLifts(),
    'mute.endLift': ({ id }) => muteDesk(s.workspace()).endLift(id),
    'mute.rules': async () => muteDesk(s.workspace()).list(),
    'mute.saveRule': ({ rule }) => muteDesk(s.workspace()).saveRule(rule),
    'mute.deleteRule': ({ id }) => muteDesk(s.workspace()).deleteRule(id),
    'mute.preview': (args) => muteDesk(s.workspace()).preview(args),
    'messages.preview': (args) => muteDesk(s.workspace()).messagesPreview(args),
    'messages.submit': (args) => muteDesk(s.workspace()).messagesSubmit(args),
  };
}
