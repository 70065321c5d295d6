// The floating panel's frame: header, search, the open customer (or a supervisor's queue and
// team record), the drawer tabs and a status bar. Wires main's events and the global keys.
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../state/app-store';
import { useApprovalsStore } from '../state/approvals-store';
import { useCatalogStore } from '../state/catalog-store';
import { useCustomerStore } from '../state/customer-store';
import { useSearchStore } from '../state/search-store';
import { useSyncStore } from '../state/sync-store';
import { useUiStore } from '../state/ui-store';
import { customerFromHash, initialHash } from '../routing';
import { Watermark } from './Watermark';
import { getApi } from '../api/client';
import { SettingsOverlay } from '../settings/SettingsOverlay';
import { setDisplayLocale } from '../util/format';
import { t } from '../i18n/zh-CN';
import { ApprovalForm } from './ApprovalForm';
import { CustomerView } from './CustomerView';
import { Diagnostics, storeState } from './Diagnostics';
import { DrawerPanel, DrawerTabs } from './Drawers';
import { Header } from './Header';
import { Icon } from './Icon';
import { KeysOverlay } from './KeysOverlay';
import { SearchBox } from './SearchBox';
import { useGlobalKeys } from './useGlobalKeys';
import { useMainEvents } from './useMainEvents';
import { shownViewFor, ViewTabs } from './ViewTabs';
import { ViewHost } from '../views/ViewHost';
import { viewById } from '../views/registry';
import type { Role } from '../views/types';

/** Loads what depends on who is signed in, once per member. */
function useMemberData(userid: string | null, supervisor: boolean) {
  useEffect(() => {
    if (!userid) {
      // Signed out: nothing of the previous member's stays on screen.
      if (useCustomerStore.getState().currentId) useCustomerStore.getState().close();
      useSearchStore.getState().clear();
      useSearchStore.getState().setRecents([]);
      useApprovalsStore.setState({ mine: [], team: [], selected: [] });
      useUiStore.setState({ view: 'customer', drawer: null, quickAdd: null, approvalForm: null });
      return;
    }
    void useSyncStore.getState().load();
    void useCatalogStore.getState().load();
    void useSearchStore.getState().loadRecents(userid);
    void useApprovalsStore.getState().loadMine();
    if (supervisor) void useApprovalsStore.getState().loadTeam();
    const deepLink = customerFromHash(window.location.hash) ?? customerFromHash(initialHash);
    if (deepLink && !useCustomerStore.getState().currentId) void useCustomerStore.getState().open(deepLink);
    const onHash = () => {
      const id = customerFromHash(window.location.hash);
      if (id && id !== useCustomerStore.getState().currentId) void useCustomerStore.getState().open(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [userid, supervisor]);
}

function EmptyState() {
  const { member, connection, notice, signIn } = useAppStore();
  const recents = useSearchStore((s) => s.recents);
  const open = useCustomerStore((s) => s.open);
  const firstLoad = useSyncStore((s) => s.status?.loading ?? false);
  return (
    <div className="empty">
      <div className="empty-icon" aria-hidden="true">
        <Icon name="search" size={18} />
      </div>
      <h2>{t.emptyCustomerTitle}</h2>
      <p>{member ? t.emptyCustomerBody : t.signInHint}</p>
      {member && firstLoad ? (
        <p className="empty-keys" role="status" data-testid="first-load">
          {t.firstLoad}
        </p>
      ) : null}
      {member && !firstLoad ? <p className="empty-keys">{t.emptyKeysHint}</p> : null}
      {!member && connection && connection.state !== 'not_configured' ? (
        <button type="button" className="primary" data-testid="sign-in" onClick={() => void signIn()}>
          {t.signIn}
        </button>
      ) : null}
      {!member && connection?.state === 'not_configured' ? <p className="muted">{t.noTeamServer}</p> : null}
      {notice ? (
        <p className="notice" role="status" data-testid="notice">
          {notice}
        </p>
      ) : null}
      {member && recents.length > 0 ? (
        <nav className="empty-recents" aria-label={t.searchRecent}>
          <div className="empty-recents-head">{t.searchRecent}</div>
          {recents.slice(0, 5).map((r) => (
            <button key={r.externalUserid} type="button" className="recent" onClick={() => void open(r.externalUserid)}>
              <span className="avatar avatar-sm" aria-hidden="true">
                {r.name.slice(0, 1)}
              </span>
              <span className="recent-name">{r.name}</span>
              <span className="recent-sub">{r.corpName ?? (r.mobileTail ? t.mobileTail(r.mobileTail) : '')}</span>
            </button>
          ))}
        </nav>
      ) : null}
    </div>
  );
}

export function Panel() {
  const { info, member, connection, error, live, load, signOut } = useAppStore();
  const currentId = useCustomerStore((s) => s.currentId);
  const { view, help, toast, approvalForm } = useUiStore();
  const [showDiag, setShowDiag] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  // The device's date and number format, once main answers.
  useEffect(() => {
    if (!live) return;
    if (performance.getEntriesByName('tagdesk:interactive').length === 0) performance.mark('tagdesk:interactive');
    void getApi().call['settings.get']({}).then((r) => {
      if (r.ok) setDisplayLocale(r.value.dateLocale);
    });
  }, [live]);
  const supervisor = member?.role === 'supervisor' || member?.role === 'admin';

  useMainEvents(searchRef);
  useGlobalKeys(searchRef, true);
  useMemberData(member?.userid ?? null, supervisor);

  const role: Role | null = member?.role ?? null;
  const shownView = shownViewFor(role, view);
  // Opening a customer (search, the WeCom chat, a deep link) from an admin screen shows it;
  // the approval queue and team record stay, since they filter by the open customer.
  useEffect(() => {
    const v = useUiStore.getState().view;
    if (currentId && viewById(v)?.yieldsToCustomer) useUiStore.getState().setView('customer');
  }, [currentId]);
  return (
    <div className="panel" data-ready={live ? 'true' : 'false'} data-testid="panel">
      <Header member={member} connection={connection} />
      <SearchBox disabled={!member} inputRef={searchRef} />
      {member && role ? <ViewTabs role={role} /> : null}
      <main className="customer" data-testid="customer-area">
        <div className="scroll">
          {shownView === 'customer' ? member && currentId ? <CustomerView /> : <EmptyState /> : null}
          {member && shownView !== 'customer' ? <ViewHost id={shownView} /> : null}
        </div>
        {member ? <DrawerPanel /> : null}
        {member && approvalForm && shownView === 'customer' ? <ApprovalForm key={`${approvalForm.tagId ?? ''}-${approvalForm.proposedName ?? ''}`} target={approvalForm} /> : null}
      </main>
      {member && shownView === 'customer' ? <DrawerTabs /> : null}
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>
            {t.loadFailed}：{error.userMessage}
          </span>
          <button type="button" onClick={() => void load()}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {showDiag && info ? <Diagnostics info={info} /> : null}
      <Watermark memberId={member?.userid ?? null} />
      <footer className="statusbar">
        {info ? (
          <button type="button" className="status-link" data-testid="status-toggle" aria-expanded={showDiag} onClick={() => setShowDiag((v) => !v)}>
            <span className={`health-dot ${storeState(info)}`} aria-hidden="true" />
            {showDiag ? t.diagnosticsClose : t.footerStatus(info.version, storeState(info))}
          </button>
        ) : (
          <span className="muted">{t.loading}</span>
        )}
        <span className="statusbar-end">
          {member ? (
            <button type="button" className="status-link" data-testid="sign-out" onClick={() => void signOut()}>
              {t.signOut}
            </button>
          ) : (
            <span className="muted">{info ? t.modes[info.mode] : ''}</span>
          )}
          <button type="button" className="status-link" data-testid="open-settings" onClick={() => setShowSettings(true)}>
            {t.settings}
          </button>
        </span>
      </footer>
      {showSettings ? <SettingsOverlay onClose={() => setShowSettings(false)} /> : null}
      {toast ? (
        <div className="toast" role="status" data-testid="toast">
          {toast}
        </div>
      ) : null}
      {help ? <KeysOverlay /> : null}
    </div>
  );
}
