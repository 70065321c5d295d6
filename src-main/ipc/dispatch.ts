// The one code path every IPC call goes through, whatever the transport: look up the
// channel, validate the arguments against the contract, run the handler, return data.
// Transport-specific checks (Electron sender frame; browser token and Origin) happen before.
import { contract, describeIssues, fail, ok, type ChannelName, type Contract, type IpcResult, type ParsedArgsOf, type ResultOf } from '../../src-shared/ipc/index';
import type { Logger } from '../services/logger';

/** Who is calling, as established by the transport. */
export interface CallContext {
  transport: 'electron' | 'browser';
}

export type Handler<K extends ChannelName> = (args: ParsedArgsOf<Contract[K]>, ctx: CallContext) => Promise<ResultOf<Contract[K]>>;
export type HandlerTable = { [K in ChannelName]: Handler<K> };

/** An error a handler throws on purpose, carrying a code and a Chinese message for the user. */
export class HandledError extends Error {
  constructor(
    readonly code: 'forbidden' | 'not_found' | 'conflict' | 'unavailable',
    message: string,
    readonly userMessage: string,
  ) {
    super(message);
    this.name = 'HandledError';
  }
}

export interface Dispatcher {
  dispatch(channel: string, rawArgs: unknown, ctx: CallContext): Promise<IpcResult<unknown>>;
}

export function createDispatcher(handlers: HandlerTable, log: Logger): Dispatcher {
  return {
    async dispatch(channel, rawArgs, ctx) {
      if (!Object.hasOwn(contract, channel)) {
        log.warn({ channel, transport: ctx.transport }, 'ipc: unknown channel');
        return fail({ code: 'unknown_channel', message: `unknown channel ${channel}`, userMessage: '应用内部请求无效，请重启 Tagdesk 后再试。' });
      }
      const name = channel as ChannelName;
      const spec = contract[name];
      const parsed = spec.args.safeParse(rawArgs ?? {});
      if (!parsed.success) {
        const issues = describeIssues(parsed.error);
        log.warn({ channel, issues }, 'ipc: invalid arguments');
        return fail({
          code: 'invalid_args',
          message: `invalid arguments for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          userMessage: '提交的内容格式不正确，未做任何更改。',
          issues,
        });
      }
      try {
        const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<unknown>;
        const value = await handler(parsed.data, ctx);
        return ok(value);
      } catch (e) {
        if (e instanceof HandledError) {
          log.info({ channel, code: e.code }, e.message);
          return fail({ code: e.code, message: e.message, userMessage: e.userMessage });
        }
        log.error({ channel, err: e }, 'ipc: handler failed');
        return fail({ code: 'internal', message: `handler for ${channel} failed: ${(e as Error).message}`, userMessage: '操作失败，已记录错误。请稍后重试；已保存的数据不受影响。' });
      }
    },
  };
}
