// The desktop's client of the team API (sign-in, who-am-I, sign-out). Errors come back typed:
// a refused or revoked device is told apart from an unreachable server, so the session can
// say "sign in again" or "offline" correctly.
import { loginResponseSchema, meSchema, type LoginResponse, type Me } from '../../src-shared/team-api/auth';
import { z } from 'zod';
import { approvalSchema, type Approval, type CreateApproval, type Decision } from '../../src-shared/team-api/approvals';

export class TeamUnreachableError extends Error {
  override name = 'TeamUnreachableError';
}

export class TeamApiError extends Error {
  override name = 'TeamApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly userMessage: string,
  ) {
    super(message);
  }
}

export interface TeamApiClient {
  loginPage(redirectUri: string, state: string): Promise<string>;
  login(code: string, deviceLabel: string): Promise<LoginResponse>;
  me(token: string): Promise<Me>;
  logout(token: string): Promise<void>;
  health(): Promise<{ corpid: string }>;
  /** The company's policy document (validated by the caller, which keeps the last good one). */
  policy(token: string): Promise<unknown>;
  /** The rule pack and overlay in force. */
  rules(token: string): Promise<{ pack: unknown; overlay: unknown }>;
  fileApproval(token: string, input: CreateApproval): Promise<Approval>;
  listApprovals(token: string, opts: { status?: string; mine?: boolean }): Promise<Approval[]>;
  decideApproval(token: string, id: string, decision: Decision): Promise<Approval>;
  audit(token: string, query: Record<string, string | number | undefined>): Promise<unknown[]>;
}

export interface TeamRequestOptions { token?: string; body?: unknown; timeoutMs?: number }

/**
 * The one HTTP path to the team API for every desktop client (session, administration,
 * automation): the bearer token, JSON both ways, and errors sorted into "unreachable" (retry,
 * offline) and TeamApiError (refused, with the server's Chinese reason).
 */
export function createTeamTransport(baseUrl: string, fetchImpl: typeof fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, '');
  async function send(method: string, path: string, opts: TeamRequestOptions = {}): Promise<Response> {
    try {
      return await fetchImpl(`${base}${path}`, {
        method,
        headers: { ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
    } catch (e) {
      throw new TeamUnreachableError(`team server ${base} unreachable: ${(e as Error).message}`);
    }
  }
  async function request<S extends z.ZodType>(method: string, path: string, schema: S, opts: TeamRequestOptions = {}): Promise<z.output<S>> {
    const res = await send(method, path, opts);
    let json: { ok?: boolean; value?: unknown; error?: { code: string; message: string; userMessage: string } };
    try {
      json = (await res.json()) as typeof json;
    } catch {
      throw new TeamUnreachableError(`team server ${base} answered ${res.status} without JSON`);
    }
    if (!json.ok) {
      const e = json.error ?? { code: 'internal', message: `HTTP ${res.status}`, userMessage: '团队服务器返回了错误。' };
      throw new TeamApiError(res.status, e.code, e.message, e.userMessage);
    }
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) throw new TeamUnreachableError(`team server ${base} answered ${path} in an unexpected shape`);
    return parsed.data;
  }
  return { base, send, request };
}

export function createTeamApiClient(baseUrl: string, fetchImpl: typeof fetch = fetch): TeamApiClient {
  const { request } = createTeamTransport(baseUrl, fetchImpl);
  return {
    async loginPage(redirectUri, state) {
      const r = await request('GET', `/team/v1/login-page?redirect_uri=${encodeURIComponent(redirectUri)}&state=${encodeURIComponent(state)}`, z.object({ url: z.string().url() }));
      return r.url;
    },
    login: (code, deviceLabel) => request('POST', '/team/v1/login', loginResponseSchema, { body: { code, deviceLabel } }),
    me: (token) => request('GET', '/team/v1/me', meSchema, { token }),
    async logout(token) {
      await request('POST', '/team/v1/logout', z.unknown(), { token });
    },
    health: () => request('GET', '/team/v1/health', z.object({ corpid: z.string() })),
    policy: (token) => request('GET', '/team/v1/policy', z.unknown(), { token }),
    rules: (token) => request('GET', '/team/v1/rules', z.object({ pack: z.unknown(), overlay: z.unknown() }), { token }),
    fileApproval: (token, input) => request('POST', '/team/v1/approvals', approvalSchema, { token, body: input }),
    async listApprovals(token, opts) {
      const q = new URLSearchParams();
      if (opts.status) q.set('status', opts.status);
      if (opts.mine) q.set('mine', '1');
      const r = await request('GET', `/team/v1/approvals?${q.toString()}`, z.object({ approvals: z.array(approvalSchema) }), { token });
      return r.approvals;
    },
    decideApproval: (token, id, decision) => request('POST', `/team/v1/approvals/${encodeURIComponent(id)}/decision`, approvalSchema, { token, body: decision }),
    async audit(token, query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
      const r = await request('GET', `/team/v1/audit?${q.toString()}`, z.object({ events: z.array(z.unknown()) }), { token });
      return r.events;
    },
  };
}
