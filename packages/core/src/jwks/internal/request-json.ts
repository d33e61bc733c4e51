import { request, type Dispatcher } from 'undici';
import { KeycloakInvalidTokenError } from '../../errors.js';
import { readLimited, utf8 } from '../../http/internal/read-limited.js';
import { parseJsonOrUndefined } from '../../shared/json.js';

/** What {@link requestJson} needs to make one bounded call to Keycloak. */
export interface JsonRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  dispatcher: Dispatcher | undefined;
  timeoutDuration: number;
  /** Aborts the call; the timeout applies whether or not it is given. */
  signal?: AbortSignal | undefined;
  /** Bodies past this many bytes are refused (a JWKS or an introspection answer is a few KiB). */
  maxBodyBytes: number;
  /** Short words for messages, e.g. "the JWKS", never a token. */
  what: string;
}

/** A 2xx answer with its parsed JSON body. */
export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * Makes one HTTP call and parses a JSON answer. Any failure becomes a KeycloakInvalidTokenError:
 * `keycloak_unreachable` when no answer came (refused, reset, timeout, abort), `keycloak_error` when
 * Keycloak answered with a non-2xx status or something that is not JSON. Callers never see undici errors.
 */
export async function requestJson(req: JsonRequest): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(req.timeoutDuration);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let status: number;
  let text: string;
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...req.headers },
      body: req.body,
      signal,
      dispatcher: req.dispatcher,
    });
    status = res.statusCode;
    const bytes = await readLimited(res, req.maxBodyBytes);
    if (bytes === undefined) {
      throw new KeycloakInvalidTokenError(`Keycloak answered ${req.what} with more than ${req.maxBodyBytes} bytes`, 'keycloak_error', { status });
    }
    text = utf8(bytes);
  } catch (cause) {
    if (cause instanceof KeycloakInvalidTokenError) throw cause;
    const why = timeout.aborted ? 'timed out' : req.signal?.aborted ? 'was aborted' : 'failed';
    throw new KeycloakInvalidTokenError(`Fetching ${req.what} ${why}`, 'keycloak_unreachable', {
      code: 'ERR_INVALID_TOKEN',
      cause,
    });
  }
  const body = parseJsonOrUndefined(text);
  if (status < 200 || status > 299) {
    throw new KeycloakInvalidTokenError(`Keycloak answered ${status} for ${req.what}`, 'keycloak_error', {
      status,
      body: body === undefined ? text.slice(0, 200) : body,
    });
  }
  if (body === undefined) {
    throw new KeycloakInvalidTokenError(`Keycloak answered ${req.what} with a body that is not JSON`, 'keycloak_error', {
      status,
    });
  }
  return { status, body };
}
