// Public surface of the compliance linter (ARCHITECTURE §6): compile a rule pack once, then
// lint tag names and notes on every keystroke; everything returned is plain data.
export * from './types';
export { compileLinter, type Linter, type CompileOptions } from './linter';
export { defaultLinter, defaultRulePack } from './default-pack';
export { parseRulePack, parseRuleOverlay, rulePackSchema, ruleOverlaySchema, formatIssues } from './pack-schema';
export type { RulePack, RuleOverlay, CategoryConfig, LexiconGroup, Parsed } from './pack-schema';
export { applyOverlays, OverlayFloorError } from './overlay';
export { normalizeText, normalizeTerm, type NormalizedText, type NormalizedView } from './normalize';
export { createMatcher, type Matcher, type MatcherEntry, type MatcherHit } from './matcher';
export { highlightSegments, applyReplacements, type HighlightSegment } from './highlight';
export { auditRedactor } from './audit-redactor';
