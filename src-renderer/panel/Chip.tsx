// One tag on the customer. Its state shows as style, icon and accessible name together:
// applied (solid), pending (outlined, clock), awaiting approval (amber, time left), rejected
// (red outline, reason), parked (red dot, opens the conflict), automatic (robot mark, opens
// where it came from). Backspace/Delete removes it.
import type { ChipState } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { formatLeft } from '../util/format';
import { Icon } from './Icon';

export interface ChipProps {
  name: string;
  state: ChipState;
  deleted?: boolean;
  approval?: { expiresAt: string; note: string | null } | null;
  provenance?: string | null;
  color?: string | null;
  /** Removing by keyboard is allowed (the member may edit this tag here). */
  onRemove?: () => void;
  onOpenConflict?: () => void;
  /** Radio-like chips of a single-choice group. */
  radio?: { checked: boolean; onChoose: () => void };
  busy?: boolean;
  testId?: string;
  /** A rule put this tag here: the chip opens its provenance (ProvenancePopover). */
  automatic?: { rule: string; open: boolean; onToggle: () => void; id: string } | null;
}

function stateTip(p: ChipProps): string | null {
  if (p.deleted) return t.chipDeleted;
  if (p.state === 'rejected') return p.approval?.note ? t.rejectedReason(p.approval.note) : t.rejectedNoReason;
  if (p.state === 'awaiting-approval' && p.approval) {
    const left = formatLeft(p.approval.expiresAt);
    return `${t.chipState['awaiting-approval']} · ${left ? t.timeLeft(left) : t.overdue}`;
  }
  if (p.state === 'parked') return t.chipState.parked;
  if (p.automatic) return `${t.automation.chipAuto}：${p.automatic.rule}`;
  if (p.provenance) return t.chipProvenance(p.provenance);
  return null;
}

export function Chip(p: ChipProps) {
  const { name, state, deleted, approval, provenance, color, onRemove, onOpenConflict, radio, busy, testId, automatic } = p;
  const tip = stateTip(p);
  const left = state === 'awaiting-approval' && approval ? formatLeft(approval.expiresAt) : null;
  const removable = Boolean(onRemove) && (state === 'applied' || state === 'pending-add');
  const label = [name, deleted ? t.chipDeleted : t.chipState[state], tip && tip !== t.chipState[state] ? tip : null, removable ? t.chipRemoveHint : null]
    .filter(Boolean)
    .join('，');
  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.key === 'Backspace' || e.key === 'Delete') && removable && onRemove) {
      e.preventDefault();
      onRemove();
    }
  };
  const onClick = () => {
    if (state === 'parked' && onOpenConflict) onOpenConflict();
    else if (radio && !radio.checked) radio.onChoose();
    else if (automatic) automatic.onToggle();
  };
  return (
    <button
      type="button"
      className={`chip chip-${state} ${deleted ? 'chip-deleted' : ''} ${busy ? 'chip-busy' : ''} ${tip ? 'tip' : ''}`}
      data-state={state}
      data-tip={tip ?? undefined}
      data-testid={testId}
      data-automatic={automatic ? 'true' : undefined}
      id={automatic?.id}
      aria-label={label}
      aria-haspopup={automatic ? 'dialog' : undefined}
      aria-expanded={automatic ? automatic.open : undefined}
      role={radio ? 'radio' : undefined}
      aria-checked={radio ? radio.checked : undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {color ? <span className="chip-color" style={{ background: color }} aria-hidden="true" /> : null}
      {state === 'pending-add' || state === 'pending-remove' ? <Icon name="clock" size={10} /> : null}
      {state === 'awaiting-approval' ? <Icon name="hourglass" size={10} /> : null}
      {state === 'rejected' ? <Icon name="x" size={10} /> : null}
      {automatic || provenance === 'automation' ? <Icon name="robot" size={10} /> : null}
      <span className="chip-name">{name}</span>
      {left ? <span className="chip-left">{left}</span> : null}
      {state === 'parked' ? <span className="chip-dot" aria-hidden="true" /> : null}
    </button>
  );
}
