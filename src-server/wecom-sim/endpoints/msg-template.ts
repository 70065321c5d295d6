// Mass messages to customers (add_msg_template, DOC 92135). The call only creates a task the
// member confirms in the client; a customer receives at most 4 per natural month, and those
// over the limit — or not related to the sender — come back in fail_list.
import { SimError } from '../errors';
import { memberId, optObject, optString, optStringArray, type SimEndpoint } from './types';

/** The natural month in China time, which is how WeCom counts. */
function monthKey(nowSec: number): string {
  const d = new Date((nowSec + 8 * 3600) * 1000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const msgTemplateEndpoints: SimEndpoint[] = [
  {
    path: 'externalcontact/add_msg_template',
    method: 'POST',
    auth: 'token',
    handle(ctx) {
      const { rt } = ctx;
      const chatType = optString(ctx.body, 'chat_type') ?? 'single';
      if (chatType !== 'single' && chatType !== 'group') throw new SimError(40058, 'invalid parameter: chat_type');
      const externals = optStringArray(ctx.body, 'external_userid', 10000) ?? [];
      const senderRaw = optString(ctx.body, 'sender');
      const sender = senderRaw ? memberId(ctx, senderRaw, 'sender') : undefined;
      if (chatType === 'single' && externals.length === 0 && !sender) throw new SimError(40063, 'external_userid and sender are both empty');
      const text = optObject(ctx.body, 'text');
      const content = text ? optString(text, 'content') : undefined;
      if (content !== undefined && new TextEncoder().encode(content).length > 4000) throw new SimError(40058, 'invalid parameter: text.content exceeds 4000 bytes');
      const attachments = ctx.body.attachments;
      if (attachments !== undefined && (!Array.isArray(attachments) || attachments.length > 9)) throw new SimError(40058, 'invalid parameter: at most 9 attachments');
      if (!content && !(Array.isArray(attachments) && attachments.length > 0)) throw new SimError(40063, 'text and attachments are both empty');
      const recipients = externals.length > 0 ? externals : chatType === 'single' && sender ? rt.state.byMember.get(sender) ?? [] : [];
      const month = monthKey(ctx.nowSec);
      const fail_list: string[] = [];
      for (const external of recipients) {
        const related = sender ? rt.state.relation(sender, external) !== undefined : (rt.state.byCustomer.get(external)?.length ?? 0) > 0;
        const key = `${month}|${external}`;
        const received = rt.monthlyMessages.get(key) ?? 0;
        if (!rt.state.customers.has(external) || !related || received >= rt.limits.msgTemplatesPerCustomerPerMonth) {
          fail_list.push(external);
          continue;
        }
        rt.monthlyMessages.set(key, received + 1);
      }
      return { fail_list, msgid: `msg${rt.state.newId('', 28)}` };
    },
  },
];
