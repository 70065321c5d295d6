// The Chinese sentences of mute verdicts, in one place (the renderer shows them as they are).
import type { MuteEffect } from '../policy/mute-rule';

export type VerdictState = 'muted' | 'held' | 'suppressed' | 'open';

export const STATE_LABELS: Readonly<Record<VerdictState, string>> = {
  muted: '静音', held: '暂缓', suppressed: '不接收群发', open: '正常',
};

export const EFFECT_STATE: Readonly<Record<Exclude<MuteEffect, 'allow'>, Exclude<VerdictState, 'open'>>> = {
  mute: 'muted', hold: 'held', suppress: 'suppressed',
};

/** 「静音至 09:00 · 规则「合作方夜间静音」」 */
export function verdictSentence(state: VerdictState, until: string | null, ruleNames: readonly string[], lifted: boolean): string {
  if (state === 'open') return lifted ? '正常（屏蔽已临时解除）' : '正常';
  const head = state === 'muted' ? '静音' : state === 'held' ? '非紧急消息暂缓' : '不接收群发营销';
  const time = until !== null ? `至 ${until}` : '';
  const rules = ruleNames.map((n) => `「${n}」`).join('、');
  return `${head}${time} · 规则${rules}`;
}

export const ruleReason = (effect: MuteEffect, name: string, until: string | null, whenOutside = false): string => {
  if (effect === 'allow') return `白名单规则「${name}」：始终提醒`;
  const verb = effect === 'mute' ? '静音' : effect === 'hold' ? '非紧急暂缓' : '不接收群发营销';
  if (whenOutside) return `规则「${name}」${until !== null ? `将于 ${until} 起` : ''}${verb}`;
  return `规则「${name}」${verb}${until !== null ? `至 ${until}` : ''}`;
};

export const exceptionReason = (name: string): string => `符合规则「${name}」的例外（白名单），不受其影响`;
export const allowReason = (name: string): string => `白名单规则「${name}」优先，不静音、不暂缓`;
export const liftReason = (by: string, until: string, reason: string): string => `已由 ${by} 临时解除至 ${until}（${reason}）`;
