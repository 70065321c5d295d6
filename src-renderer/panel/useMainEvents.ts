// Main's events, each routed to the store it concerns: session and connection, the open
// customer, sync status, catalog and approvals, and the WeCom chat the member switched to.
import { useEffect, type RefObject } from 'react';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { useAppStore } from '../state/app-store';
import { useCatalogStore } from '../state/catalog-store';
import { useCustomerStore } from '../state/customer-store';
import { useSearchStore } from '../state/search-store';
import { useSyncStore } from '../state/sync-store';
import { useRulesStore } from '../state/rules-store';
import { useBatchesStore } from '../state/batches-store';
import { useUiStore } from '../state/ui-store';
import { useMuteStore } from '../state/mute-store';

const isSupervisor = (): boolean => {
  const role = useAppStore.getState().member?.role;
  return role === 'supervisor' || role === 'admin';
};

export function useMainEvents(searchRef: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    // main.tsx asked main who is signed in before the first render; from here on, events keep it current.
    const app = useAppStore.getState();
    return getApi().onEvent((event) => {
      switch (event.type) {
        case 'connection':
          return app.setConnection(event.connection);
        case 'store-health':
          return app.setStoreHealth(event.store);
        case 'session':
          app.setMember(event.member, event.reason === 'revoked' ? t.signedOutByAdmin : null);
          if (!event.member) useCustomerStore.getState().close();
          return;
        case 'focus-search':
          return searchRef.current?.focus();
        case 'customer.changed':
          if (useCustomerStore.getState().currentId === event.externalUserid) void useCustomerStore.getState().reload();
          return;
        case 'chat.current':
        case 'open-customer':
          if (useAppStore.getState().member) void useCustomerStore.getState().open(event.externalUserid);
          return;
        case 'sync': {
          const before = useSyncStore.getState().status?.loaded.customers;
          useSyncStore.getState().set(event.status);
          // The first load brought customers in: what the member typed may match now.
          const search = useSearchStore.getState();
          if (before !== event.status.loaded.customers && search.query.trim()) void search.search(search.query);
          return;
        }
        case 'catalog.changed':
          void useCatalogStore.getState().load();
          void useCustomerStore.getState().reload();
          // A policy revision may add, change or remove mute rules.
          if (useUiStore.getState().view === 'mute') void useRulesStore.getState().load();
          return;
        case 'mute.changed': {
          // A lift covering this member began or ended: the open customer's verdict line.
          const current = useCustomerStore.getState().currentId;
          if (current) void useMuteStore.getState().load(current);
          return;
        }
        case 'batch.progress':
          void useBatchesStore.getState().refresh(event.batchId);
          return;
        case 'automation.notice':
          // The desktop notification is the shell's; in the panel it is a toast the member sees at once.
          useUiStore.getState().showToast(t.automation.noticeToast(event.customerName, event.message));
          return;
        case 'approvals.changed':
          void useApprovalsStore.getState().loadMine();
          if (isSupervisor()) void useApprovalsStore.getState().loadTeam();
          void useCustomerStore.getState().reload();
          return;
      }
    });
  }, [searchRef]);
}
