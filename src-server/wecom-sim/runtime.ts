// Everything the simulator holds besides the corp's data: clock, tokens, login codes, JS-SDK
// tickets, transfer records, intercept rules, mass-message counts, fault switches, callbacks.
import type { DemoCompany } from '../demo/company';
import { SimState } from './state';
import { DEFAULT_SIM_LIMITS, type SimLimits, type WecomSimulatorOptions } from './options';
import { FrequencyLimiter } from './limits';
import type { CallbackSender } from './callbacks';
import type { FaultSwitches } from './faults';

export interface TokenRecord { expiresAtMs: number; invalid?: 40014 | 42001 }
export interface TransferRecord {
  kind: 'onjob' | 'resigned';
  handover: string;
  takeover: string;
  external: string;
  startedSec: number;
  takeoverSec: number;
  status: 1 | 2 | 3 | 4;
}
export interface InterceptRule {
  rule_id: string;
  rule_name: string;
  word_list: string[];
  semantics_list: number[];
  intercept_type: number;
  user_list: string[];
  department_list: number[];
  create_time: number;
}

/** A 「联系我」 configuration (externalcontact/add_contact_way). */
export interface ContactWay {
  config_id: string;
  type: 1 | 2;
  scene: 1 | 2;
  remark: string;
  skip_verify: boolean;
  state: string;
  user: string[];
  party: number[];
  qr_code: string;
  /** Round-robin position for multi-member codes. */
  next: number;
}

export class SimRuntime {
  readonly state: SimState;
  readonly limits: SimLimits;
  readonly limiter: FrequencyLimiter;
  clockOffsetMs = 0;
  readonly tokens = new Map<string, TokenRecord>();
  currentToken: string | undefined;
  readonly wrongSecrets = new Map<string, number[]>();
  readonly bannedIps = new Map<string, number>();
  readonly loginCodes = new Map<string, { userid: string; expiresAtMs: number }>();
  readonly tickets = new Map<'corp' | 'agent', { ticket: string; expiresAtMs: number }>();
  readonly transfers: TransferRecord[] = [];
  readonly interceptRules = new Map<string, InterceptRule>();
  /** 「联系我」 configurations (channel QR codes) by config_id. */
  readonly contactWays = new Map<string, ContactWay>();
  /** Mass messages received per customer and natural month ("2026-01|wm…"). */
  readonly monthlyMessages = new Map<string, number>();
  callbacks: CallbackSender | undefined;
  faults: FaultSwitches | undefined;

  constructor(company: DemoCompany, readonly options: WecomSimulatorOptions) {
    this.state = new SimState(company);
    this.limits = { ...DEFAULT_SIM_LIMITS, ...options.limits };
    this.limiter = new FrequencyLimiter(this.limits);
  }

  get company(): DemoCompany {
    return this.state.company;
  }

  nowMs(): number {
    return (this.options.clock ?? Date.now)() + this.clockOffsetMs;
  }

  issueToken(): { token: string; expiresIn: number } {
    const life = this.options.tokenLifetimeSeconds ?? 7200;
    const now = this.nowMs();
    const reuse = this.options.reuseTokenWithinValidity ?? true;
    const cur = this.currentToken ? this.tokens.get(this.currentToken) : undefined;
    if (reuse && this.currentToken && cur && !cur.invalid && cur.expiresAtMs > now) {
      return { token: this.currentToken, expiresIn: Math.ceil((cur.expiresAtMs - now) / 1000) };
    }
    const token = this.state.newId('', 64) + this.state.newId('', 64);
    this.tokens.set(token, { expiresAtMs: now + life * 1000 });
    this.currentToken = token;
    return { token, expiresIn: life };
  }

  /** 0 when the token is good, otherwise the errcode to answer. */
  checkToken(token: string | null): number {
    if (!token) return 41001;
    const rec = this.tokens.get(token);
    if (!rec) return 40014;
    if (rec.invalid) return rec.invalid;
    if (rec.expiresAtMs <= this.nowMs()) return this.options.expiredTokenErrcode ?? 42001;
    return 0;
  }

  /** WeCom may invalidate tokens early; the next use answers `errcode`. */
  invalidateTokens(errcode: 40014 | 42001 = 40014): number {
    let n = 0;
    for (const rec of this.tokens.values()) if (!rec.invalid) { rec.invalid = errcode; n++; }
    this.currentToken = undefined;
    return n;
  }

  /** Transfers complete 24 h after they start (WeCom: "待24小时后自动接替"). */
  settleTransfers(): void {
    const nowSec = Math.floor(this.nowMs() / 1000);
    for (const t of this.transfers) {
      if (t.status !== 2 || t.takeoverSec > nowSec) continue;
      t.status = 1;
      const rel = this.state.removeRelation(t.handover, t.external);
      if (rel && !this.state.relation(t.takeover, t.external)) {
        this.state.addRelation({ ...rel, userid: t.takeover, add_way: 202, oper_userid: t.handover, createtime: t.takeoverSec });
      }
    }
  }
}
