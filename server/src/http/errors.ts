/** Typed API errors and the one JSON shape every error answer has. */
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../../../lib/protocol';

/** An error the client caused or may act on; `app.ts` turns it into its JSON answer. */
export class ApiError extends Error {
  readonly status: (typeof ERROR_STATUS)[ErrorCode];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

/** The JSON text of an error body. */
export function errorJson(code: ErrorCode, message: string, details?: unknown): string {
  const body: ErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
  return JSON.stringify(body);
}

/** A complete error Response, for places outside Hono's context (the node adapter's error hook). */
export function errorResponse(code: ErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return new Response(errorJson(code, message), {
    status: ERROR_STATUS[code],
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  });
}
