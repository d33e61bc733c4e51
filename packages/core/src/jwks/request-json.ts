/**
 * The token layer's calls to Keycloak (the realm JWKS, token introspection) over the one
 * {@link KeycloakConnection}: the same dispatcher, size limit and error mapping as every other call. What
 * stays here is each caller's budget (one attempt, its own timeout) and the translation of the
 * connection's errors into the reasons a refused token carries.
 */
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { KeycloakError, KeycloakInvalidTokenError } from '../errors.js';
import { KeycloakConnection } from '../http/connection.js';
import { parseJsonOrUndefined } from '../shared/json.js';

/**
 * A connection for the token layer's calls to one URL. It never retries (a token check waits on it, and
 * the key set has its own cooldown), and never owns a pool: it sends through `dispatcher`, or undici's
 * global one, so nothing needs closing.
 */
export function tokenConnection(
  url: string,
  dispatcher: Dispatcher | undefined,
  maxBodyBytes: number,
): KeycloakConnection {
  return new KeycloakConnection({
    baseUrl: new URL(url).origin,
    dispatcher: dispatcher ?? getGlobalDispatcher(),
    maxRetries: 0,
    maxResponseBytes: maxBodyBytes,
  });
}

/** What {@link requestJson} needs to make one bounded call to Keycloak. */
export interface JsonRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A form body (the introspection request). */
  form?: URLSearchParams;
  timeoutDuration: number;
  /** Aborts the call; the timeout applies whether or not it is given. */
  signal?: AbortSignal | undefined;
  /** Short words for messages, e.g. "the JWKS", never a token. */
  what: string;
}

/** A 2xx answer with its parsed JSON body. */
export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * Makes one call through `connection` and parses a JSON answer (`__proto__` keys dropped). Any failure
 * becomes a KeycloakInvalidTokenError: `keycloak_unreachable` when no answer came (refused, reset, timeout,
 * abort), `keycloak_error` when Keycloak answered with a non-2xx status, too many bytes, or something that is
 * not JSON. Callers never see undici's or the connection's errors.
 */
export async function requestJson(connection: KeycloakConnection, req: JsonRequest): Promise<JsonResponse> {
  let status: number;
  let text: unknown;
  try {
    const response = await connection.request({
      method: req.method,
      path: req.url,
      ...(req.form === undefined ? {} : { body: { form: req.form } }),
      ...(req.signal === undefined ? {} : { signal: req.signal }),
      // The connection takes whole milliseconds, at least one; a duration of 0 still means "at once".
      timeout: Math.max(1, Math.ceil(req.timeoutDuration)),
      headers: { accept: 'application/json', ...req.headers },
      expect: 'text',
    });
    status = response.status;
    text = response.body;
  } catch (cause) {
    throw toTokenError(cause, connection, req.what);
  }
  // Error answers come back parsed when they are JSON, else as text; 2xx answers as text.
  const body = typeof text === 'string' ? parseJsonOrUndefined(text) : text;
  if (status < 200 || status > 299) {
    throw new KeycloakInvalidTokenError(`Keycloak answered ${status} for ${req.what}`, 'keycloak_error', {
      status,
      body: body === undefined && typeof text === 'string' ? text.slice(0, 200) : body,
    });
  }
  if (body === undefined) {
    throw new KeycloakInvalidTokenError(
      `Keycloak answered ${req.what} with a body that is not JSON`,
      'keycloak_error',
      {
        status,
      },
    );
  }
  return { status, body };
}

/** The connection's failure, as the token layer reports it. */
function toTokenError(cause: unknown, connection: KeycloakConnection, what: string): KeycloakInvalidTokenError {
  const code = cause instanceof KeycloakError ? cause.code : undefined;
  if (code === 'ERR_INVALID_RESPONSE') {
    const status = (cause as KeycloakError).status;
    return new KeycloakInvalidTokenError(
      `Keycloak answered ${what} with more than ${connection.maxResponseBytes} bytes`,
      'keycloak_error',
      {
        ...(status === undefined ? {} : { status }),
        cause,
      },
    );
  }
  const why = code === 'ERR_TIMEOUT' ? 'timed out' : code === 'ERR_ABORTED' ? 'was aborted' : 'failed';
  return new KeycloakInvalidTokenError(`Fetching ${what} ${why}`, 'keycloak_unreachable', { cause });
}
