// The desktop's client of the team server's automation API: rules, backtest, confirming a held
// rule, provenance of automatic tags and reverting one. Answers are validated with the shared
// schemas; errors come back as the team client's TeamApiError / TeamUnreachableError.
import { z } from 'zod';
import { automationRulesSchema, automationRuleSavedSchema, automationRunSchema, backtestSchema, provenanceSchema, revertResultSchema, rfmResultSchema, rfmThresholdsSavedSchema } from '../../src-shared/team-api/automation';
import { automationRuleSchema, type AutomationRule } from '../../src-shared/policy/automation-rule';
import { createTeamTransport } from './team-api-client';

export type AutomationApiClient = ReturnType<typeof createAutomationApiClient>;

export function createAutomationApiClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  const transport = createTeamTransport(baseUrl, fetchImpl);
  const request = <S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, timeoutMs = 120_000): Promise<z.output<S>> =>
    transport.request(method, path, schema, { token, body, timeoutMs });
  const enc = encodeURIComponent;
  return {
    rules: () => request('GET', '/team/v1/automation/rules', automationRulesSchema),
    saveRule: (rule: AutomationRule) => request('PUT', `/team/v1/automation/rules/${enc(rule.id)}`, automationRuleSavedSchema, rule),
    confirm: (ruleId: string) => request('POST', `/team/v1/automation/rules/${enc(ruleId)}/confirm`, automationRunSchema),
    templates: () => request('GET', '/team/v1/automation/templates', z.object({ templates: z.array(automationRuleSchema) })),
    rfm: (body: { thresholds?: unknown; sample: number }) => request('POST', '/team/v1/automation/rfm', rfmResultSchema, body),
    saveRfmThresholds: (thresholds: unknown) => request('PUT', '/team/v1/automation/rfm-thresholds', rfmThresholdsSavedSchema, { thresholds }),
    backtest: (body: { rule?: AutomationRule; ruleId?: string; days: number }) => request('POST', '/team/v1/automation/backtest', backtestSchema, body),
    provenance: (q: { externalUserid: string; userid?: string; tagId?: string }) =>
      request('GET', `/team/v1/automation/provenance?${new URLSearchParams({ externalUserid: q.externalUserid, ...(q.userid ? { userid: q.userid } : {}), ...(q.tagId ? { tagId: q.tagId } : {}) }).toString()}`, z.object({ assignments: z.array(provenanceSchema) })),
    revert: (id: string, mute: boolean) => request('POST', `/team/v1/automation/provenance/${enc(id)}/revert`, revertResultSchema, { mute }),
  };
}
