// The customer's line: name · company · mobile tail, the remark (click to edit), and the
// pending/parked counts of this customer.
import type { PanelView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore } from '../state/ui-store';
import { Icon } from './Icon';
import { MuteLine } from './MuteLine';
import { InlineError } from '../ui/InlineError';

export function CustomerHeader({ panel }: { panel: PanelView }) {
  const { customer, own } = panel;
  const { drawer, openDrawer } = useUiStore();
  const fromCache = useCustomerStore((s) => s.fromCache);
  const error = useCustomerStore((s) => (s.actionError?.place === 'customer' ? s.actionError.message : null));
  const refresh = useCustomerStore((s) => s.refreshFromWeCom);
  const remark = own?.pendingRemark?.remark ?? own?.remark ?? null;
  const editing = drawer === 'remark';
  return (
    <div className="cust-head" data-testid="customer-header" data-cached={fromCache ? 'true' : 'false'}>
      <div className="cust-line">
        <span className="avatar" aria-hidden="true">
          {customer.name.slice(0, 1)}
        </span>
        <h2 className="cust-name" data-testid="customer-name">
          {customer.name}
        </h2>
        {customer.corpName ? <span className="cust-meta">· {customer.corpName}</span> : null}
        {own?.mobileTail ? <span className="cust-meta cust-tail">· {t.mobileTail(own.mobileTail)}</span> : null}
        <button type="button" className="icon-btn cust-refresh" aria-label={t.refreshCustomer} title={t.refreshCustomer} onClick={() => void refresh()}>
          <Icon name="refresh" />
        </button>
      </div>
      <MuteLine externalUserid={customer.externalUserid} version={panel} />
      {own ? (
        <button type="button" className={`cust-remark ${remark ? '' : 'placeholder'}`} aria-expanded={editing} aria-label={t.editRemark} data-testid="remark" onClick={() => openDrawer(editing ? null : 'remark')}>
          {own.pendingRemark ? <Icon name="clock" size={10} /> : null}
          <span>{remark ? `${t.remark}：${remark}` : t.noRemark}</span>
          {own.description ? <span className="cust-desc"> · {own.pendingRemark?.description ?? own.description}</span> : null}
        </button>
      ) : (
        <p className="cust-remark muted">{t.notFollowing}</p>
      )}
      {panel.pendingOps > 0 || panel.parkedOps > 0 ? (
        <div className="cust-ops">
          {panel.pendingOps > 0 ? (
            <span className="pill pill-pending">
              <Icon name="clock" size={10} /> {t.pendingOps(panel.pendingOps)}
            </span>
          ) : null}
          {panel.parkedOps > 0 ? (
            <button type="button" className="pill pill-bad" onClick={() => openDrawer('conflicts')}>
              <span className="dot-bad" aria-hidden="true" /> {t.parkedOps(panel.parkedOps)}
            </button>
          ) : null}
        </div>
      ) : null}
      <InlineError message={error} />
    </div>
  );
}
