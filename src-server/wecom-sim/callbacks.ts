// Delivers change_external_tag / change_external_contact events the way WeCom does: encrypted
// XML POSTed with msg_signature, up to 3 attempts with a 5 s timeout each, retried only on
// network failure, timeout or non-200, and sometimes not sent at all (WeCom can drop events).
import type { Rng } from '../demo/rng';
import { encryptMessage, msgSignature } from '../wecom-crypto/callback-crypto';
import type { CallbackConfig } from './options';

export type CallbackEvent =
  | { Event: 'change_external_tag'; ChangeType: 'create' | 'update' | 'delete' | 'shuffle'; Id: string; TagType?: 'tag' | 'tag_group' }
  | { Event: 'change_external_contact'; ChangeType: 'edit_external_contact' | 'add_external_contact' | 'del_external_contact' | 'del_follow_user'; UserID: string; ExternalUserID: string; State?: string; WelcomeCode?: string };

export interface DeliveryRecord { event: CallbackEvent; createTime: number; dropped: boolean; attempts: number; delivered: boolean }

const cdata = (v: string) => `<![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export function eventXml(corpid: string, createTime: number, e: CallbackEvent): string {
  const fields = Object.entries(e).map(([k, v]) => `<${k}>${cdata(String(v))}</${k}>`).join('');
  return `<xml><ToUserName>${cdata(corpid)}</ToUserName><FromUserName>${cdata('sys')}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType>${fields}</xml>`;
}

export class CallbackSender {
  readonly log: DeliveryRecord[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    public config: CallbackConfig | undefined,
    private readonly corp: { corpid: string; agentid: number; callbackToken: string; encodingAesKey: string },
    private readonly rng: Rng,
    private readonly nowSec: () => number,
  ) {}

  emit(event: CallbackEvent): void {
    const cfg = this.config;
    const rec: DeliveryRecord = { event, createTime: this.nowSec(), dropped: false, attempts: 0, delivered: false };
    this.log.push(rec);
    if (!cfg) return;
    if (this.rng.chance(cfg.dropRate ?? 0)) {
      rec.dropped = true;
      return;
    }
    const p = this.deliver(cfg, rec).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async deliver(cfg: CallbackConfig, rec: DeliveryRecord): Promise<void> {
    const token = cfg.token ?? this.corp.callbackToken;
    const key = cfg.encodingAesKey ?? this.corp.encodingAesKey;
    const attempts = cfg.attempts ?? 3;
    for (let i = 0; i < attempts; i++) {
      rec.attempts++;
      const encrypt = encryptMessage(key, this.corp.corpid, eventXml(this.corp.corpid, rec.createTime, rec.event));
      const timestamp = String(this.nowSec());
      const nonce = this.rng.chars(10, '0123456789');
      const url = new URL(cfg.url);
      url.searchParams.set('msg_signature', msgSignature(token, timestamp, nonce, encrypt));
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('nonce', nonce);
      const body = `<xml><ToUserName>${cdata(this.corp.corpid)}</ToUserName><AgentID>${cdata(String(this.corp.agentid))}</AgentID><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
      try {
        const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/xml' }, signal: AbortSignal.timeout(cfg.timeoutMs ?? 5000) });
        await res.text();
        if (res.status === 200) {
          rec.delivered = true;
          return;
        }
      } catch {
        /* network failure or timeout: retry */
      }
      if (i + 1 < attempts) await new Promise((r) => setTimeout(r, cfg.retryDelayMs ?? 5000));
    }
  }

  /**
   * WeCom's check when an admin saves the callback URL (DOC 90930): a GET with msg_signature,
   * timestamp, nonce and an encrypted echostr; the receiver must answer the plaintext within 1 s.
   */
  async verifyUrl(cfg: CallbackConfig | undefined = this.config): Promise<{ ok: boolean; status?: number; answer?: string }> {
    if (!cfg) return { ok: false };
    const plain = this.rng.chars(19, '0123456789');
    const echostr = encryptMessage(cfg.encodingAesKey ?? this.corp.encodingAesKey, this.corp.corpid, plain);
    const timestamp = String(this.nowSec());
    const nonce = this.rng.chars(10, '0123456789');
    const url = new URL(cfg.url);
    url.searchParams.set('msg_signature', msgSignature(cfg.token ?? this.corp.callbackToken, timestamp, nonce, echostr));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('echostr', echostr);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      const answer = await res.text();
      return { ok: res.status === 200 && answer === plain, status: res.status, answer };
    } catch {
      return { ok: false };
    }
  }

  /** Resolves when every delivery in flight has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
