// The automation channels: each forwards to the team server's automation API with the signed-in
// device's token; the server decides (rules are for admins, a revert needs the member's rights on
// the relation). Team errors become handled errors carrying the server's Chinese message.
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { createAutomationApiClient, type AutomationApiClient } from '../../team/automation-api-client';
import { TeamApiError, TeamUnreachableError } from '../../team/team-api-client';
import { forwardAutomationNotices } from '../../automation/notice-events';

type AutomationChannel = Extract<keyof HandlerTable, `automation.${string}`>;

function toHandled(e: unknown): never {
  if (e instanceof TeamApiError) {
    const code = e.code === 'forbidden' || e.code === 'unauthenticated' || e.code === 'device_revoked' ? 'forbidden'
      : e.code === 'not_found' ? 'not_found' : e.code === 'upstream_unavailable' ? 'unavailable' : 'conflict';
    throw new HandledError(code, `team server: ${e.code}: ${e.message}`, e.userMessage);
  }
  if (e instanceof TeamUnreachableError) throw new HandledError('unavailable', e.message, '无法连接团队服务器，请检查网络后重试。');
  throw e;
}

export function automationHandlers(s: Services): Pick<HandlerTable, AutomationChannel> {
  forwardAutomationNotices(s.session, s.bus);
  async function withClient<T>(fn: (c: AutomationApiClient) => Promise<T>): Promise<T> {
    const url = s.session.serverUrl();
    const token = await s.session.deviceToken();
    if (!url || !token || !s.session.member()) throw new HandledError('unavailable', 'not signed in', '请先使用企业微信登录。');
    try {
      return await fn(createAutomationApiClient(url, token));
    } catch (e) {
      return toHandled(e);
    }
  }
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
