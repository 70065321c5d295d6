// Time left until an approval request expires; red under two hours.
import { t } from '../i18n/zh-CN';
import { formatLeft, msUntil } from '../util/format';

const URGENT_MS = 2 * 3_600_000;

export function SlaBadge({ expiresAt }: { expiresAt: string }) {
  const left = formatLeft(expiresAt);
  const urgent = msUntil(expiresAt) < URGENT_MS;
  return (
    <span className={`sla ${urgent ? 'sla-urgent' : ''}`} data-testid="sla" data-urgent={urgent ? 'true' : 'false'}>
      {left ? t.slaLeft(left) : t.overdue}
    </span>
  );
}
