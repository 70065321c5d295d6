// Compiles a rule pack (plus admin overlays) into a linter once; `lint(text, {field})` then
// runs on every keystroke: normalise with an index map, one Aho-Corasick scan with allowlists,
// the structured detectors, tag naming rules, and maps every hit back to the original text.
import { createMatcher, type Matcher } from './matcher';
import { FIRST, LAST, createNormalizer, hasSkipsInside, normalizeTerm, originalSpan, type NormalizedText } from './normalize';
import { checkTagName, tagNameHints } from './naming';
import { applyOverlays } from './overlay';
import type { RuleOverlay, RulePack } from './pack-schema';
import { DETECTORS } from './detectors/index';
import type { DetectorContext, DetectorHit } from './detectors/detector';
import { verdictOf, type Action, type CategoryId, type Field, type Finding, type LintOptions, type LintResult } from './types';

interface LexiconEntry {
  allow: boolean;
  /** null: a pack-wide allow entry that cancels hits of every category. */
  category: CategoryId | null;
  replacement?: string;
  variant: boolean;
  /** Latin-only terms (gay, sb, yigan) must be a whole Latin run, not part of a word. */
  latin: boolean;
}

/** A detector or word-list hit, before it becomes a finding. */
type RawHit = DetectorHit & { evasion?: boolean };

export interface Linter {
  readonly packVersion: string;
  readonly pack: RulePack;
  readonly lexiconSize: number;
  lint(text: string, options: LintOptions): LintResult;
}

export interface CompileOptions {
  /** Clock for age and date checks (children under 14, IDs not in the future). */
  now?: () => Date;
}

const LATIN = /^[a-z0-9]+$/;
const LATIN_LETTER = /[a-zA-Z\uff21-\uff3a\uff41-\uff5a]/;
// Characters the detector view drops; finding them inside a hit is evidence of evasion.
const HIDDEN = /[\p{Cf}\p{Extended_Pictographic}]/u;

function lexiconEntries(pack: RulePack): Array<{ pattern: string; data: LexiconEntry }> {
  const out: Array<{ pattern: string; data: LexiconEntry }> = [];
  const add = (term: string, data: Omit<LexiconEntry, 'latin'>): void => {
    const pattern = normalizeTerm(term);
    if (pattern.length > 0) out.push({ pattern, data: { ...data, latin: LATIN.test(pattern) } });
  };
  for (const g of pack.lexicon) {
    for (const t of g.terms) add(t, { allow: false, category: g.category, variant: false });
    for (const t of g.variants ?? []) add(t, { allow: false, category: g.category, variant: true });
    for (const t of g.allow ?? []) add(t, { allow: true, category: g.category, variant: false });
  }
  for (const r of pack.replacements) {
    add(r.from, { allow: false, category: r.category ?? 'policy.wording', replacement: r.to, variant: false });
  }
  for (const t of pack.allow) add(t, { allow: true, category: null, variant: false });
  return out;
}

function fillMessage(template: string, replacement: string | undefined): string {
  return template.replace(/\{replacement\}/g, replacement === undefined || replacement === '' ? '（删除）' : replacement);
}

export function compileLinter(basePack: RulePack, overlays: readonly RuleOverlay[] = [], options: CompileOptions = {}): Linter {
  const pack = applyOverlays(basePack, overlays);
  const packVersion = [`${basePack.id}@${basePack.version}`, ...overlays.map((o) => `${o.id}@${o.version}`)].join('+');
  const matcher: Matcher<LexiconEntry> = createMatcher(lexiconEntries(pack));
  const now = options.now ?? (() => new Date());
  const normalize = createNormalizer();

  function scanLexicon(n: NormalizedText): RawHit[] {
    const view = n.lexicon;
    const hits = matcher.findAll(view.text);
    if (hits.length === 0) return [];
    const allows = hits.filter((h) => h.data.allow);
    const out: RawHit[] = [];
    for (const h of hits) {
      const e = h.data;
      if (e.allow || e.category === null) continue;
      // A term must cover whole code points: matching half of an expansion ('㎏' → 'kg') is noise.
      if (!(view.flags[h.start]! & FIRST) || !(view.flags[h.end - 1]! & LAST)) continue;
      const span = originalSpan(view, h.start, h.end);
      if (e.latin && (LATIN_LETTER.test(n.original.charAt(span.start - 1)) || LATIN_LETTER.test(n.original.charAt(span.end)))) continue;
      if (allows.some((a) => a.start <= h.start && a.end >= h.end && (a.data.category === null || a.data.category === e.category))) continue;
      out.push({
        category: e.category,
        rule: e.replacement !== undefined ? `replacement/${e.category}` : `lexicon/${e.category}`,
        ...span,
        replacement: e.replacement,
        evasion: e.variant || hasSkipsInside(n, span.start, span.end),
      });
    }
    return out;
  }

  function runDetectors(n: NormalizedText): RawHit[] {
    const view = n.detector;
    if (view.text.length === 0) return [];
    const ctx: DetectorContext = { now: now(), claimed: [] };
    const out: RawHit[] = [];
    for (const detect of DETECTORS) {
      for (const h of detect(view.text, ctx)) {
        const span = originalSpan(view, h.start, h.end);
        out.push({ ...h, ...span, evasion: HIDDEN.test(n.original.slice(span.start, span.end)) });
      }
    }
    return out;
  }

  function toFinding(h: RawHit, field: Field): Finding {
    const config = pack.categories[h.category];
    let action: Action = config.actions[field];
    if (h.weak && action !== 'warn') action = 'warn';
    const replacement = action === 'replace' ? (h.replacement ?? config.replacement ?? '') : undefined;
    const finding: Finding = {
      category: h.category,
      rule: h.rule,
      action,
      span: { start: h.start, end: h.end },
      legalBasis: config.legalBasis,
      packVersion,
      message: fillMessage(config.message, replacement ?? h.replacement ?? config.replacement),
    };
    if (replacement !== undefined) finding.replacement = replacement;
    if (h.evasion) finding.evasion = true;
    return finding;
  }

  return {
    packVersion,
    pack,
    lexiconSize: matcher.size,
    lint(text, { field }) {
      const n = normalize(text);
      const raw = [...scanLexicon(n), ...runDetectors(n)];
      if (field === 'tag') raw.push(...checkTagName(text, pack.naming.maxLength));
      // One finding per category and place: prefer the concrete replacement, then the longer hit.
      raw.sort((a, b) => a.start - b.start || Number(b.replacement !== undefined) - Number(a.replacement !== undefined) || b.end - a.end);
      const kept: RawHit[] = [];
      for (const h of raw) {
        if (kept.some((k) => k.category === h.category && h.start < k.end && k.start < h.end)) continue;
        kept.push(h);
      }
      const findings = kept.map((h) => toFinding(h, field));
      return { verdict: verdictOf(findings), findings, hints: field === 'tag' ? tagNameHints(text) : [], packVersion };
    },
  };
}
