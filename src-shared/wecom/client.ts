// The WeCom client: typed per endpoint, responses validated, errcodes turned into typed errors
// with a retry class. Token cache with single-flight refresh and one retry on 40014/42001; stops
// for good on configuration errors; rate limiter in front of every call; `-1` retried ≤ 3 times.
import type { z } from 'zod';
import { CONFIG_ERRCODES, TOKEN_ERRCODES, WecomApiError, WecomConfigError, WecomError } from './errors';
import { ApiPausedError, RateLimiter, type RateLimitConfig } from './rate-limiter';
import { TokenCache } from './token-cache';
import { exchange, parseResult, type WecomFetch } from './transport';
import { ok } from './schemas/common';
import * as tags from './schemas/tags';
import * as contacts from './schemas/contacts';
import * as transfer from './schemas/transfer';
import * as misc from './schemas/misc';

export interface WecomClientOptions {
  /** https://qyapi.weixin.qq.com, the team server's relay, or the simulator's URL. */
  baseUrl: string;
  corpid: string;
  corpsecret: string;
  fetch: WecomFetch;
  /** Milliseconds since the epoch. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for back-off jitter. */
  random: () => number;
  rateLimits?: Partial<RateLimitConfig>;
  /** Retries of errcode -1 (system busy); WeCom advises at most 3. */
  busyRetries?: number;
  /** Base of the full-jitter back-off for -1, in ms. */
  backoffBaseMs?: number;
  requestSignal?: () => AbortSignal;
  /** Seconds before expires_in at which a cached token is renewed (default 300). */
  tokenMarginSeconds?: number;
}

type Query = Record<string, string | number | undefined>;
type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;

export class WecomClient {
  private readonly limiter: RateLimiter;
  private readonly tokens: TokenCache;
  private stoppedBy: WecomConfigError | undefined;
  private readonly pairLocks = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: WecomClientOptions) {
    this.limiter = new RateLimiter(opts.rateLimits ?? {}, opts.now, opts.sleep);
    this.tokens = new TokenCache(() => this.fetchToken(), opts.now, opts.tokenMarginSeconds ?? 300);
  }

  /** Set once a configuration error stopped the client; every later call rethrows it without network. */
  get configError(): WecomConfigError | undefined {
    return this.stoppedBy;
  }

  /** Remaining 45009 pause of an API path, in ms. */
  pausedFor(api: string): number {
    return this.limiter.pausedFor(api);
  }

  private fail(api: string, errcode: number, errmsg: string, body: unknown): never {
    if (CONFIG_ERRCODES.has(errcode)) {
      this.stoppedBy = new WecomConfigError(errcode, errmsg, api, { body });
      throw this.stoppedBy;
    }
    if (errcode === 45009) {
      this.limiter.pause(api);
      throw new WecomApiError(errcode, errmsg, api, { retryAfterMs: this.limiter.pausedFor(api), body });
    }
    throw new WecomApiError(errcode, errmsg, api, { body });
  }

  private async limited<T>(api: string, run: () => Promise<T>, maxWaitMs = Infinity): Promise<T> {
    if (this.stoppedBy) throw this.stoppedBy;
    try {
      await this.limiter.acquire(api, maxWaitMs);
    } catch (e) {
      if (e instanceof ApiPausedError) throw new WecomApiError(45009, e.message, api, { retryAfterMs: e.retryAfterMs });
      throw e;
    }
    try {
      return await run();
    } finally {
      this.limiter.release(api);
    }
  }

  private async fetchToken(): Promise<{ accessToken: string; expiresIn: number }> {
    const api = 'gettoken';
    return this.limited(api, async () => {
      const env = await exchange(this.opts, api, 'GET', { corpid: this.opts.corpid, corpsecret: this.opts.corpsecret }, undefined);
      if (env.errcode !== 0) this.fail(api, env.errcode, env.errmsg, env.body);
      const r = parseResult(api, misc.getTokenResponse, env.body);
      return { accessToken: r.access_token, expiresIn: r.expires_in };
    });
  }

  /** The current access token (cached). Exposed for the team server's relay and JS-SDK signing. */
  accessToken(): Promise<string> {
    if (this.stoppedBy) return Promise.reject(this.stoppedBy);
    return this.tokens.get();
  }

  /** One call with token handling, busy retries and response validation. */
  private async call<S extends z.ZodType>(api: string, method: 'GET' | 'POST', query: Query, body: unknown, schema: S): Promise<Out<S>> {
    const busyRetries = this.opts.busyRetries ?? 3;
    let tokenRetried = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const env = await this.limited(api, () => exchange(this.opts, api, method, { access_token: token, ...query }, body));
      if (env.errcode === 0) return parseResult(api, schema, env.body);
      if (TOKEN_ERRCODES.has(env.errcode) && !tokenRetried) {
        tokenRetried = true;
        this.tokens.invalidate(token);
        continue;
      }
      if (env.errcode === -1 && attempt < busyRetries) {
        const cap = (this.opts.backoffBaseMs ?? 500) * 2 ** attempt;
        await this.opts.sleep(Math.floor(this.opts.random() * cap));
        continue;
      }
      this.fail(api, env.errcode, env.errmsg, env.body);
    }
  }

  /**
   * One call with the company's token, the rate limiter and one token refresh, returning
   * WeCom's JSON as it came (errcode included) instead of throwing on a non-zero errcode: the
   * team server's relay passes WeCom's answer on to the desktop unchanged. A 45009 answer
   * still pauses the API here, and configuration errors still stop the client (and throw).
   * With `maxWaitMs`, a full quota window throws RateLimitWaitError instead of waiting longer.
   */
  async raw(api: string, method: 'GET' | 'POST', query: Query, body: unknown, opts: { maxWaitMs?: number } = {}): Promise<Record<string, unknown>> {
    let tokenRetried = false;
    for (;;) {
      const token = await this.accessToken();
      let env;
      try {
        env = await this.limited(api, () => exchange(this.opts, api, method, { access_token: token, ...query }, body), opts.maxWaitMs);
      } catch (e) {
        if (e instanceof WecomApiError && e.errcode === 45009) return { errcode: 45009, errmsg: e.errmsg };
        throw e;
      }
      if (TOKEN_ERRCODES.has(env.errcode) && !tokenRetried) {
        tokenRetried = true;
        this.tokens.invalidate(token);
        continue;
      }
      if (CONFIG_ERRCODES.has(env.errcode)) this.fail(api, env.errcode, env.errmsg, env.body);
      if (env.errcode === 45009) this.limiter.pause(api);
      return env.body;
    }
  }

  private checked<S extends z.ZodType>(api: string, schema: S, input: unknown): Out<S> {
    const r = schema.safeParse(input);
    if (!r.success) throw new WecomError(`WeCom ${api}: invalid request: ${r.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`, 'park-for-person', api);
    return r.data;
  }

  private async post<Req extends z.ZodType, Res extends z.ZodType>(api: string, reqSchema: Req, resSchema: Res, input: In<Req>): Promise<Out<Res>> {
    return this.call(api, 'POST', {}, this.checked(api, reqSchema, input), resSchema);
  }

  // --- tags -----------------------------------------------------------------------------------
  getCorpTagList(req: In<typeof tags.getCorpTagListRequest> = {}) {
    return this.post('externalcontact/get_corp_tag_list', tags.getCorpTagListRequest, tags.getCorpTagListResponse, req);
  }
  addCorpTag(req: In<typeof tags.addCorpTagRequest>) {
    return this.post('externalcontact/add_corp_tag', tags.addCorpTagRequest, tags.addCorpTagResponse, req);
  }
  editCorpTag(req: In<typeof tags.editCorpTagRequest>) {
    return this.post('externalcontact/edit_corp_tag', tags.editCorpTagRequest, ok, req);
  }
  delCorpTag(req: In<typeof tags.delCorpTagRequest>) {
    return this.post('externalcontact/del_corp_tag', tags.delCorpTagRequest, ok, req);
  }
  /** Sends one (member, customer) pair's delta. Calls for the same pair are serialised here (45035). */
  markTag(req: In<typeof tags.markTagRequest>): Promise<Out<typeof ok>> {
    const key = `${req.userid}\u0000${req.external_userid}`;
    const prev = this.pairLocks.get(key) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(() => this.post('externalcontact/mark_tag', tags.markTagRequest, ok, req));
    this.pairLocks.set(key, run);
    void run.finally(() => { if (this.pairLocks.get(key) === run) this.pairLocks.delete(key); }).catch(() => undefined);
    return run;
  }

  // --- customers ------------------------------------------------------------------------------
  getFollowUserList() {
    return this.call('externalcontact/get_follow_user_list', 'GET', {}, undefined, contacts.followUserListResponse);
  }
  /** A member's customers. WeCom answers 84061 for a member without customers; that becomes []. */
  async listExternalContacts(userid: string): Promise<string[]> {
    try {
      return (await this.call('externalcontact/list', 'GET', { userid }, undefined, contacts.listExternalContactResponse)).external_userid;
    } catch (e) {
      if (e instanceof WecomApiError && e.errcode === 84061) return [];
      throw e;
    }
  }
  getExternalContact(external_userid: string, cursor?: string) {
    return this.call('externalcontact/get', 'GET', { external_userid, cursor }, undefined, contacts.getExternalContactResponse);
  }
  batchGetByUser(req: In<typeof contacts.batchGetByUserRequest>) {
    return this.post('externalcontact/batch/get_by_user', contacts.batchGetByUserRequest, contacts.batchGetByUserResponse, req);
  }
  /** Every (customer, follow member) pair of the given members, page by page (≤100 members per call). */
  async *iterateByUser(userids: readonly string[], limit = 100): AsyncGenerator<Out<typeof contacts.batchGetByUserResponse>['external_contact_list']> {
    for (let i = 0; i < userids.length; i += 100) {
      const userid_list = userids.slice(i, i + 100);
      let cursor: string | undefined;
      do {
        const page = await this.batchGetByUser({ userid_list, limit, ...(cursor ? { cursor } : {}) });
        yield page.external_contact_list;
        cursor = page.next_cursor || undefined;
      } while (cursor);
    }
  }
  remark(req: In<typeof contacts.remarkRequest>) {
    return this.post('externalcontact/remark', contacts.remarkRequest, ok, req);
  }

  // --- transfers ------------------------------------------------------------------------------
  transferCustomer(req: In<typeof transfer.transferCustomerRequest>) {
    return this.post('externalcontact/transfer_customer', transfer.transferCustomerRequest, transfer.transferCustomerResponse, req);
  }
  transferResult(req: In<typeof transfer.transferResultRequest>) {
    return this.post('externalcontact/transfer_result', transfer.transferResultRequest, transfer.transferResultResponse, req);
  }
  getUnassignedList(req: In<typeof transfer.getUnassignedListRequest> = {}) {
    return this.post('externalcontact/get_unassigned_list', transfer.getUnassignedListRequest, transfer.getUnassignedListResponse, req);
  }
  resignedTransferCustomer(req: In<typeof transfer.resignedTransferCustomerRequest>) {
    return this.post('externalcontact/resigned/transfer_customer', transfer.resignedTransferCustomerRequest, transfer.transferCustomerResponse, req);
  }
  resignedTransferResult(req: In<typeof transfer.transferResultRequest>) {
    return this.post('externalcontact/resigned/transfer_result', transfer.transferResultRequest, transfer.transferResultResponse, req);
  }

  // --- chat intercept rules ---------------------------------------------------------------------
  addInterceptRule(req: In<typeof misc.addInterceptRuleRequest>) {
    return this.post('externalcontact/add_intercept_rule', misc.addInterceptRuleRequest, misc.addInterceptRuleResponse, req);
  }
  getInterceptRuleList() {
    return this.call('externalcontact/get_intercept_rule_list', 'GET', {}, undefined, misc.interceptRuleListResponse);
  }
  getInterceptRule(rule_id: string) {
    return this.post('externalcontact/get_intercept_rule', misc.interceptRuleIdRequest, misc.getInterceptRuleResponse, { rule_id });
  }
  updateInterceptRule(req: In<typeof misc.updateInterceptRuleRequest>) {
    return this.post('externalcontact/update_intercept_rule', misc.updateInterceptRuleRequest, ok, req);
  }
  delInterceptRule(rule_id: string) {
    return this.post('externalcontact/del_intercept_rule', misc.interceptRuleIdRequest, ok, { rule_id });
  }

  // --- mass messages, directory, login, JS-SDK ------------------------------------------------
  addMsgTemplate(req: In<typeof misc.addMsgTemplateRequest>) {
    return this.post('externalcontact/add_msg_template', misc.addMsgTemplateRequest, misc.addMsgTemplateResponse, req);
  }
  departmentList(id?: number) {
    return this.call('department/list', 'GET', { id }, undefined, misc.departmentListResponse);
  }
  userList(department_id: number) {
    return this.call('user/list', 'GET', { department_id }, undefined, misc.userListResponse);
  }
  /** Exchanges a web-login code (single use, 5 minutes) for the member's userid. */
  getUserInfo(code: string) {
    return this.call('auth/getuserinfo', 'GET', { code }, undefined, misc.getUserInfoResponse);
  }
  getJsapiTicket() {
    return this.call('get_jsapi_ticket', 'GET', {}, undefined, misc.jsapiTicketResponse);
  }
  /** The app's ticket for ww.register's getAgentConfigSignature (formerly agentConfig). */
  getAgentJsapiTicket() {
    return this.call('ticket/get', 'GET', { type: 'agent_config' }, undefined, misc.jsapiTicketResponse);
  }
}

export function createWecomClient(options: WecomClientOptions): WecomClient {
  return new WecomClient(options);
}
