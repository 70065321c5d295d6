// Tells the team server that the local linter refused a save (docs/guardrails.md), so repeated
// attempts reach a supervisor. Only the field and the linter's categories travel — never the
// text. Fire and forget: offline, or with the server down, the refusal itself is unchanged.
import type { Logger } from 'pino';

export type BlockedField = 'personalTag' | 'remark' | 'approval';

export interface GuardReportDeps {
  serverUrl: string;
  token: string;
  fetch: typeof fetch;
  log: Logger;
  online: () => boolean;
}

export function reportBlockedSave(deps: GuardReportDeps, field: BlockedField, categories: readonly string[], externalUserid?: string): void {
  if (!deps.online()) return;
  const body = JSON.stringify({ field, categories: [...new Set(categories)].slice(0, 20), ...(externalUserid ? { externalUserid } : {}) });
  deps
    .fetch(`${deps.serverUrl}/team/v1/guard/blocked`, { method: 'POST', headers: { Authorization: `Bearer ${deps.token}`, 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) })
    .then((r) => r.body?.cancel())
    .catch((e: unknown) => deps.log.debug({ err: e }, 'guard: reporting a blocked save failed'));
}
