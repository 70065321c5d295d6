// Admin overlays on top of a rule pack: extra words and allow entries, per-category actions
// (never below the pack's floor — parseRuleOverlay rejects that with a clear message, and
// applyOverlays refuses it too), and forbidden → approved wording replacements.
import type { RuleOverlay, RulePack } from './pack-schema';
import { verdictRank, type CategoryId } from './types';

export class OverlayFloorError extends Error {
  override name = 'OverlayFloorError';
}

export function applyOverlays(base: RulePack, overlays: readonly RuleOverlay[]): RulePack {
  if (overlays.length === 0) return base;
  const categories = { ...base.categories };
  const lexicon = [...base.lexicon];
  const replacements = [...base.replacements];
  const allow = [...base.allow];
  for (const o of overlays) {
    for (const [id, actions] of Object.entries(o.actions ?? {}) as Array<[CategoryId, NonNullable<RuleOverlay['actions']>[CategoryId]]>) {
      const config = categories[id];
      const next = { ...config.actions, ...actions };
      for (const field of ['tag', 'note'] as const) {
        const floor = config.floor?.[field];
        if (floor && verdictRank(next[field]) < verdictRank(floor)) {
          throw new OverlayFloorError(`规则覆盖 ${o.id}：「${config.label}」的 ${field} 动作不能低于下限 ${floor}（试图设为 ${next[field]}）`);
        }
      }
      categories[id] = { ...config, actions: next };
    }
    lexicon.push(...(o.words ?? []));
    replacements.push(...(o.replacements ?? []));
    allow.push(...(o.allow ?? []));
  }
  return { ...base, categories, lexicon, replacements, allow };
}
