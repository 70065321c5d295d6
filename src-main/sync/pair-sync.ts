// One round for one (member, customer) pair: read the customer back, settle what the server
// already shows, re-resolve dead tag ids, park single-choice clashes, send the merged delta
// (mark_tag add/remove only), read back again and acknowledge. Remarks follow the same path.
// The engine guarantees one round per pair at a time; this module never orders by wall clock.
import type { Db } from '../store/database';
import { beginSend, finishSend, sendLogEntry, type OutboxOp } from '../store/outbox';
import { baseTagIds, setBaseTags } from '../store/customers';
import { inTransaction } from '../store/sql';
import { WecomApiError, WecomError, tagIdFromErrmsg, type FollowUser } from '../../src-shared/wecom';
import { RELAY_ERRCODES } from '../../src-shared/team-api/errors';
import { fullJitterDelay, toSeconds, type SyncDeps } from './deps';
import { intentOf, mergePair, opTargets } from './merge';
import { liveOpsForPair } from './queue';
import { adoptServerTags, corpTagIds, readCustomer } from './loader';
import { canCreateTag, isDeadTag, parkSingleChoiceClashes, resolveDeadTags } from './dead-tags';
import { deferOps, markUnknown, parkMany, requeue, restoreBatchIds, settleApplied, tagChoices } from './op-settle';
import { syncRemarks } from './remark-sync';

/** Deliberately broken behaviours, for proving that the simulation catches them. Never set in the app. */
export type EngineVariant = 'correct' | 'resend-without-readback' | 'full-set' | 'wall-clock-order';

export interface PairContext {
  db: Db;
  deps: SyncDeps;
  variant: EngineVariant;
  /** Refreshes the catalog (single-flight across pairs). */
  refreshCatalog(): Promise<void>;
  /** How long to wait before checking again when an acknowledged write is not visible yet. */
  lateRecheckMs: number;
}

export type PairOutcome = 'settled' | 'retry-later' | 'config-error';

const NOT_FOLLOWING = new Set([84061, 40096, 40003, 60111]);
// 7100012: the team server's guard suspended the member's tagging; parked (with retry) until a supervisor lifts it.
const PERMISSION = new Set([60011, 50002, RELAY_ERRCODES.memberSuspended]);

function backoffSec(ctx: PairContext, ops: readonly OutboxOp[]): number {
  const attempts = Math.max(0, ...ops.map((o) => o.attempts));
  return toSeconds(ctx.deps.now() + fullJitterDelay(attempts, ctx.deps.random)) + 1;
}

function orderOps(ctx: PairContext, ops: OutboxOp[]): OutboxOp[] {
  // The broken variant sorts by the device clock, which can jump backwards.
  if (ctx.variant === 'wall-clock-order') return [...ops].sort((a, b) => a.createdAt - b.createdAt);
  return ops;
}

/** The member's follow entry of a customer, or undefined when the member no longer follows them. */
async function readPair(ctx: PairContext, member: string, external: string): Promise<FollowUser | undefined> {
  const { follows } = await readCustomer(ctx.deps.client, external);
  return follows.find((f) => f.userid === member);
}

/**
 * Ops that a read-back shows as done: every tag they name holds the merged target (or was never
 * a change). In sequence order: an op stays open while an earlier open op names one of its
 * tags, so settling never lets an earlier op's value override a later one's.
 */
function visibleOps(ops: readonly OutboxOp[], touched: ReadonlyMap<string, boolean>, server: ReadonlySet<string>): OutboxOp[] {
  const blocked = new Set<string>();
  const out: OutboxOp[] = [];
  for (const op of ops) {
    const tags = [...opTargets(op).keys()];
    if (tags.every((t) => !blocked.has(t) && (!touched.has(t) || touched.get(t) === server.has(t)))) out.push(op);
    else for (const t of tags) blocked.add(t);
  }
  return out;
}

/** How a failed call leaves its ops; returns the outcome for the engine. */
function handleSendError(ctx: PairContext, e: unknown, batchId: string, sent: OutboxOp[], nowSec: number): PairOutcome | 'retry-40068' {
  const { db } = ctx;
  if (e instanceof WecomApiError) {
    // WeCom answered: the call did not take effect (mark_tag is all-or-nothing).
    finishSend(db, batchId, 'failed', e.errcode, nowSec);
    const err = `${e.errcode} ${e.errmsg}`;
    if (e.errcode === 40068) {
      requeue(db, sent, nowSec, nowSec, e.errcode, err);
      return 'retry-40068';
    }
    if (NOT_FOLLOWING.has(e.errcode) || PERMISSION.has(e.errcode)) {
      parkMany(db, liveOf(ctx, sent), () => ({
        kind: NOT_FOLLOWING.has(e.errcode) ? 'not_following' : 'permission',
        detail: { errcode: e.errcode, api: e.api }, errcode: e.errcode, choices: [{ kind: 'retry' }, { kind: 'drop' }],
      }), nowSec);
      return 'settled';
    }
    switch (e.retryClass) {
      case 'fatal-config':
        requeue(db, sent, nowSec, nowSec + 60, e.errcode, err);
        return 'config-error';
      case 'pause-api':
        requeue(db, sent, nowSec, toSeconds(ctx.deps.now() + Math.max(60_000, e.retryAfterMs ?? 60_000)) + 1, e.errcode, err);
        return 'retry-later';
      case 'back-off':
      case 'refresh-token':
        requeue(db, sent, nowSec, backoffSec(ctx, sent), e.errcode, err);
        return 'retry-later';
      case 'park-for-person': {
        // Unknown errcodes: three tries, then a person decides (never block the queue for good).
        const tooMany = sent.filter((o) => o.attempts + 1 >= 3);
        requeue(db, sent, nowSec, backoffSec(ctx, sent), e.errcode, err);
        parkMany(db, liveOf(ctx, tooMany), () => ({ kind: 'unknown_errcode', detail: { errcode: e.errcode, errmsg: e.errmsg }, errcode: e.errcode, choices: [{ kind: 'retry' }, { kind: 'drop' }] }), nowSec);
        return 'retry-later';
      }
    }
  }
  if (e instanceof WecomError && e.retryClass === 'fatal-config') {
    finishSend(db, batchId, 'failed', null, nowSec);
    requeue(db, sent, nowSec, nowSec + 60, null, e.message);
    return 'config-error';
  }
  // No answer (network, timeout, a body we cannot read): the write may have landed.
  markUnknown(db, batchId, sent, nowSec, backoffSec(ctx, sent), e instanceof Error ? e.message : String(e));
  return 'retry-later';
}

/** Re-reads ops from the store (states change under us inside this round). */
function liveOf(ctx: PairContext, ops: readonly OutboxOp[]): OutboxOp[] {
  const ids = new Set(ops.map((o) => o.opId));
  return ops.length === 0 ? [] : liveOpsForPair(ctx.db, ops[0]!.memberUserid, ops[0]!.externalUserid).filter((o) => ids.has(o.opId));
}

/** The broken variant: resend what the send log says, without reading the customer first. */
async function blindResend(ctx: PairContext, member: string, external: string, ops: OutboxOp[]): Promise<void> {
  const unknown = ops.filter((o) => o.state === 'unknown' && o.kind !== 'remark');
  if (unknown.length === 0) return;
  const want = intentOf(unknown);
  const add = [...want].filter(([, v]) => v).map(([t]) => t);
  const remove = [...want].filter(([, v]) => !v).map(([t]) => t);
  try {
    await ctx.deps.client.markTag({ userid: member, external_userid: external, add_tag: add, remove_tag: remove });
    settleApplied(ctx.db, member, external, liveOf(ctx, unknown), toSeconds(ctx.deps.now()));
  } catch {
    // Left unknown; the normal path settles it next round.
  }
}

/**
 * The leading ops (in sequence order) whose last send may have reached WeCom (outcome unknown,
 * or acknowledged but not yet seen) and whose effect the server now shows. Only a prefix
 * counts: a later op cannot have landed before an earlier one that did not.
 */
function landedPrefix(db: Db, ops: readonly OutboxOp[], server: ReadonlySet<string>): OutboxOp[] {
  const sent: OutboxOp[] = [];
  for (const op of ops) {
    if (op.batchId === null || !['unknown', 'done', 'sending'].includes(sendLogEntry(db, op.batchId)?.state ?? '')) break;
    sent.push(op);
  }
  // The longest prefix whose net effect the server shows (a later op of the prefix may have
  // overwritten an earlier one's tag: only the net value is visible).
  // A tag deleted since cannot be observed either way; the prefix must show at least one live tag.
  for (let k = sent.length; k > 0; k--) {
    const net = [...intentOf(sent.slice(0, k))].filter(([t]) => !isDeadTag(db, t));
    if (net.length > 0 && net.every(([t, v]) => server.has(t) === v)) return sent.slice(0, k);
  }
  return [];
}

export async function syncPair(ctx: PairContext, member: string, external: string): Promise<PairOutcome> {
  const { db, deps } = ctx;
  let retried40068 = false;
  if (ctx.variant === 'resend-without-readback') await blindResend(ctx, member, external, liveOpsForPair(db, member, external));
  for (;;) {
    const all = orderOps(ctx, liveOpsForPair(db, member, external));
    if (all.length === 0) return 'settled';
    const nowSec = toSeconds(deps.now());
    let follow: FollowUser | undefined;
    try {
      follow = await readPair(ctx, member, external);
    } catch (e) {
      if (e instanceof WecomError && e.retryClass === 'fatal-config') return 'config-error';
      const retryAfter = e instanceof WecomApiError && e.retryClass === 'pause-api' ? toSeconds(deps.now() + (e.retryAfterMs ?? 60_000)) + 1 : backoffSec(ctx, all);
      deferOps(db, all, retryAfter, e instanceof WecomApiError ? e.errcode : null, e instanceof Error ? e.message : String(e));
      return 'retry-later';
    }
    if (!follow) {
      parkMany(db, all, () => ({ kind: 'not_following', detail: { member, external }, choices: [{ kind: 'retry' }, { kind: 'drop' }] }), nowSec);
      return 'settled';
    }
    const server = new Set(corpTagIds(follow.tags));
    const remarkOps = all.filter((o) => o.kind === 'remark');
    let tagOps = all.filter((o) => o.kind !== 'remark');
    // Ops sent before (unknown outcome, or acknowledged but not yet seen) whose effect the
    // read-back shows are settled first and folded into the base, so a later op of the same
    // person is merged against the state their own earlier op created.
    const base = new Set(baseTagIds(db, member, external));
    const landed = landedPrefix(db, tagOps, server);
    if (landed.length > 0) {
      for (const [t, v] of intentOf(landed)) if (v) base.add(t); else base.delete(t);
      // One transaction: a crash between acknowledging and moving the base would leave the panel wrong for good.
      inTransaction(db, () => {
        settleApplied(db, member, external, landed, nowSec);
        setBaseTags(db, member, external, [...base].sort(), nowSec);
      });
      tagOps = tagOps.filter((o) => !landed.includes(o));
    }
    // Only then re-resolve dead ids and check single-choice groups, on what is still open.
    tagOps = resolveDeadTags(db, tagOps, nowSec);
    tagOps = parkSingleChoiceClashes(db, tagOps, server, nowSec);
    const uncertain = new Set(tagOps.filter((o) => o.batchId !== null && ['unknown', 'done', 'sending'].includes(sendLogEntry(db, o.batchId)?.state ?? ''))
      .flatMap((o) => [...opTargets(o).keys()]));
    const merge = mergePair(base, intentOf(tagOps), server, uncertain);
    let add = merge.add;
    let remove = merge.remove;
    if (ctx.variant === 'full-set') {
      // The broken variant: make WeCom equal to the local view, erasing colleagues' changes.
      const local = new Set(base);
      for (const [t, v] of intentOf(tagOps)) if (v) local.add(t); else local.delete(t);
      add = [...local].filter((t) => !server.has(t));
      remove = [...server].filter((t) => !local.has(t));
    }
    const done = visibleOps(tagOps, merge.touched, server);
    const toSend = tagOps.filter((o) => !done.includes(o));
    if (add.length === 0 && remove.length === 0) {
      inTransaction(db, () => {
        settleApplied(db, member, external, tagOps, nowSec);
        adoptServerTags(db, member, external, [...server], deps.now());
      });
      const r = await syncRemarks(ctx, member, external, remarkOps, follow);
      return r;
    }
    settleApplied(db, member, external, done, nowSec);
    const sending = toSend;
    // The last send each op took part in that may have landed: a refused call must not hide it.
    const prevBatch = new Map(sending.map((o) => [o.opId, o.batchId]));
    const batchId = inTransaction(db, () => {
      const unknown = sending.filter((o) => o.state === 'unknown');
      requeue(db, unknown, nowSec, nowSec, null, null);
      return beginSend(db, { memberUserid: member, externalUserid: external, api: 'mark_tag', request: { add_tag: add, remove_tag: remove }, opIds: sending.map((o) => o.opId) }, nowSec);
    });
    try {
      await deps.client.markTag({ userid: member, external_userid: external, ...(add.length ? { add_tag: add } : {}), ...(remove.length ? { remove_tag: remove } : {}) });
    } catch (e) {
      const sentNow = liveOf(ctx, sending);
      const outcome = handleSendError(ctx, e, batchId, sentNow, nowSec);
      if (e instanceof WecomApiError) restoreBatchIds(db, prevBatch);
      if (outcome !== 'retry-40068') return outcome;
      if (retried40068) {
        // Refreshed and retried once: park the additions WeCom still refuses.
        const named = e instanceof WecomApiError ? tagIdFromErrmsg(e.errmsg) : undefined;
        const adds = liveOf(ctx, sending).filter((o) => o.kind === 'add' || o.kind === 'single-choice-set');
        const namedOnes = adds.filter((o) => o.tagId === named);
        const refused = namedOnes.length > 0 ? namedOnes : adds;
        if (refused.length === 0) return 'retry-later';
        parkMany(db, refused, (op) => ({ kind: 'tag_missing', detail: { tagId: op.tagId, errcode: 40068 }, errcode: 40068, choices: tagChoices(op, [], canCreateTag(db, op.groupName)) }), nowSec);
        continue;
      }
      retried40068 = true;
      try {
        await ctx.refreshCatalog();
      } catch (err) {
        const live = liveOpsForPair(db, member, external);
        deferOps(db, live, backoffSec(ctx, live), null, `catalog refresh failed: ${err instanceof Error ? err.message : String(err)}`);
        return 'retry-later';
      }
      continue;
    }
    finishSend(db, batchId, 'done', 0, nowSec);
    // WeCom has answered ok while tags showed up late or not at all: believe the read-back.
    let after: Set<string>;
    try {
      const f2 = await readPair(ctx, member, external);
      after = new Set(f2 ? corpTagIds(f2.tags) : []);
    } catch (e) {
      inTransaction(db, () => {
        const still = liveOf(ctx, sending);
        requeue(db, still, nowSec, backoffSec(ctx, still), null, `read-back failed: ${e instanceof Error ? e.message : String(e)}`);
      });
      return 'retry-later';
    }
    const now2 = toSeconds(deps.now());
    const sentLive = liveOf(ctx, sending);
    const visible = visibleOps(sentLive, merge.touched, after);
    const late = sentLive.filter((o) => !visible.includes(o));
    // Acknowledge, requeue and move the base in one transaction (see above).
    inTransaction(db, () => {
      settleApplied(db, member, external, visible, now2);
      requeue(db, late, now2, toSeconds(deps.now() + ctx.lateRecheckMs) + 1, null, late.length ? 'not visible after ok; rechecking' : null);
      adoptServerTags(db, member, external, [...after], deps.now());
    });
    if (late.length > 0) return 'retry-later';
    return syncRemarks(ctx, member, external, remarkOps, follow);
  }
}
