// `tagdesk lint`: runs the compliance linter over one text per stdin line, so admins can
// check a rule pack (and overlays) against existing tags before rollout, and scripts can gate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIO } from '../command';
import { UsageError } from '../command';
import {
  compileLinter,
  defaultRulePack,
  FIELDS,
  OverlayFloorError,
  parseRuleOverlay,
  parseRulePack,
  type Field,
  type LintResult,
  type RuleOverlay,
  type RulePack,
} from '../../../src-shared/compliance/index';

const USAGE = `Usage: tagdesk lint [--json] [--field tag|note] [--pack FILE] [--overlay FILE]...

Reads one text per line on standard input and lints it with the compliance rules.
  --json           one JSON object per line:
                   {"text","verdict","findings":[{"category","action","start","end","rule","message"}]}
                   verdict is ok | warn | replace | approval | block (the strictest finding)
  --field FIELD    tag (default; stricter, plus WeCom naming rules) or note
  --pack FILE      rule pack JSON instead of the built-in resources/rule-packs/default.json
  --overlay FILE   admin overlay JSON applied on top of the pack (repeatable)
Exit codes: 0 when every line was linted (whatever the verdicts), 2 on bad options or files.`;

/** A rule-pack or overlay file that cannot be used; the message names the file. */
class PackFileError extends Error {
  override name = 'PackFileError';
}

function readJsonFile(kind: string, file: string): unknown {
  const shown = path.resolve(file);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new PackFileError(`cannot read ${kind} ${shown}: ${why}`);
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new PackFileError(`${kind} ${shown} is not valid JSON: ${(e as Error).message}`);
  }
}

function loadPack(file: string | undefined): RulePack {
  if (file === undefined) return defaultRulePack();
  const parsed = parseRulePack(readJsonFile('rule pack', file));
  if (!parsed.ok) throw new PackFileError(`rule pack ${path.resolve(file)} is invalid:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.value;
}

function loadOverlay(file: string, pack: RulePack): RuleOverlay {
  const parsed = parseRuleOverlay(readJsonFile('overlay', file), pack);
  if (!parsed.ok) throw new PackFileError(`overlay ${path.resolve(file)} is invalid:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.value;
}

function asJson(text: string, r: LintResult): string {
  const findings = r.findings.map((f) => ({ category: f.category, action: f.action, start: f.span.start, end: f.span.end, rule: f.rule, message: f.message }));
  return JSON.stringify({ text, verdict: r.verdict, findings });
}

function asText(text: string, r: LintResult): string {
  const lines = [`${r.verdict}\t${text}`];
  for (const f of r.findings) lines.push(`  ${f.action}\t${f.category}\t[${f.span.start},${f.span.end})\t${f.message}`);
  return lines.join('\n');
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      field: { type: 'string', default: 'tag' },
      pack: { type: 'string' },
      overlay: { type: 'string', multiple: true, default: [] },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!(FIELDS as readonly string[]).includes(values.field)) throw new UsageError(`--field must be tag or note, not "${values.field}"`);
  const field = values.field as Field;

  let lint: (text: string) => LintResult;
  try {
    const pack = loadPack(values.pack);
    const overlays = values.overlay.map((f) => loadOverlay(f, pack));
    const linter = compileLinter(pack, overlays);
    lint = (text) => linter.lint(text, { field });
  } catch (e) {
    if (e instanceof PackFileError || e instanceof OverlayFloorError) {
      io.err(`tagdesk lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  for await (const line of io.stdinLines()) {
    const text = line.replace(/\r$/, '');
    const result = lint(text);
    io.out(`${values.json ? asJson(text, result) : asText(text, result)}\n`);
  }
  return 0;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check tag names or notes against the compliance rules (one text per stdin line)',
  usage: USAGE,
  run,
};
