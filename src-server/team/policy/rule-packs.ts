// The compliance rules in force: the rule pack shipped with Tagdesk plus, when the policy names
// one, an admin's overlay (saved here by id and version, never edited in place). The relay's
// linter and every desktop use exactly this combination; an overlay that would go below a
// category's floor is refused when it is saved.
import {
  compileLinter, defaultRulePack, parseRuleOverlay, OverlayFloorError, type Linter, type RuleOverlay,
} from '../../../src-shared/compliance/index';
import type { PolicyDocument } from '../../../src-shared/policy/index';
import type { TeamDb } from '../store/database';
import { TeamHttpError } from '../http/respond';

export function createRulePacks(db: TeamDb, now: () => Date) {
  const get = db.prepare(`SELECT body FROM rule_overlays WHERE id = ? AND version = ?`).pluck();
  const insert = db.prepare(`INSERT INTO rule_overlays (id, version, body, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)`);
  let cache: { key: string; linter: Linter } | null = null;

  const packs = {
    overlay(id: string, version: string): RuleOverlay | null {
      const body = get.get(id, version) as string | undefined;
      return body ? (JSON.parse(body) as RuleOverlay) : null;
    },

    /** Validates (schema and floors) and stores a new overlay version. */
    saveOverlay(input: unknown, by: string): RuleOverlay {
      const parsed = parseRuleOverlay(input, defaultRulePack());
      if (!parsed.ok) throw new TeamHttpError('bad_request', `invalid overlay: ${parsed.errors.join('; ')}`, `覆盖规则有误：${parsed.errors[0] ?? ''}`, parsed.errors.map((m) => ({ path: '(overlay)', message: m })));
      try {
        compileLinter(defaultRulePack(), [parsed.value]);
      } catch (e) {
        if (e instanceof OverlayFloorError) throw new TeamHttpError('bad_request', e.message, `覆盖规则低于规则包规定的下限：${e.message}`);
        throw e;
      }
      if (get.get(parsed.value.id, parsed.value.version) !== undefined) {
        throw new TeamHttpError('conflict', `overlay ${parsed.value.id}@${parsed.value.version} exists`, '该版本的覆盖规则已存在，请使用新的版本号。');
      }
      insert.run(parsed.value.id, parsed.value.version, JSON.stringify(parsed.value), now().toISOString(), by);
      return parsed.value;
    },

    /** What the policy puts in force: the pack and its overlay, if any. */
    inForce(policy: PolicyDocument): { pack: ReturnType<typeof defaultRulePack>; overlay: RuleOverlay | null } {
      const pack = defaultRulePack();
      const ref = policy.rulePack;
      const overlay = ref.overlayId && ref.overlayVersion ? packs.overlay(ref.overlayId, ref.overlayVersion) : null;
      return { pack, overlay };
    },

    /** The compiled linter for the policy in force, compiled once per combination. */
    linterFor(policy: PolicyDocument): Linter {
      const ref = policy.rulePack;
      const key = `${ref.packId}@${ref.packVersion}+${ref.overlayId ?? ''}@${ref.overlayVersion ?? ''}`;
      if (cache?.key === key) return cache.linter;
      const { pack, overlay } = packs.inForce(policy);
      cache = { key, linter: compileLinter(pack, overlay ? [overlay] : []) };
      return cache.linter;
    },

    /** Refuses a policy whose rule pack or overlay this server does not have. */
    checkReference(policy: PolicyDocument): void {
      const pack = defaultRulePack();
      const ref = policy.rulePack;
      if (ref.packId !== pack.id || ref.packVersion !== pack.version) {
        throw new TeamHttpError('bad_request', `unknown rule pack ${ref.packId}@${ref.packVersion}`, `找不到规则包 ${ref.packId}@${ref.packVersion}（当前为 ${pack.id}@${pack.version}）。`);
      }
      if (ref.overlayId && ref.overlayVersion && !packs.overlay(ref.overlayId, ref.overlayVersion)) {
        throw new TeamHttpError('bad_request', `unknown overlay ${ref.overlayId}@${ref.overlayVersion}`, `找不到覆盖规则 ${ref.overlayId}@${ref.overlayVersion}，请先上传。`);
      }
    },
  };
  return packs;
}

export type RulePacks = ReturnType<typeof createRulePacks>;
