// The company's linter on this device: compiled from the rule pack and overlay in force (as
// the team server sent them; cached for offline use), else the built-in default pack.
import { compileLinter, defaultLinter, parseRuleOverlay, parseRulePack, applyReplacements, type Linter, type LintResult } from '../../src-shared/compliance/index';
import type { LintView } from '../../src-shared/ipc/index';

export function linterFrom(rules: { pack: unknown; overlay: unknown } | undefined): Linter {
  if (!rules) return defaultLinter();
  const pack = parseRulePack(rules.pack);
  if (!pack.ok) return defaultLinter();
  const overlay = rules.overlay ? parseRuleOverlay(rules.overlay, pack.value) : null;
  return compileLinter(pack.value, overlay && overlay.ok ? [overlay.value] : []);
}

export function lintView(linter: Linter, result: LintResult, text: string): LintView {
  const label = (id: string): string => (linter.pack.categories as Record<string, { label?: string } | undefined>)[id]?.label ?? id;
  const replaced = result.findings.some((f) => f.action === 'replace' && f.replacement !== undefined) ? applyReplacements(text, result.findings) : null;
  return {
    verdict: result.verdict,
    findings: result.findings.map((f) => ({
      category: f.category, categoryLabel: label(f.category), action: f.action, start: f.span.start, end: f.span.end,
      message: f.message, legalBasis: [...f.legalBasis], replacement: f.replacement ?? null,
    })),
    hints: result.hints.map((h) => h.message),
    packVersion: result.packVersion,
    replaced,
  };
}
