// Appending to an audit chain: redact, number, link to the previous hash, hash. Two chain
// kinds with distinct target types — the enterprise chain (uploaded to the team server) and
// the device-only personal chain; a personal-tag event is refused by type and at run time.
import { hashEventBody } from './canonical';
import {
  AUDIT_EVENT_VERSION, GENESIS_HASH, PERSONAL_TARGET_KINDS,
  type AuditChainKind, type AuditEvent, type AuditRedaction, type AuditTargetFor, type AuditValue,
} from './event';
import { redactValue, type Redactor } from './redact';
import type { AuditSource } from './sources';

export interface AuditEventInput<K extends AuditChainKind> {
  actor: string;
  onBehalfOf?: string;
  source: AuditSource;
  action: string;
  target: AuditTargetFor<K>;
  before: AuditValue;
  after: AuditValue;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export class AuditChainError extends Error {
  override name = 'AuditChainError';
}

export interface SealOptions {
  device: string;
  /** Epoch milliseconds of the event. */
  at: number;
  redactor?: Redactor;
}

/**
 * The pure step the store calls inside its transaction: the next event after `head`
 * (null = empty chain). Throws AuditChainError for an event that does not belong in `chain`.
 */
export function sealAuditEvent<K extends AuditChainKind>(chain: K, head: AuditHead | null, input: AuditEventInput<K>, opts: SealOptions): AuditEvent<K> {
  const personalTarget = PERSONAL_TARGET_KINDS.has(input.target.kind);
  if (chain === 'enterprise' && (personalTarget || input.action.startsWith('personalTag'))) {
    throw new AuditChainError('personal-tag events never go into the enterprise chain (it is uploaded to the team server)');
  }
  if (chain === 'personal' && !personalTarget) {
    throw new AuditChainError(`the personal chain holds personal-tag events only, not "${input.target.kind}"`);
  }
  const redactions: AuditRedaction[] = [];
  const before = opts.redactor ? redactValue(input.before, opts.redactor, 'before', redactions) : input.before;
  const after = opts.redactor ? redactValue(input.after, opts.redactor, 'after', redactions) : input.after;
  const body: Omit<AuditEvent<K>, 'hash'> = {
    v: AUDIT_EVENT_VERSION,
    chain,
    seq: head ? head.seq + 1 : 1,
    prevHash: head ? head.hash : GENESIS_HASH,
    at: new Date(opts.at).toISOString(),
    actor: input.actor,
    ...(input.onBehalfOf !== undefined && input.onBehalfOf !== input.actor ? { onBehalfOf: input.onBehalfOf } : {}),
    device: opts.device,
    source: input.source,
    action: input.action,
    target: input.target,
    before,
    after,
    ...(redactions.length ? { redactions } : {}),
  };
  // Round-trip through JSON so what is hashed is exactly what an export will hold.
  const plain = JSON.parse(JSON.stringify(body)) as Omit<AuditEvent<K>, 'hash'>;
  return { ...plain, hash: hashEventBody(plain) };
}

export interface AuditChainOptions {
  device: string;
  /** Clock in epoch milliseconds (injected for tests and simulation). */
  now: () => number;
  redactor?: Redactor;
  /** Continue an existing chain from its last event. */
  head?: AuditHead | null;
}

/** An in-memory writer over sealAuditEvent that keeps the head. */
export class AuditChain<K extends AuditChainKind> {
  private current: AuditHead | null;

  constructor(readonly kind: K, private readonly opts: AuditChainOptions) {
    this.current = opts.head ?? null;
  }

  get head(): AuditHead | null { return this.current; }

  append(input: AuditEventInput<K>): AuditEvent<K> {
    const event = sealAuditEvent(this.kind, this.current, input, { device: this.opts.device, at: this.opts.now(), redactor: this.opts.redactor });
    this.current = { seq: event.seq, hash: event.hash };
    return event;
  }
}

export const createEnterpriseChain = (opts: AuditChainOptions): AuditChain<'enterprise'> => new AuditChain('enterprise', opts);
export const createPersonalChain = (opts: AuditChainOptions): AuditChain<'personal'> => new AuditChain('personal', opts);
