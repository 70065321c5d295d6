// The 自动化 screen's state: the rules with their hold and hit counts, the synonym lists, the
// templates, and which rule the editor has open (a saved one, a new one, or one from a template).
import { create } from 'zustand';
import type { AutomationRule } from '../../../src-shared/policy/automation-rule';
import type { IpcResult } from '../../../src-shared/ipc/index';
import { getApi } from '../../api/client';
import { userMessageOf } from '../../util/errors';

type Listed = Extract<Awaited<ReturnType<ReturnType<typeof getApi>['call']['automation.rules.list']>>, { ok: true }>['value'];
export type RuleEntry = Listed['rules'][number];
export type SynonymList = Listed['synonymLists'][number];

interface AutomationState {
  rules: RuleEntry[] | null;
  synonymLists: SynonymList[];
  error: string | null;
  templates: AutomationRule[] | null;
  templatesError: string | null;
  /** A saved rule's id, 'new', or null for the list. */
  editing: string | null;
  /** The rule a new draft starts from (a template, an RFM mapping). */
  seed: AutomationRule | null;
  load: () => Promise<void>;
  loadTemplates: () => Promise<void>;
  edit: (id: string | null, seed?: AutomationRule | null) => void;
}

const valueOr = <T,>(r: IpcResult<T>, onError: (m: string) => void): T | null => {
  if (r.ok) return r.value;
  onError(userMessageOf(r.error));
  return null;
};

export const useAutomationStore = create<AutomationState>((set) => ({
  rules: null,
  synonymLists: [],
  error: null,
  templates: null,
  templatesError: null,
  editing: null,
  seed: null,
  async load() {
    const v = valueOr(await getApi().call['automation.rules.list']({}), (error) => set({ error }));
    if (v) set({ rules: [...v.rules].sort((a, b) => Number(b.rule.enabled) - Number(a.rule.enabled) || a.rule.name.localeCompare(b.rule.name, 'zh-CN')), synonymLists: v.synonymLists, error: null });
  },
  async loadTemplates() {
    const v = valueOr(await getApi().call['automation.templates']({}), (templatesError) => set({ templatesError }));
    if (v) set({ templates: v.templates, templatesError: null });
  },
  edit(editing, seed = null) {
    set({ editing, seed });
  },
}));
