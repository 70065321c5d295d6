// Rule packs and admin overlays as validated data (zod). A pack configures every category —
// action per field, the floor admins cannot go below, message, legal basis — plus word lists,
// allowlists and replacements. Errors are Chinese and name the offending field.
import { z } from 'zod';
import { ACTIONS, CATEGORY_IDS, verdictRank, type Action, type CategoryId, type Field } from './types';

const action = z.enum(ACTIONS);
const categoryId = z.enum(CATEGORY_IDS);
const term = z.string().trim().min(1).max(40);
const fieldActions = z.object({ tag: action, note: action }).strict();

const categoryConfig = z
  .object({
    label: z.string().min(1),
    legalBasis: z.array(z.string().min(1)).min(1),
    actions: fieldActions,
    /** The mildest action an overlay may set; absent means any action is allowed. */
    floor: fieldActions.partial().optional(),
    /** What the user reads; `{replacement}` is filled in for `replace`. */
    message: z.string().min(1),
    /** Default wording for `replace` when the detector has no concrete rewrite. */
    replacement: z.string().optional(),
  })
  .strict();

const lexiconGroup = z
  .object({
    category: categoryId,
    terms: z.array(term).min(1),
    /** Curated variants (homophones, pinyin, initials) that count as the group's terms. */
    variants: z.array(term).optional(),
    /** Ordinary business words that contain a term and cancel its hit (指纹锁, 残联…). */
    allow: z.array(term).optional(),
  })
  .strict();

const replacementRule = z
  .object({ from: term, to: z.string().max(30), category: categoryId.optional() })
  .strict();

export const rulePackSchema = z
  .object({
    schema: z.literal('tagdesk.rule-pack/1'),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    name: z.string().min(1),
    naming: z.object({ maxLength: z.number().int().min(1).max(30) }).strict(),
    categories: z.record(categoryId, categoryConfig),
    lexicon: z.array(lexiconGroup),
    replacements: z.array(replacementRule).default([]),
    /** Allowlist for every category. */
    allow: z.array(term).default([]),
  })
  .strict()
  .superRefine((pack, ctx) => {
    for (const id of CATEGORY_IDS) {
      const c = pack.categories[id];
      for (const field of ['tag', 'note'] as const) {
        const floor = c.floor?.[field];
        if (floor && verdictRank(c.actions[field]) < verdictRank(floor)) {
          ctx.addIssue({ code: 'custom', path: ['categories', id, 'actions', field], message: `动作 ${c.actions[field]} 低于本类别声明的下限 ${floor}` });
        }
      }
    }
  });

export const ruleOverlaySchema = z
  .object({
    schema: z.literal('tagdesk.rule-overlay/1'),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    actions: z.partialRecord(categoryId, fieldActions.partial()).optional(),
    words: z.array(lexiconGroup).optional(),
    allow: z.array(term).optional(),
    replacements: z.array(replacementRule).optional(),
  })
  .strict();

export type RulePack = z.output<typeof rulePackSchema>;
export type RuleOverlay = z.output<typeof ruleOverlaySchema>;
export type CategoryConfig = z.output<typeof categoryConfig>;
export type LexiconGroup = z.output<typeof lexiconGroup>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const TYPE_NAMES: Record<string, string> = {
  string: '文本', number: '数字', boolean: '布尔值', object: '对象', array: '数组', undefined: '缺失',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return '缺失';
  if (Array.isArray(v)) return '数组';
  if (v !== null && typeof v === 'object') return '对象';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : 'null';
}

/** One Chinese line per problem: `字段 categories.spi.health.actions.tag：…`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '（根）';
    const actual = describe(valueAt(input, issue.path));
    let why: string;
    switch (issue.code) {
      case 'invalid_type':
        why = actual === '缺失' ? '缺少此字段' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为 ${actual}`;
        break;
      case 'invalid_value':
        why = `取值应为 ${issue.values.map((v) => JSON.stringify(v)).join(' | ')} 之一，实际为 ${actual}`;
        break;
      case 'unrecognized_keys':
        why = `未知字段 ${issue.keys.join('、')}`;
        break;
      case 'too_small':
        why = issue.origin === 'array' ? `至少需要 ${String(issue.minimum)} 项` : issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`;
        break;
      case 'too_big':
        why = issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
        break;
      case 'invalid_format': {
        const key = issue.path.at(-1);
        const expected = key === 'version' ? '，应为“主.次.修订”形式，如 1.2.0' : key === 'id' ? '，只能用小写字母、数字和 . _ -' : '';
        why = `格式不正确${expected}（实际为 ${actual}）`;
        break;
      }
      case 'invalid_key':
        why = `未知的类别 ${describe(issue.path.at(-1))}`;
        break;
      default:
        why = issue.message;
    }
    return `字段 ${field}：${why}`;
  });
}

export function parseRulePack(input: unknown): Parsed<RulePack> {
  const r = rulePackSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatIssues(r.error.issues, input) };
}

/** Validates an overlay and checks it against the floors of the pack it will be applied to. */
export function parseRuleOverlay(input: unknown, pack: RulePack): Parsed<RuleOverlay> {
  const r = ruleOverlaySchema.safeParse(input);
  if (!r.success) return { ok: false, errors: formatIssues(r.error.issues, input) };
  const errors: string[] = [];
  for (const [id, actions] of Object.entries(r.data.actions ?? {}) as Array<[CategoryId, Partial<Record<Field, Action>>]>) {
    const config = pack.categories[id];
    for (const field of ['tag', 'note'] as const) {
      const wanted = actions[field];
      const floor = config.floor?.[field];
      if (wanted && floor && verdictRank(wanted) < verdictRank(floor)) {
        errors.push(`字段 actions.${id}.${field}：「${config.label}」的动作不能低于规则包 ${pack.id} ${pack.version} 设定的下限 ${floor}（试图设为 ${wanted}）`);
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}
