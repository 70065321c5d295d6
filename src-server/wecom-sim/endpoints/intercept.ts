// Chat intercept (sensitive-word) rules (official page 95130): add, list, get, update, delete. Names 1–20
// characters, ≤300 words of 1–32 characters, semantics 1/2/3, type 1 block or 2 warn, ≤100 rules.
import { SimError } from '../errors';
import type { InterceptRule } from '../runtime';
import { charLen, optInt, optObject, optString, optStringArray, reqString, type SimContext, type SimEndpoint } from './types';

const MAX_RULES = 100;

function words(list: string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  if (list.length > 300) throw new SimError(40058, 'invalid parameter: word_list holds more than 300 words');
  for (const w of list) if (charLen(w) < 1 || charLen(w) > 32) throw new SimError(40058, `invalid parameter: word "${w}" must be 1–32 characters`);
  return [...new Set(list)];
}

function semantics(v: unknown): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => x !== 1 && x !== 2 && x !== 3)) throw new SimError(40058, 'invalid parameter: semantics_list takes 1, 2, 3');
  return v as number[];
}

function range(ctx: SimContext, r: Record<string, unknown> | undefined): { users: string[]; departments: number[] } {
  const users = r ? optStringArray(r, 'user_list', 1000) ?? [] : [];
  const rawDeps = r?.department_list ?? [];
  if (!Array.isArray(rawDeps) || rawDeps.some((d) => typeof d !== 'number') || rawDeps.length > 1000) throw new SimError(40058, 'invalid parameter: department_list');
  for (const u of users) if (!ctx.rt.state.members.has(u)) throw new SimError(40003, `invalid userid: ${u}`);
  for (const d of rawDeps as number[]) if (!ctx.rt.company.departments.some((x) => x.id === d)) throw new SimError(60123);
  return { users, departments: rawDeps as number[] };
}

function ruleOf(ctx: SimContext): InterceptRule {
  const id = reqString(ctx.body, 'rule_id');
  const rule = ctx.rt.interceptRules.get(id);
  if (!rule) throw new SimError(40058, `invalid parameter: rule_id ${id} does not exist`);
  return rule;
}

export const interceptEndpoints: SimEndpoint[] = [
  {
    path: 'externalcontact/add_intercept_rule',
    method: 'POST',
    auth: 'token',
    handle(ctx) {
      const name = reqString(ctx.body, 'rule_name', 40063, 20);
      const list = words(optStringArray(ctx.body, 'word_list'));
      if (!list || list.length === 0) throw new SimError(40063, 'word_list missing');
      const type = optInt(ctx.body, 'intercept_type', 1, 2);
      if (type === undefined) throw new SimError(40063, 'intercept_type missing');
      const r = range(ctx, optObject(ctx.body, 'applicable_range'));
      if (r.users.length === 0 && r.departments.length === 0) throw new SimError(40063, 'applicable_range: user_list and department_list are both empty');
      if (ctx.rt.interceptRules.size >= MAX_RULES) throw new SimError(40058, `invalid parameter: at most ${MAX_RULES} rules per corp`);
      const rule: InterceptRule = {
        rule_id: ctx.rt.state.newId('', 24), rule_name: name, word_list: list, semantics_list: semantics(ctx.body.semantics_list) ?? [],
        intercept_type: type, user_list: r.users, department_list: r.departments, create_time: ctx.nowSec,
      };
      ctx.rt.interceptRules.set(rule.rule_id, rule);
      return { rule_id: rule.rule_id };
    },
  },
  {
    path: 'externalcontact/get_intercept_rule_list',
    method: 'GET',
    auth: 'token',
    handle: (ctx) => ({ rule_list: [...ctx.rt.interceptRules.values()].map((r) => ({ rule_id: r.rule_id, rule_name: r.rule_name, create_time: r.create_time })) }),
  },
  {
    path: 'externalcontact/get_intercept_rule',
    method: 'POST',
    auth: 'token',
    handle(ctx) {
      const r = ruleOf(ctx);
      return {
        rule: {
          rule_id: r.rule_id, rule_name: r.rule_name, word_list: r.word_list, extra_rule: { semantics_list: r.semantics_list },
          intercept_type: r.intercept_type, applicable_range: { user_list: r.user_list, department_list: r.department_list },
        },
      };
    },
  },
  {
    path: 'externalcontact/update_intercept_rule',
    method: 'POST',
    auth: 'token',
    writeKeys: (ctx) => [`intercept|${String(ctx.body.rule_id)}`],
    handle(ctx) {
      const r = ruleOf(ctx);
      const name = optString(ctx.body, 'rule_name', { maxChars: 20 });
      const list = words(optStringArray(ctx.body, 'word_list'));
      const extra = optObject(ctx.body, 'extra_rule');
      const sem = extra ? semantics(extra.semantics_list) : undefined;
      const type = optInt(ctx.body, 'intercept_type', 1, 2);
      const add = optObject(ctx.body, 'add_applicable_range');
      const remove = optObject(ctx.body, 'remove_applicable_range');
      const addR = range(ctx, add);
      const removeR = range(ctx, remove);
      if (name !== undefined) r.rule_name = name;
      if (list !== undefined && list.length > 0) r.word_list = list;
      if (sem !== undefined) r.semantics_list = sem;
      if (type !== undefined) r.intercept_type = type;
      r.user_list = [...new Set([...r.user_list, ...addR.users])].filter((u) => !removeR.users.includes(u));
      r.department_list = [...new Set([...r.department_list, ...addR.departments])].filter((d) => !removeR.departments.includes(d));
      return {};
    },
  },
  {
    path: 'externalcontact/del_intercept_rule',
    method: 'POST',
    auth: 'token',
    handle(ctx) {
      const r = ruleOf(ctx);
      ctx.rt.interceptRules.delete(r.rule_id);
      return {};
    },
  },
];
