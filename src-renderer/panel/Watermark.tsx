// The policy's screen watermark: the member's name and id with today's date, repeated faintly
// across the panel so a screenshot of customer data carries its source. It sits above the
// content with pointer-events off, so every click and selection reaches the controls beneath.
import { useEffect, useState } from 'react';
import type { Watermark as WatermarkPolicy } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';

export function Watermark({ memberId }: { memberId: string | null }) {
  // Keyed by member, so a sign-out or another member never shows the previous one's mark.
  const [policy, setPolicy] = useState<{ member: string; value: WatermarkPolicy } | null>(null);

  useEffect(() => {
    if (!memberId) return;
    let live = true;
    const load = async (): Promise<void> => {
      const r = await getApi().call['display.watermark']({});
      if (live && r.ok) setPolicy({ member: memberId, value: r.value });
    };
    void load();
    const off = getApi().onEvent((e) => {
      if (e.type === 'catalog.changed') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [memberId]);

  if (!memberId || policy?.member !== memberId || !policy.value.enabled) return null;
  const today = new Date().toLocaleDateString('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
  const text = `${policy.value.text} ${today}`;
  return (
    <div className="watermark" aria-hidden="true" data-testid="watermark" style={{ opacity: policy.value.opacity }}>
      <div className="watermark-tiles">
        {Array.from({ length: 60 }, (_, i) => (
          <span key={i}>{text}</span>
        ))}
      </div>
    </div>
  );
}
