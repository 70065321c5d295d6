// 交接: what colleagues handed to this member (approved entries for customers taken over) and
// this member's own hand-over packet (built from the personal tags on this device, sent to the
// supervisor). Opens on what was received when there is something to answer.
import { useEffect, useState } from 'react';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { PacketBuilder } from './PacketBuilder';
import { PacketInbox } from './PacketInbox';
import '../styles/handover.css';

type Sub = 'inbox' | 'build';

export function PacketView() {
  const [sub, setSub] = useState<Sub | null>(null);
  useEffect(() => {
    let live = true;
    void getApi().call['handover.packet.inherited']({}).then((r) => {
      if (live) setSub((s) => s ?? (r.ok && r.value.entries.length > 0 ? 'inbox' : 'build'));
    });
    return () => {
      live = false;
    };
  }, []);
  const shown = sub ?? 'build';
  return (
    <div className="admin pk" data-testid="packet-view">
      <div className="subtabs" role="tablist" aria-label={t.handover.packetView}>
        {(['inbox', 'build'] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={shown === s} className={`subtab ${shown === s ? 'active' : ''}`} data-testid={`packet-tab-${s}`} onClick={() => setSub(s)}>
            {t.handover.packetTabs[s]}
          </button>
        ))}
      </div>
      {shown === 'inbox' ? <PacketInbox /> : <PacketBuilder />}
    </div>
  );
}
