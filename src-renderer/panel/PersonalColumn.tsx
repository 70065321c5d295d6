// The right column: the member's personal tags on this customer (kept only on this device),
// quick add (`p`), and errors of changes made here.
import type { PanelView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore } from '../state/ui-store';
import { Chip } from './Chip';
import { Icon } from './Icon';
import { InlineError } from '../ui/InlineError';

export function PersonalColumn({ panel }: { panel: PanelView }) {
  const openQuickAdd = useUiStore((s) => s.openQuickAdd);
  const { unassignPersonal, busy } = useCustomerStore();
  const error = useCustomerStore((s) => (s.actionError?.place === 'personal' ? s.actionError.message : null));
  const enabled = panel.personalEnabled.enabled;
  return (
    <section className="column column-personal" aria-labelledby="col-personal" data-testid="column-personal">
      <h3 id="col-personal">{t.personalTags}</h3>
      {!enabled ? (
        <p className="column-empty tip" tabIndex={0} data-tip={panel.personalEnabled.because}>
          <Icon name="lock" size={10} /> {t.personalDisabled}
        </p>
      ) : null}
      {enabled && panel.personal.length === 0 ? <p className="column-empty">{t.noPersonalTags}</p> : null}
      <div className="chips">
        {panel.personal.map((p) => (
          <Chip key={p.id} name={p.name} state="applied" color={p.color} busy={busy.includes(`p:${p.id}`)} testId="personal-chip" onRemove={() => void unassignPersonal(p.id)} />
        ))}
      </div>
      {enabled ? (
        <button type="button" className="add-link" data-testid="add-personal" onClick={() => openQuickAdd('personal')} aria-keyshortcuts="p">
          <Icon name="plus" size={11} />
          {t.addPersonal}
          <kbd aria-hidden="true">p</kbd>
        </button>
      ) : null}
      <InlineError message={error} testId="personal-error" />
    </section>
  );
}
