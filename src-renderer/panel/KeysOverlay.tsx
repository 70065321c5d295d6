// The `?` overlay: every key the panel answers to.
import { t } from '../i18n/zh-CN';
import { useUiStore } from '../state/ui-store';
import { Icon } from './Icon';

export function KeysOverlay() {
  const toggleHelp = useUiStore((s) => s.toggleHelp);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t.keysTitle} data-testid="keys-overlay" onClick={toggleHelp}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <div className="drawer-head">
          <strong>{t.keysTitle}</strong>
          <button type="button" className="icon-btn" aria-label={t.close} onClick={toggleHelp} autoFocus>
            <Icon name="x" />
          </button>
        </div>
        <dl className="keys">
          {t.keys.map(([k, what]) => (
            <div key={k} className="keys-row">
              <dt>
                {k.split(' / ').map((part, i) => (
                  <kbd key={i}>{part}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
