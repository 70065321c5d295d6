// Settings: the team server, the account, the global shortcut, how dates and numbers look, and
// a backup of the member's personal tags to a file they keep. Opened from the status bar.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../src-shared/ipc/index';
import { DATE_LOCALES } from '../../src-shared/ipc/locales';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { useAppStore } from '../state/app-store';
import { setDisplayLocale } from '../util/format';
import { Icon } from '../panel/Icon';

type Field = 'server' | 'shortcut' | 'locale' | 'export';

export function SettingsOverlay({ onClose }: { onClose: () => void }) {
  const member = useAppStore((s) => s.member);
  const signOut = useAppStore((s) => s.signOut);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [server, setServer] = useState('');
  const [shortcut, setShortcut] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<Partial<Record<Field, string>>>({});

  useEffect(() => {
    let live = true;
    void getApi().call['settings.get']({}).then((r) => {
      if (!live || !r.ok) return;
      setSettings(r.value);
      setServer(r.value.teamServerUrl ?? '');
      setShortcut(r.value.shortcut);
    });
    return () => {
      live = false;
    };
  }, []);

  const answer = (field: Field, r: Awaited<ReturnType<ReturnType<typeof getApi>['call']['settings.get']>>, ok: string): void => {
    if (r.ok) {
      setSettings(r.value);
      setErrors((e) => ({ ...e, [field]: undefined }));
      setDone((d) => ({ ...d, [field]: ok }));
    } else {
      setDone((d) => ({ ...d, [field]: undefined }));
      setErrors((e) => ({ ...e, [field]: r.error.issues?.[0]?.message ?? r.error.userMessage }));
    }
  };

  const saveServer = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    answer('server', await getApi().call['settings.setTeamServer']({ url: server.trim() }), t.settingsSaved);
  };
  const saveShortcut = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    answer('shortcut', await getApi().call['settings.setShortcut']({ shortcut: shortcut.trim() }), t.settingsSaved);
  };
  const saveLocale = async (locale: Settings['dateLocale']): Promise<void> => {
    const r = await getApi().call['settings.setDateLocale']({ dateLocale: locale });
    if (r.ok) setDisplayLocale(r.value.dateLocale);
    answer('locale', r, t.settingsSaved);
  };
  const exportPersonal = async (): Promise<void> => {
    const r = await getApi().call['personal.export']({});
    if (!r.ok) {
      setErrors((e) => ({ ...e, export: r.error.userMessage }));
      return;
    }
    const url = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setErrors((e) => ({ ...e, export: undefined }));
    setDone((d) => ({ ...d, export: t.personalExported(r.value.tags, r.value.assignments) }));
  };

  const note = (field: Field) =>
    errors[field] ? (
      <p className="inline-error" role="alert" data-testid={`settings-error-${field}`}>
        {errors[field]}
      </p>
    ) : done[field] ? (
      <p className="muted" role="status">
        {done[field]}
      </p>
    ) : null;

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t.settingsTitle} data-testid="settings" onClick={onClose}>
      <div className="overlay-card settings" onClick={(e) => e.stopPropagation()}>
        <div className="drawer-head">
          <strong>{t.settingsTitle}</strong>
          <button type="button" className="icon-btn" aria-label={t.close} onClick={onClose}>
            <Icon name="x" />
          </button>
        </div>
        {!settings ? (
          <p className="muted pad">{t.loading}</p>
        ) : (
          <div className="settings-body">
            <section>
              <h4>{t.settingsServer}</h4>
              <form className="inline-form" onSubmit={(e) => void saveServer(e)}>
                <input className="input" aria-label={t.settingsServer} value={server} onChange={(e) => setServer(e.target.value)} disabled={Boolean(member)} placeholder="https://tagdesk.example.com" />
                <button type="submit" className="btn btn-small" disabled={Boolean(member) || !server.trim()}>
                  {t.save}
                </button>
              </form>
              {member ? <p className="muted">{t.settingsServerSignedIn}</p> : null}
              {note('server')}
            </section>
            <section>
              <h4>{t.settingsAccount}</h4>
              {member ? (
                <div className="settings-row">
                  <span>
                    {member.name} · {member.departmentName}
                  </span>
                  <button type="button" className="btn btn-small" onClick={() => void signOut()}>
                    {t.signOut}
                  </button>
                </div>
              ) : (
                <p className="muted">{t.notSignedIn}</p>
              )}
            </section>
            <section>
              <h4>{t.settingsShortcut}</h4>
              <form className="inline-form" onSubmit={(e) => void saveShortcut(e)}>
                <input className="input" aria-label={t.settingsShortcut} value={shortcut} onChange={(e) => setShortcut(e.target.value)} />
                <button type="submit" className="btn btn-small" disabled={!shortcut.trim() || shortcut.trim() === settings.shortcut}>
                  {t.save}
                </button>
              </form>
              <p className="muted">{settings.shortcutActive === null ? t.settingsShortcutBrowser : settings.shortcutActive ? t.settingsShortcutActive : t.settingsShortcutTaken}</p>
              {note('shortcut')}
            </section>
            <section>
              <h4>{t.settingsLocale}</h4>
              <select className="input" aria-label={t.settingsLocale} value={settings.dateLocale} onChange={(e) => void saveLocale(e.target.value as Settings['dateLocale'])}>
                {DATE_LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {t.localeNames[l]}
                  </option>
                ))}
              </select>
              {note('locale')}
            </section>
            {member ? (
              <section>
                <h4>{t.settingsBackup}</h4>
                <p className="muted">{t.settingsBackupHint}</p>
                <button type="button" className="btn btn-small" data-testid="export-personal" onClick={() => void exportPersonal()}>
                  {t.settingsBackupExport}
                </button>
                {note('export')}
              </section>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}
