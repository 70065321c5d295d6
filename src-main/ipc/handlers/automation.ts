// The automation channels: each forwards to the team server's automation API with the signed-in
// device's token; the server decides (rules are for admins, a revert needs the member's rights on
// the relation). Team errors become handled errors carrying the server's Chinese message.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { withTeam } from '../team-call';
import { createAutomationApiClient, type AutomationApiClient } from '../../team/automation-api-client';
import { forwardAutomationNotices } from '../../automation/notice-events';

type AutomationChannel = Extract<keyof HandlerTable, `automation.${string}`>;


export function automationHandlers(s: Services): Pick<HandlerTable, AutomationChannel> {
  forwardAutomationNotices(s.session, s.bus);
  const withClient = <T>(fn: (c: AutomationApiClient) => Promise<T>): Promise<T> => withTeam(s, (url, token) => fn(createAutomationApiClient(url, token)));
  return {
    'automation.rules.list': () => withClient((c) => c.rules()),
    'automation.rules.save': ({ rule }) => withClient((c) => c.saveRule(rule)),
    'automation.rules.confirm': ({ ruleId }) => withClient((c) => c.confirm(ruleId)),
    'automation.templates': () => withClient((c) => c.templates()),
    'automation.rfm': ({ thresholds, sample }) => withClient((c) => c.rfm({ ...(thresholds ? { thresholds } : {}), sample })),
    'automation.rfm.saveThresholds': ({ thresholds }) => withClient((c) => c.saveRfmThresholds(thresholds)),
    'automation.backtest': ({ rule, ruleId, days }) => withClient((c) => c.backtest({ ...(rule ? { rule } : {}), ...(ruleId ? { ruleId } : {}), days })),
    'automation.provenance': ({ externalUserid, userid, tagId }) => withClient((c) => c.provenance({ externalUserid, ...(userid ? { userid } : {}), ...(tagId ? { tagId } : {}) })),
    'automation.revert': ({ id, mute }) => withClient((c) => c.revert(id, mute)),
  };
}
