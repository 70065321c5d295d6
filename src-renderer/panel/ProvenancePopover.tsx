// Where an automatic tag came from, opened from its chip (click, Enter or Space): the rule and
// its version, why it fired, the triggering event or chat message, when, and its expiry; one
// click 撤销 reverts the assignment in WeCom (audited on the team server), optionally muting
// the rule for this customer. Esc or 关闭 returns focus to the chip.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Provenance } from '../../src-shared/team-api/automation';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { useProvenanceStore } from '../state/provenance-store';
import { useUiStore } from '../state/ui-store';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';
import { Icon } from './Icon';
import '../styles/automation.css';
import { InlineError } from '../ui/InlineError';

const a = t.automation;
const iso = (ms: number): string => new Date(ms).toISOString();
const WIDTH = 280;

function eventLine(p: Provenance): string | null {
  if (!p.event) return null;
  const text = a.eventText[p.event.kind];
  return text ? text(p.event.data) : a.eventName(p.event.kind);
}

export function ProvenancePopover({ assignment, tagName, anchorId, onClose }: { assignment: Provenance; tagName: string; anchorId: string; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const [mute, setMute] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const showToast = useUiStore((s) => s.showToast);

  // Fixed to the viewport under the chip, kept inside the ~360 px window.
  useLayoutEffect(() => {
    const anchor = document.getElementById(anchorId);
    if (!anchor) return;
    const r = anchor.getBoundingClientRect();
    const left = Math.max(8, Math.min(r.left, window.innerWidth - WIDTH - 8));
    const height = box.current?.offsetHeight ?? 200;
    const below = r.bottom + 4;
    setPos({ left, top: below + height > window.innerHeight - 8 ? Math.max(8, r.top - height - 4) : below });
  }, [anchorId]);

  const close = () => {
    onClose();
    document.getElementById(anchorId)?.focus();
  };

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onDown = (e: MouseEvent) => {
      const anchor = document.getElementById(anchorId);
      if (box.current?.contains(e.target as Node) || anchor?.contains(e.target as Node)) return;
      onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [anchorId, onClose]);

  const revert = async () => {
    setBusy(true);
    setError(null);
    const r = await getApi().call['automation.revert']({ id: assignment.id, mute });
    if (!r.ok) {
      setBusy(false);
      return setError(userMessageOf(r.error));
    }
    showToast(mute ? a.provRevertedMuted(tagName, assignment.ruleName) : a.provReverted(tagName));
    onClose();
    // The revert went to WeCom through the team server: read the customer back from WeCom.
    await useCustomerStore.getState().refreshFromWeCom();
    const id = useCustomerStore.getState().currentId;
    if (id) await useProvenanceStore.getState().load(id);
  };

  const ev = eventLine(assignment);
  return (
    <div
      ref={box}
      className="prov"
      role="dialog"
      aria-modal="false"
      aria-labelledby="prov-h"
      data-testid="provenance"
      style={{ position: 'fixed', left: pos?.left ?? -9999, top: pos?.top ?? 0, width: WIDTH }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <h4 id="prov-h" className="prov-h">
        <Icon name="robot" size={12} /> {a.provTitle}
        <button type="button" className="icon-btn" aria-label={a.provClose} onClick={close}>
          <Icon name="x" size={11} />
        </button>
      </h4>
      <p className="prov-rule" data-testid="provenance-rule">
        {a.provRule(assignment.ruleName, assignment.ruleVersion)}
      </p>
      <p className="prov-line" data-testid="provenance-reason">
        {a.provReason}：{assignment.reason}
      </p>
      {ev ? (
        <p className="prov-quote" data-testid="provenance-event">
          {ev}
          {assignment.event ? <span className="prov-meta"> · {formatWhen(iso(assignment.event.at))}</span> : null}
        </p>
      ) : null}
      <p className="prov-meta">
        {a.provAt(formatWhen(iso(assignment.at)))}
        {assignment.expiresAt ? ` · ${a.provExpires(formatWhen(iso(assignment.expiresAt)))}` : ''}
      </p>
      <div className="prov-actions">
        <label className="check">
          <input type="checkbox" data-testid="provenance-mute" checked={mute} onChange={(e) => setMute(e.target.checked)} />
          {a.provMute}
        </label>
        <InlineError message={error} />
        <button type="button" className="btn btn-small btn-danger" data-testid="provenance-revert" data-autofocus disabled={busy} onClick={() => void revert()}>
          {busy ? a.provReverting : a.provRevert}
        </button>
      </div>
    </div>
  );
}
