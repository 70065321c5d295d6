// The team server's routes: each concern contributes a module of routes (./routes), listed
// once in routes/index.ts. The router matches method and path, authenticates as the route
// asks, and turns thrown TeamHttpErrors into the error envelope — never an HTML error page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, TeamHttpError } from './respond';
import type { TeamContext } from '../context';
import type { AuthenticatedDevice } from '../auth/device-tokens';

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Present on routes with auth: 'device'. */
  device: AuthenticatedDevice | null;
}

/** Refuses anyone but an admin, with the Chinese reason for what they tried. */
export function requireAdmin(device: AuthenticatedDevice | null, userMessage: string): void {
  if (device?.role !== 'admin') throw new TeamHttpError('forbidden', 'admin only', userMessage);
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path with :param segments, e.g. /team/v1/approvals/:id/decision */
  path: string;
  /** 'device': a valid, unrevoked device token in `Authorization: Bearer …`. */
  auth: 'none' | 'device';
  handle(ctx: TeamContext, r: RouteRequest): Promise<void> | void;
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const src = route.path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${src}$`), names };
}

export function createRouter(routes: readonly Route[]) {
  const compiled = routes.map(compile);
  return async function dispatch(ctx: TeamContext, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://team.local');
    const matches = compiled.filter((c) => c.pattern.test(url.pathname));
    if (matches.length === 0) return false;
    const hit = matches.find((c) => c.route.method === req.method);
    try {
      if (!hit) {
        throw new TeamHttpError('method_not_allowed', `${req.method} not allowed on ${url.pathname}`, '请求方式不正确。');
      }
      const m = hit.pattern.exec(url.pathname)!;
      const params: Record<string, string> = {};
      hit.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      const device = hit.route.auth === 'device' ? ctx.devices.authenticate(req.headers.authorization) : null;
      await hit.route.handle(ctx, { req, res, url, params, device });
    } catch (e) {
      if (e instanceof TeamHttpError) sendError(res, e);
      else {
        ctx.log.error({ err: e, path: url.pathname }, 'team route failed');
        sendError(res, new TeamHttpError('internal', 'internal error', '服务器内部错误，已记录。请稍后重试。'));
      }
    }
    return true;
  };
}
