// The open customer: header line, the two tag columns side by side (never stacked), quick
// add over them, colleagues folded below.
import { useMinuteTick } from '../hooks/useMinuteTick';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore } from '../state/ui-store';
import { Colleagues } from './Colleagues';
import { CustomerHeader } from './CustomerHeader';
import { EnterpriseColumn } from './EnterpriseColumn';
import { PersonalColumn } from './PersonalColumn';
import { QuickAdd } from './QuickAdd';
import { RemarkEditor } from './RemarkEditor';

export function CustomerView() {
  const { panel, loadError, currentId } = useCustomerStore();
  const { quickAdd, drawer } = useUiStore();
  useMinuteTick();
  if (!panel) {
    return (
      <div className="cust-loading" data-testid="customer-loading">
        {loadError ? (
          <p className="inline-error" role="alert">
            {loadError}
          </p>
        ) : (
          <p className="muted">{t.loadingCustomer}</p>
        )}
      </div>
    );
  }
  return (
    <div className="cust" data-testid="customer" data-customer={currentId ?? ''}>
      <CustomerHeader panel={panel} />
      {loadError ? (
        <p className="inline-error pad-x" role="alert">
          {loadError}
        </p>
      ) : null}
      {drawer === 'remark' ? <RemarkEditor key={panel.customer.externalUserid} /> : null}
      <div className="columns-wrap">
        <div className="columns" data-testid="columns">
          <EnterpriseColumn panel={panel} />
          <PersonalColumn panel={panel} />
        </div>
        {quickAdd ? <QuickAdd key={`${quickAdd}-${panel.customer.externalUserid}`} column={quickAdd} /> : null}
      </div>
      <Colleagues panel={panel} />
    </div>
  );
}
