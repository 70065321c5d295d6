// 客户交接 for supervisors and admins: a new hand-over (leaver, customers, successors, preview,
// start) and the records with WeCom's status per customer and the tag check after takeover.
import { useEffect, useState } from 'react';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { HandoverForm } from './HandoverForm';
import { HandoverRecords } from './HandoverRecords';
import '../../styles/handover.css';

type Sub = 'new' | 'records';

export function HandoverView() {
  const [sub, setSub] = useState<Sub>('new');
  const [open, setOpen] = useState<string | null>(null);
  const [tagNames, setTagNames] = useState<Map<string, string>>(new Map());
  const [groups, setGroups] = useState<{ groupId: string; groupName: string; tags: { tagId: string; name: string }[] }[]>([]);
  useEffect(() => {
    let live = true;
    void getApi().call['admin.catalog.list']({}).then((r) => {
      if (!live || !r.ok) return;
      setGroups(r.value.groups);
      setTagNames(new Map(r.value.groups.flatMap((g) => g.tags.map((x) => [x.tagId, x.name] as const))));
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="admin ho" data-testid="handover">
      <div className="subtabs" role="tablist" aria-label={t.handover.viewLabel}>
        {(['new', 'records'] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={sub === s} className={`subtab ${sub === s ? 'active' : ''}`} data-testid={`handover-tab-${s}`} onClick={() => setSub(s)}>
            {t.handover.tabs[s]}
          </button>
        ))}
      </div>
      {sub === 'new' ? (
        <HandoverForm
          groups={groups}
          tagNames={tagNames}
          onStarted={(id) => {
            setOpen(id);
            setSub('records');
          }}
        />
      ) : (
        <HandoverRecords open={open} onOpen={setOpen} tagNames={tagNames} />
      )}
    </div>
  );
}
