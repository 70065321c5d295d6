// The left column: the member's enterprise tags grouped in catalog order, quick add (`t`),
// and errors of changes made here.
import type { PanelView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore } from '../state/ui-store';
import { Icon } from './Icon';
import { TagGroup } from './TagGroup';
import { InlineError } from '../ui/InlineError';

export function EnterpriseColumn({ panel }: { panel: PanelView }) {
  const openQuickAdd = useUiStore((s) => s.openQuickAdd);
  const error = useCustomerStore((s) => (s.actionError?.place === 'enterprise' ? s.actionError.message : null));
  const canTag = panel.own !== null;
  return (
    <section className="column column-enterprise" aria-labelledby="col-enterprise" data-testid="column-enterprise">
      <h3 id="col-enterprise">{t.enterpriseTags}</h3>
      {panel.enterprise.length === 0 ? <p className="column-empty">{t.noEnterpriseTags}</p> : null}
      {panel.enterprise.map((g) => (
        <TagGroup key={g.groupId ?? 'ungrouped'} group={g} readOnly={!canTag} />
      ))}
      {canTag ? (
        <button type="button" className="add-link" data-testid="add-enterprise" onClick={() => openQuickAdd('enterprise')} aria-keyshortcuts="t">
          <Icon name="plus" size={11} />
          {t.addEnterprise}
          <kbd aria-hidden="true">t</kbd>
        </button>
      ) : null}
      <InlineError message={error} testId="enterprise-error" />
    </section>
  );
}
