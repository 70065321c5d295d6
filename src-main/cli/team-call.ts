// How CLI commands talk to a team server: the team API's JSON envelope over fetch, with a
// device token given directly (--token / TAGDESK_TOKEN) or, against a demo server only, made
// for a member with --as USERID.
import { UsageError } from './command';

export async function teamCall<T>(server: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${server.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new UsageError(`team server ${server} unreachable: ${(e as Error).message}`);
  }
  const json = (await res.json().catch(() => null)) as { ok: boolean; value: T; error?: { code: string; message: string; userMessage: string } } | null;
  if (!json) throw new UsageError(`team server ${server} answered HTTP ${res.status} without JSON`);
  if (!json.ok) throw new UsageError(`${json.error?.userMessage ?? ''} (${json.error?.code ?? res.status}: ${json.error?.message ?? ''})`);
  return json.value;
}

export async function cliTeamToken(server: string, as: string | undefined, token: string | undefined): Promise<string> {
  if (as && token) throw new UsageError('give --as or --token, not both');
  if (as) return (await teamCall<{ deviceToken: string }>(server, null, 'POST', '/team/v1/demo/sign-in-as', { userid: as, deviceLabel: 'tagdesk CLI' })).deviceToken;
  const t = token ?? process.env.TAGDESK_TOKEN;
  if (!t) throw new UsageError('give --as USERID (demo servers) or --token TOKEN (or set TAGDESK_TOKEN)');
  return t;
}
