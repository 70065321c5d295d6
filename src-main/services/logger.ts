// Structured logs (pino) with redaction: tag texts, remarks, tokens and secrets never reach a
// log file in clear. Logs are in English; the user sees Chinese messages from the catalog.
import pino from 'pino';

export type Logger = pino.Logger;

export const REDACT_PATHS = [
  'token', '*.token', 'secret', '*.secret', 'password', '*.password', 'authorization', '*.authorization',
  'headers.authorization', 'headers["x-tagdesk-token"]', 'corpsecret', '*.corpsecret', 'access_token', '*.access_token',
  'text', '*.text', 'tagName', '*.tagName', 'remark', '*.remark', 'description', '*.description', 'args.text', 'args.*.text',
];

export function createLogger(opts: { level?: string; destination?: string } = {}): Logger {
  const level = opts.level ?? process.env.TAGDESK_LOG_LEVEL ?? 'info';
  const options: pino.LoggerOptions = { level, base: { app: 'tagdesk' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  // Synchronous writes: the desktop logs little, and an early exit must not lose or crash on a line.
  if (opts.destination) return pino(options, pino.destination({ dest: opts.destination, mkdir: true, sync: true }));
  return pino(options, pino.destination(2));
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
