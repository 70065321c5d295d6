// An enterprise tag group on the customer: its chips, a lock when the member may not change
// it (with the permission engine's reason), and for single-choice groups a radio row to
// switch the one value (main replaces the sibling).
import { useState } from 'react';
import type { PanelGroup } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useCatalogStore } from '../state/catalog-store';
import { useCustomerStore } from '../state/customer-store';
import { activeAssignment, useProvenanceStore } from '../state/provenance-store';
import { useUiStore } from '../state/ui-store';
import { Chip } from './Chip';
import { Icon } from './Icon';
import { ProvenancePopover } from './ProvenancePopover';

export function TagGroup({ group, readOnly }: { group: PanelGroup; readOnly?: boolean }) {
  const access = group.access;
  const editable = !readOnly && (access?.canApply ?? true);
  const single = Boolean(access?.singleChoice) && editable;
  const [choosing, setChoosing] = useState(false);
  const [provenanceOf, setProvenanceOf] = useState<string | null>(null);
  const assignments = useProvenanceStore((s) => s.assignments);
  const { applyTag, removeTag, busy } = useCustomerStore();
  const openDrawer = useUiStore((s) => s.openDrawer);
  const openApprovalForm = useUiStore((s) => s.openApprovalForm);
  const catalogGroup = useCatalogStore((s) => s.groups.find((g) => g.groupId === group.groupId));
  const shown = new Set(group.chips.map((c) => c.tagId));
  const options = single && choosing ? (catalogGroup?.tags ?? []).filter((tag) => !shown.has(tag.tagId)) : [];

  const choose = (tagId: string, name: string) => {
    setChoosing(false);
    if (access?.requiresApproval) openApprovalForm({ tagId, label: name });
    else void applyTag(tagId);
  };

  const title = group.groupName ?? t.ungrouped;
  return (
    <div className="group" role="group" aria-label={title} data-testid="tag-group" data-group={title}>
      <div className="group-head">
        <span className="group-name">{title}</span>
        {!editable && !readOnly ? (
          <span className="group-flag tip" tabIndex={0} data-tip={access?.why ?? t.readOnlyGroup} aria-label={`${t.readOnlyGroup}：${access?.why ?? ''}`} data-testid="group-locked">
            <Icon name="lock" size={10} />
          </span>
        ) : null}
        {editable && access?.requiresApproval ? (
          <span className="group-flag flag-approval tip" tabIndex={0} data-tip={access.why ?? t.approvalGroup} aria-label={`${t.approvalGroup}：${access.why ?? ''}`}>
            {t.approvalGroup}
          </span>
        ) : null}
        {single && catalogGroup && catalogGroup.tags.length > group.chips.length ? (
          <button type="button" className="group-change" aria-expanded={choosing} onClick={() => setChoosing((v) => !v)}>
            {t.changeChoice}
          </button>
        ) : null}
      </div>
      <div className="chips" role={single ? 'radiogroup' : undefined} aria-label={single ? `${title}（${t.singleChoice}）` : undefined}>
        {group.chips.map((c) => {
          // Automatic chips are known on the member's own relation (the team server's provenance).
          const auto = readOnly ? null : activeAssignment(assignments, c.tagId);
          return (
          <Chip
            key={c.tagId}
            name={c.name}
            state={c.state}
            deleted={c.deleted}
            approval={c.approval}
            provenance={c.provenance}
            busy={busy.includes(c.tagId)}
            testId="enterprise-chip"
            onRemove={editable ? () => void removeTag(c.tagId) : undefined}
            onOpenConflict={c.conflictId !== null ? () => openDrawer('conflicts', c.conflictId) : undefined}
            radio={single ? { checked: c.state === 'applied' || c.state === 'pending-add', onChoose: () => choose(c.tagId, c.name) } : undefined}
            automatic={auto ? { rule: auto.ruleName, id: `chip-auto-${c.tagId}`, open: provenanceOf === c.tagId, onToggle: () => setProvenanceOf((v) => (v === c.tagId ? null : c.tagId)) } : null}
          />
          );
        })}
        {options.map((o) => (
          <button key={o.tagId} type="button" role="radio" aria-checked={false} className="chip chip-option" onClick={() => choose(o.tagId, o.name)}>
            <span className="chip-name">{o.name}</span>
          </button>
        ))}
      </div>
      {provenanceOf && activeAssignment(assignments, provenanceOf) ? (
        <ProvenancePopover
          assignment={activeAssignment(assignments, provenanceOf)!}
          tagName={group.chips.find((c) => c.tagId === provenanceOf)?.name ?? ''}
          anchorId={`chip-auto-${provenanceOf}`}
          onClose={() => setProvenanceOf(null)}
        />
      ) : null}
    </div>
  );
}
