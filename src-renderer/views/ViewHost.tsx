// Shows a registered view, loading its code on first use.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { t } from '../i18n/zh-CN';
import { VIEWS } from './registry';

const SCREENS: ReadonlyArray<readonly [string, LazyExoticComponent<ComponentType>]> = VIEWS.map((v) => [v.id, lazy(() => v.load().then((component) => ({ default: component })))] as const);

export function ViewHost({ id }: { id: string }) {
  return (
    <Suspense
      fallback={
        <p className="muted view-loading" role="status">
          {t.loading}
        </p>
      }
    >
      {SCREENS.map(([screenId, Screen]) => (screenId === id ? <Screen key={screenId} /> : null))}
    </Suspense>
  );
}
