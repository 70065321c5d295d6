// A render error must not leave a blank panel: say so and offer a reload (drafts are in Dexie).
import { Component, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN';

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="banner banner-error" role="alert" data-testid="crashed">
        <span>{t.crashed}</span>
        <button type="button" onClick={() => window.location.reload()}>
          {t.reloadPanel}
        </button>
      </div>
    );
  }
}
