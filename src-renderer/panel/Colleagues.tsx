// Colleagues' relations with the same customer, read-only, folded away by default.
import type { PanelView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { TagGroup } from './TagGroup';

export function Colleagues({ panel }: { panel: PanelView }) {
  if (panel.colleagues.length === 0) return null;
  return (
    <details className="colleagues" data-testid="colleagues">
      <summary>{t.colleagues(panel.colleagues.length)}</summary>
      {panel.colleagues.map((c) => (
        <div key={c.userid} className="colleague">
          <div className="colleague-name">{c.name}</div>
          {c.groups.length === 0 ? <p className="column-empty">{t.colleagueNoTags}</p> : c.groups.map((g) => <TagGroup key={g.groupId ?? 'ungrouped'} group={g} readOnly />)}
        </div>
      ))}
    </details>
  );
}
