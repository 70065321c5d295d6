import './routing';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './panel/ErrorBoundary';
import { Panel } from './panel/Panel';
import { useAppStore } from './state/app-store';
import './styles/panel.css';
import './styles/chips.css';
import './styles/fields.css';
import './styles/supervisor.css';
import './styles/admin.css';

// Start-up marks (read by tests/bench/panel.bench.ts): modules evaluated, main answered, interactive.
performance.mark('tagdesk:modules');
// Ask main who is signed in while React renders the first frame.
void useAppStore.getState().load();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <Panel />
      </ErrorBoundary>
    </StrictMode>,
  );
}
