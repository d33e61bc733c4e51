/** When and how long to wait before retrying a call. */
import type { HttpMethod } from '../types.js';

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
// The connection failed before any answer, so an idempotent call can safely be sent again.
const RETRIED_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** True for methods whose repetition has the effect of one call. POST and PATCH never are. */
export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT.has(method);
}

/** True when the answer's status asks to come back later. */
export function isRetriedStatus(status: number): boolean {
  return RETRIED_STATUSES.has(status);
}

/** True when `code` names a connection failure worth one more try. */
export function isRetriedErrorCode(code: string | undefined): boolean {
  return code !== undefined && RETRIED_ERROR_CODES.has(code);
}

/**
 * Parses `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) into ms from `nowMs`; `undefined`
 * when absent or unreadable. A date in the past means 0.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, date - nowMs);
}

/** The wait before retry number `attempt` (1-based): the server's ask when given, else exponential backoff; capped. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  baseDelayMs: number,
  maxDelayMs: number,
): number {
  const wanted = retryAfterMs ?? baseDelayMs * 2 ** (attempt - 1);
  return Math.min(wanted, maxDelayMs);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
