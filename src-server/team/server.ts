// The team server: one per company. Holds policy, approvals and audit, relays desktops'
// WeCom calls with the company's token, and pushes changes to every open panel.
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { openTeamDatabase } from './store/database';
import { createDeviceTokens } from './auth/device-tokens';
import { createDirectory } from './directory';
import { createEventLog } from './events/event-log';
import { createRouter } from './http/router';
import { sendError, TeamHttpError } from './http/respond';
import { teamRoutes } from './routes/index';
import { createCatalogCache } from './relay/catalog-cache';
import { createCoreGovernance } from './relay/core-governance';
import { createRelay } from './relay/relay';
import { createRelayTokens } from './relay/relay-tokens';
import { createFollowerIndex } from './relay/followers';
import { createFairShare, DEFAULT_FAIR_SHARE, type FairShareConfig } from './relay/fair-share';
import { createCentralAudit } from './audit/central-audit';
import { createCallbackReceiver, type CallbackSecrets } from './wecom-callback/receiver';
import { createReconciler, type Reconciler } from './wecom-callback/reconcile';
import { auditRedactor } from '../../src-shared/compliance/index';
import { createRulePacks } from './policy/rule-packs';
import { createApprovalQueue, type ApprovalQueue } from './approvals/approval-queue';
import { createPolicyStore, initialPolicy } from './policy/policy-store';
import { createToolbarSessions } from './toolbar/sessions';
import { createTicketSigner } from './toolbar/signature';
import type { TeamConfig, TeamContext } from './context';
import type { WeComUpstream } from './upstream';
import { createBatchService, type BatchService } from './batches/batch-service';
import { scheduleSnapshots } from './admin/snapshots';
import { muteServiceOf } from './mute/mute-service';
import { watchRulePackForIntercepts } from './mute/intercept-sync';
import { watchForSuspiciousEdits } from './guard/guard-service';
import { startAutomation } from './automation/automation-service';

export interface TeamServerOptions {
  dbFile: string;
  upstream: WeComUpstream;
  config: TeamConfig;
  port?: number;
  host?: string;
  log?: Logger;
  now?: () => Date;
  /** WeCom callback Token and EncodingAESKey of the app; without them /wecom/callback is not served. */
  callback?: CallbackSecrets;
  /** Each member's share of the relay (requests per second, burst). */
  fairShare?: FairShareConfig;
  /** How often to reconcile with WeCom (catalog + one member's relations); 0 = never. */
  reconcileIntervalMs?: number;
  /** The policy a fresh database starts with (the demo seeds its own). */
  initialPolicy?: unknown;
  sweepIntervalMs?: number;
  /** How often to snapshot the catalog and every relation's tags (default daily; 0 = never). */
  snapshotIntervalMs?: number;
}

export interface TeamServer {
  url: string;
  port: number;
  ctx: TeamContext;
  reconciler: Reconciler;
  close(): Promise<void>;
}

export const TEAM_LOG_REDACT = ['corpsecret', '*.corpsecret', 'deviceToken', '*.deviceToken', 'authorization', '*.authorization', 'access_token', '*.access_token', 'secret', '*.secret'];

export async function startTeamServer(opts: TeamServerOptions): Promise<TeamServer> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? pino({ level: process.env.TAGDESK_LOG_LEVEL ?? 'warn', redact: { paths: TEAM_LOG_REDACT, censor: '[redacted]' } });
  if (opts.dbFile !== ':memory:') mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  const db = openTeamDatabase(opts.dbFile);
  const directory = createDirectory(db);
  const rulePacks = createRulePacks(db, now);
  const policy = createPolicyStore(db, now, (doc) => rulePacks.checkReference(doc));
  const linter = () => rulePacks.linterFor(policy.current());
  if (!policy.hasAny()) policy.save(opts.initialPolicy ?? initialPolicy('system', now()), 'system');
  const catalog = createCatalogCache(opts.upstream, now);
  const events = createEventLog(db, now);
  const audit = createCentralAudit(db, directory, now, (text) => auditRedactor(linter())(text));
  // The queue asks governance whether a tag needs approval; governance asks the queue whether
  // one was granted. The late-bound lookup breaks that cycle.
  let approvals: ApprovalQueue | null = null;
  const governance = createCoreGovernance({
    directory,
    policy,
    catalog,
    isApproved: (userid, externalUserid, tagId) => approvals?.isApproved(userid, externalUserid, tagId) ?? false,
    linter,
  });
  approvals = createApprovalQueue({ db, log, now, directory, events, audit, upstream: opts.upstream }, governance, catalog);
  let batches: BatchService | null = null;
  const ctx: TeamContext = {
    db,
    log,
    now,
    config: opts.config,
    upstream: opts.upstream,
    devices: createDeviceTokens(db, now),
    directory,
    events,
    catalog,
    governance,
    policy,
    rulePacks,
    audit,
    approvals,
    toolbarSessions: createToolbarSessions(now),
    ticketSigner: createTicketSigner(opts.upstream, now),
    get batches(): BatchService {
      return (batches ??= createBatchService(ctx));
    },
  };
  policy.onChange((doc) => events.publish({ kind: 'policy.updated', version: doc.revision }, '*'));
  // WeCom's chat intercept rules follow the rule pack in force (docs/mute.md).
  watchRulePackForIntercepts(ctx);
  // Suspicious edits (mass changes, off-hours edits, blocked texts) raise alerts (docs/guardrails.md).
  watchForSuspiciousEdits(ctx);
  // Automation rules: tag-change triggers and the nightly pass (docs/automation.md).
  const stopAutomation = startAutomation(ctx);
  const followers = createFollowerIndex(opts.upstream, now);
  const relay = createRelay(ctx, { governance, catalog, followers }, createRelayTokens(db, now), createFairShare(now, opts.fairShare ?? DEFAULT_FAIR_SHARE));
  const callbacks = opts.callback ? createCallbackReceiver(ctx, opts.callback, catalog, followers) : null;
  const reconciler = createReconciler(ctx, catalog, followers);
  let reconciling = false;
  const reconcileTimer = opts.reconcileIntervalMs === 0 ? null : setInterval(() => {
    if (reconciling) return;
    reconciling = true;
    reconciler.tick().catch((e: unknown) => log.warn({ err: e }, 'reconcile tick failed')).finally(() => (reconciling = false));
  }, opts.reconcileIntervalMs ?? 60_000);
  reconcileTimer?.unref();
  const route = createRouter(teamRoutes);
  // Batches that were running when the server stopped carry on where they were.
  ctx.batches.resumeInterrupted();
  const stopSnapshots = scheduleSnapshots(ctx, opts.snapshotIntervalMs);
  // Approvals past their SLA expire even when nobody looks; failed WeCom applies are retried.
  const sweeper = setInterval(() => {
    ctx.approvals.expireOverdue();
    muteServiceOf(ctx).lifts.expireDue();
    void ctx.approvals.retryApplies();
  }, opts.sweepIntervalMs ?? 60_000);
  sweeper.unref();
  const server: Server = createServer((req, res) => {
    relay
      .handle(req, res)
      .then(async (relayed) => relayed || (callbacks ? await callbacks.handle(req, res) : false) || route(ctx, req, res))
      .then((handled) => {
        if (!handled) sendError(res, new TeamHttpError('not_found', `no route ${req.method} ${req.url}`, '请求的接口不存在。'));
      })
      .catch((e: unknown) => {
        log.error({ err: e }, 'team server: unhandled');
        sendError(res, new TeamHttpError('internal', 'internal error', '服务器内部错误，已记录。'));
      });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    ctx,
    reconciler,
    close: async () => {
      stopSnapshots();
      stopAutomation();
      await ctx.batches.stop();
      await new Promise<void>((resolve) => {
        clearInterval(sweeper);
        if (reconcileTimer) clearInterval(reconcileTimer);
        ctx.events.disconnect();
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
