// Starts the WeCom simulator: node:http on 127.0.0.1, WeCom's API under /cgi-bin/, the web
// login page under /wwlogin/, and (only when asked) fault injection under /__sim/.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDemoCompany, type DemoCompany } from '../demo/company';
import { endpoints } from './endpoints/index';
import type { SimEndpoint } from './endpoints/types';
import { SimRuntime } from './runtime';
import { CallbackSender } from './callbacks';
import { FaultSwitches, faultControls, handleControl, type FaultControls } from './faults';
import { loginPage } from './login-page';
import { errorAnswer, parseJsonBody, readBody, runEndpoint, type Answer } from './pipeline';
import type { WecomSimulatorOptions } from './options';
import { SimError } from './errors';

export interface WecomSimulator {
  /** Base URL for WecomClientOptions.baseUrl, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  corpid: string;
  corpsecret: string;
  agentid: number;
  /** The seed data (roles, tag-group origins, staff) the team server and tests may read. */
  company: DemoCompany;
  runtime: SimRuntime;
  /** In-process fault controls (the same as /__sim/…); present only with options.faults. */
  faults: FaultControls | undefined;
  close(): Promise<void>;
}

function send(res: ServerResponse, a: Answer): void {
  if (a.drop) {
    res.socket?.destroy();
    return;
  }
  const body = JSON.stringify(a.json ?? {});
  res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startWecomSimulator(options: WecomSimulatorOptions = {}): Promise<WecomSimulator> {
  const company = options.company ?? generateDemoCompany({ seed: options.seed ?? 1, customers: options.customers ?? 2000 });
  const rt = new SimRuntime(company, options);
  const c = company.credentials;
  rt.callbacks = new CallbackSender(options.callback, { corpid: c.corpid, agentid: c.agentid, callbackToken: c.callbackToken, encodingAesKey: c.encodingAesKey }, rt.state.rng, () => Math.floor(rt.nowMs() / 1000));
  const switches = options.faults ? new FaultSwitches() : undefined;
  rt.faults = switches;
  const controls = switches ? faultControls(rt, switches) : undefined;

  const byPath = new Map<string, SimEndpoint>();
  for (const ep of endpoints) {
    if (byPath.has(ep.path)) throw new Error(`wecom-sim: endpoint ${ep.path} registered twice`);
    byPath.set(ep.path, ep);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      send(res, errorAnswer(rt, ip, new SimError(40058, 'invalid url')));
      return;
    }
    try {
      if (url.pathname.startsWith('/cgi-bin/')) {
        const ep = byPath.get(url.pathname.slice('/cgi-bin/'.length));
        if (!ep) {
          // Unknown paths: HTTP 404 per a probe note (reference §13.2), still with a JSON body.
          send(res, { status: 404, json: { errcode: 404, errmsg: `invalid api path ${url.pathname}` } });
          return;
        }
        send(res, await runEndpoint(rt, ep, req, url, ip));
        return;
      }
      if (url.pathname.startsWith('/__sim/') && controls) {
        const { text, tooLarge } = await readBody(req, rt.limits.maxBodyBytes);
        if (tooLarge) throw new SimError(40058, 'request body too large');
        const json = await handleControl(rt, controls, url.pathname.slice('/__sim/'.length), req.method === 'POST' ? parseJsonBody(text) : {});
        send(res, { status: 200, json: { errcode: 0, errmsg: 'ok', ...json } });
        return;
      }
      const pageAnswer = req.method === 'GET' ? loginPage(rt, url.pathname, url.searchParams) : undefined;
      if (pageAnswer) {
        res.writeHead(pageAnswer.status, pageAnswer.headers);
        res.end(pageAnswer.body);
        return;
      }
      send(res, { status: 404, json: { errcode: 404, errmsg: `not found: ${url.pathname}` } });
    } catch (e) {
      if (!res.headersSent) send(res, errorAnswer(rt, ip, e, options.log));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      options.log?.(`wecom-sim: ${(e as Error).message}`);
      if (!res.headersSent) send(res, { status: 200, json: { errcode: -1, errmsg: 'system busy' } });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    corpid: c.corpid,
    corpsecret: c.corpsecret,
    agentid: c.agentid,
    company,
    runtime: rt,
    faults: controls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
