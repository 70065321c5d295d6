// The floating panel's frame: header, search, the customer area with its two tag columns,
// and a status bar. Customer content arrives with sign-in and sync (later work).
import { useEffect, useRef, useState } from 'react';
import { getApi } from '../api/client';
import { useAppStore } from '../state/app-store';
import { t } from '../i18n/zh-CN';
import { Header } from './Header';
import { Diagnostics, storeState } from './Diagnostics';

export function Panel() {
  const { info, member, connection, error, live, notice, load, setConnection, setMember, setStoreHealth, signIn, signOut } = useAppStore();
  const [showDiag, setShowDiag] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
    return getApi().onEvent((event) => {
      if (event.type === 'connection') setConnection(event.connection);
      if (event.type === 'store-health') setStoreHealth(event.store);
      if (event.type === 'session') setMember(event.member, event.reason === 'revoked' ? t.signedOutByAdmin : null);
      if (event.type === 'focus-search') searchRef.current?.focus();
    });
  }, [load, setConnection, setMember, setStoreHealth]);

  return (
    <div className="panel" data-ready={live ? 'true' : 'false'} data-testid="panel">
      <Header member={member} connection={connection} />
      <div className="search">
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder={member ? t.searchPlaceholder : t.searchDisabled}
          aria-label={t.searchPlaceholder}
          title={member ? t.searchNotSynced : t.searchDisabled}
          // Customer search needs the local customer list, which the sync engine fills.
          disabled
        />
      </div>
      <main className="customer" data-testid="customer-area">
        <div className="empty">
          <div className="empty-icon" aria-hidden="true">⌕</div>
          <h2>{t.emptyCustomerTitle}</h2>
          <p>{member ? t.emptyCustomerBody : t.signInHint}</p>
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
        </div>
        <div className="columns" aria-hidden={!member}>
          <section className="column">
            <h3>{t.enterpriseTags}</h3>
          </section>
          <section className="column">
            <h3>{t.personalTags}</h3>
          </section>
        </div>
      </main>
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>{t.loadFailed}：{error.userMessage}</span>
          <button type="button" onClick={() => void load()}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {showDiag && info ? <Diagnostics info={info} /> : null}
      <footer className="statusbar">
        {info ? (
          <button type="button" className="status-link" data-testid="status-toggle" aria-expanded={showDiag} onClick={() => setShowDiag((v) => !v)}>
            <span className={`health-dot ${storeState(info)}`} aria-hidden="true" />
            {showDiag ? t.diagnosticsClose : t.footerStatus(info.version, storeState(info))}
          </button>
        ) : (
          <span className="muted">{t.loading}</span>
        )}
        {member ? (
          <button type="button" className="status-link" data-testid="sign-out" onClick={() => void signOut()}>
            {t.signOut}
          </button>
        ) : (
          <span className="muted">{info ? t.modes[info.mode] : ''}</span>
        )}
      </footer>
    </div>
  );
}
