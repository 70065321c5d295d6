// Types of toolbar.js, a plain browser module served as-is to WeCom's webview.
export interface ToolbarState {
  kind: 'working' | 'done' | 'error';
  text: string;
}

/** The subset of WeCom's JS-SDK (`ww`) the page uses. */
export interface WwSdk {
  register(options: Record<string, unknown>): void;
  getContext(): Promise<{ entry: string }>;
  getCurExternalContact(): Promise<{ userId: string }>;
}

export interface ToolbarEnv {
  ww: WwSdk;
  fetch: (path: string, init?: { method?: string; headers?: Record<string, string>; credentials?: string; body?: string }) => Promise<{ status: number; ok: boolean; json(): Promise<unknown> }>;
  pageUrl: string;
  render(state: ToolbarState): void;
}

export const MESSAGES: Readonly<Record<'working' | 'done' | 'wrongEntry' | 'noCustomer' | 'serverFailed' | 'signedOut', string>>;
export function runToolbar(env: ToolbarEnv): Promise<string | null>;
