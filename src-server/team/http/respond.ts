// Writing responses: team API JSON with errors as data, and WeCom-shaped relay answers.
import type { ServerResponse } from 'node:http';
import { TEAM_ERROR_CODES, type TeamError, type TeamErrorCode } from '../../../src-shared/team-api/errors';

const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...BASE_HEADERS, ...headers });
  res.end(text);
}

export function sendOk(res: ServerResponse, value: unknown, status = 200): void {
  sendJson(res, status, { ok: true, value });
}

/** An error a route throws on purpose; the router turns it into the team error envelope. */
export class TeamHttpError extends Error {
  constructor(
    readonly code: TeamErrorCode,
    message: string,
    readonly userMessage: string,
    readonly issues?: TeamError['issues'],
  ) {
    super(message);
    this.name = 'TeamHttpError';
  }
}

export function sendError(res: ServerResponse, e: TeamHttpError): void {
  const error: TeamError = { code: e.code, message: e.message, userMessage: e.userMessage, ...(e.issues ? { issues: e.issues } : {}) };
  sendJson(res, TEAM_ERROR_CODES[e.code], { ok: false, error });
}

export function sendHtml(res: ServerResponse, status: number, html: string, csp: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, ...BASE_HEADERS });
  res.end(html);
}
