// How the 自动化 screen says a rule in one line: the trigger (「3 天内点击链接 ≥ 3 次」) and the
// actions (「+购买意向:高意向（14 天后到期） · 提醒成员」), in the screen's catalog.
import type { AutomationRule } from '../../../src-shared/policy/automation-rule';
import { t } from '../../i18n/zh-CN';

/** One line a person reads for the trigger: 「72 小时内点击链接 ≥ 3 次」. */
export function triggerText(rule: AutomationRule, listName: (id: string) => string): string {
  const a = t.automation;
  const tr = rule.trigger;
  if (tr.kind === 'event') return a.triggerEvent(tr.event);
  if (tr.kind === 'eventCount') return a.triggerCount(tr.event, tr.atLeast, a.duration(tr.withinHours));
  if (tr.kind === 'timeSince') return a.triggerSince(a.since[tr.since] ?? tr.since, a.duration(tr.hours));
  if (tr.kind === 'tagChanged') return a.triggerTag(`${tr.tag.groupName}:${tr.tag.tagName}`, a.change[tr.change] ?? tr.change);
  return a.triggerKeyword(listName(tr.synonymListId), a.per[tr.per] ?? tr.per, tr.minHits);
}

export function actionsText(rule: AutomationRule): string {
  const a = t.automation;
  return rule.actions
    .map((x) => {
      if (x.kind === 'notifyMember') return a.actionNotify;
      const tag = `${x.tag.groupName}:${x.tag.tagName}`;
      if (x.kind === 'addTag') return a.actionAdd(tag) + (x.ttlHours ? a.ttlSuffix(a.duration(x.ttlHours)) : '');
      if (x.kind === 'removeTag') return a.actionRemove(tag);
      if (x.kind === 'setStage') return a.actionStage(tag);
      return a.actionExpiry(tag, a.duration(x.ttlHours));
    })
    .join(' · ');
}
