/**
 * The one funnel that turns every low-level failure of a call (refused, reset, DNS, TLS, timeout,
 * abort, bad answer) into a {@link KeycloakError} with a stable code. `cause` keeps the original.
 */
import { KeycloakConnectionError, KeycloakError, KeycloakOperationError } from '../errors.js';

/** What the funnel knows about the failed call. */
export interface FailureContext {
  readonly method: string;
  /** Origin and path only: a query may carry secrets. */
  readonly url: string;
  /** The caller's signal: when it fired, the failure is the caller's abort. */
  readonly callerSignal?: AbortSignal | undefined;
  /** Our per-call timeout signal: when it fired (and the caller's did not), the call timed out. */
  readonly timeoutSignal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

const CONNECTION_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

// undici reports caller mistakes (a bad header, a bad method) with these codes; they are not transport failures.
const CALLER_MISTAKE_CODES: ReadonlySet<string> = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** Maps `error`, thrown while calling `context.url`, to our errors. A KeycloakError passes through unchanged. */
export function toKeycloakError(error: unknown, context: FailureContext): KeycloakError {
  if (error instanceof KeycloakError) return error;
  const target = `${context.method} ${context.url}`;
  if (context.callerSignal?.aborted) {
    return new KeycloakConnectionError(`${target} was aborted by the caller`, { code: 'ERR_ABORTED', cause: error });
  }
  const code = errorCode(error);
  if (context.timeoutSignal?.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
    const limit = context.timeoutMs === undefined ? '' : ` within ${context.timeoutMs} ms`;
    return new KeycloakConnectionError(`${target} got no answer${limit}${code ? ` (${code})` : ''}`, {
      code: 'ERR_TIMEOUT',
      cause: error,
    });
  }
  if (code !== undefined && CALLER_MISTAKE_CODES.has(code)) {
    return new KeycloakOperationError(`${target} could not be sent: invalid request (${code})`, { cause: error });
  }
  if (error instanceof SyntaxError) {
    return new KeycloakError(`${target} answered with invalid JSON`, { code: 'ERR_INVALID_RESPONSE', cause: error });
  }
  const what =
    code === undefined
      ? 'connection failed'
      : (CONNECTION_WORDS[code] ?? (isTlsCode(code) ? 'TLS failure' : 'connection failed'));
  return new KeycloakConnectionError(`${target} failed: ${what}${code ? ` (${code})` : ''}`, {
    code: 'ERR_CONNECTION',
    cause: error,
  });
}

/**
 * The most specific error code in `error` or its causes: undici wraps socket errors, and Node reports
 * a failed multi-address connect as an AggregateError whose members carry the code.
 */
export function errorCode(error: unknown): string | undefined {
  let found: string | undefined;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    // undici's generic UND_ERR_SOCKET hides the errno of its cause; keep looking for the errno.
    if (typeof code === 'string' && (found === undefined || found === 'UND_ERR_SOCKET')) found = code;
    const members = (current as { errors?: unknown }).errors;
    current = (current as { cause?: unknown }).cause ?? (Array.isArray(members) ? members[0] : undefined);
  }
  return found;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}
