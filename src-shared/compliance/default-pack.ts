// The rule pack that ships with Tagdesk (resources/rule-packs/default.json), validated once.
// Main, renderer and team server all start from it; admins layer overlays on top.
import defaultPackData from '../../resources/rule-packs/default.json' with { type: 'json' };
import { compileLinter, type CompileOptions, type Linter } from './linter';
import { parseRulePack, type RuleOverlay, type RulePack } from './pack-schema';

let cached: RulePack | undefined;

export function defaultRulePack(): RulePack {
  if (!cached) {
    const parsed = parseRulePack(defaultPackData);
    // The shipped pack is tested; failing here means a broken build, not bad user input.
    if (!parsed.ok) throw new Error(`default rule pack is invalid:\n${parsed.errors.join('\n')}`);
    cached = parsed.value;
  }
  return cached;
}

export function defaultLinter(overlays: readonly RuleOverlay[] = [], options?: CompileOptions): Linter {
  return compileLinter(defaultRulePack(), overlays, options);
}
