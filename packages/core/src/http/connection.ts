/**
 * KeycloakConnection: python-keycloak's ConnectionManager, the one place all of core's HTTP goes
 * through. Unlike python-keycloak, its headers are an immutable snapshot (a call keeps the headers it
 * started with, and per-call headers never leak into other calls), a POST is retried only when it
 * provably never left (see ./internal/unwritten.ts), and every call has a timeout and accepts an AbortSignal.
 */
import { request as undiciRequest, type Dispatcher } from 'undici';
import { KeycloakOperationError } from '../errors.js';
import { httpRequests } from '../shared/diagnostics.js';
import { encodeBody, readBody } from './internal/body.js';
import { observeCall } from './internal/observe.js';
import { createDispatcher } from './internal/dispatcher.js';
import { assertHeaderName, assertHeaderValue } from './internal/header-checks.js';
import { trackUnwritten, wasNeverWritten } from './internal/unwritten.js';
import {
  isIdempotent,
  isRetriedErrorCode,
  isRetriedStatus,
  parseRetryAfter,
  retryDelayMs,
  sleep,
} from './internal/retry.js';
import {
  normalizeHeaders,
  positiveInteger,
  resolveConnectionOptions,
  type KeycloakConnectionOptions,
  type ResolvedConnectionOptions,
} from './options.js';
import { errorCode, toKeycloakError } from './to-keycloak-error.js';
import type { CallOptions, HttpMethod, KeycloakResponse, QueryParams, RequestBody, RequestOptions } from './types.js';
import { describeUrl, resolveUrl } from './url.js';

/** Body of the raw helpers: text or bytes are sent as is, URLSearchParams as a form, or a tagged {@link RequestBody}. */
export type RawData = string | Uint8Array | URLSearchParams | RequestBody;

/** Options of the raw helpers: the common call options plus query parameters (python-keycloak's `**kwargs`). */
export interface RawCallOptions extends CallOptions {
  query?: QueryParams;
}

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A connection to one Keycloak server: base URL, headers, pool, TLS, timeouts and retries.
 *
 * @example
 * const connection = new KeycloakConnection({ baseUrl: 'https://sso.example.com/', timeout: 10_000 });
 * const path = buildPath('admin/realms/{realm}/users/{id}', { realm: 'demo', id: userId });
 * const user = raiseErrorFromResponse(await connection.request({ method: 'GET', path }), { error: KeycloakGetError });
 * await connection.close();
 */
export class KeycloakConnection {
  readonly #options: ResolvedConnectionOptions;
  readonly #dispatcher: Dispatcher;
  /** What calls go through: our own pool tracks requests that failed before being written; a user's dispatcher is used as is. */
  readonly #sender: Dispatcher;
  readonly #ownsDispatcher: boolean;
  #headers: Readonly<Record<string, string>>;
  #closed = false;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: KeycloakConnectionOptions) {
    this.#options = resolveConnectionOptions(options);
    this.#headers = Object.freeze({ ...this.#options.headers });
    this.#ownsDispatcher = this.#options.dispatcher === undefined;
    this.#dispatcher = this.#options.dispatcher ?? createDispatcher(this.#options);
    this.#sender = this.#ownsDispatcher ? this.#dispatcher.compose(trackUnwritten) : this.#dispatcher;
  }

  /** The base URL, always ending with `/`. */
  get baseUrl(): string {
    return this.#options.baseUrl.href;
  }

  /** A copy of the headers sent with every call (lower-case names). */
  get headers(): Record<string, string> {
    return { ...this.#headers };
  }

  /** Default time limit of a call in ms. */
  get timeout(): number {
    return this.#options.timeout;
  }

  /** Whether server certificates are verified (always `true` with a user-supplied dispatcher, which decides itself). */
  get verify(): boolean {
    return this.#options.verify;
  }

  /** The proxy URL, when one is used (credentials removed). */
  get proxy(): string | undefined {
    if (this.#options.proxy === undefined) return undefined;
    const url = new URL(this.#options.proxy.href);
    url.username = '';
    url.password = '';
    return url.href;
  }

  /** Retries of an idempotent call. */
  get maxRetries(): number {
    return this.#options.maxRetries;
  }

  /** Largest answer body read, in bytes; a larger one fails the call with `ERR_INVALID_RESPONSE`. */
  get maxResponseBytes(): number {
    return this.#options.maxResponseBytes;
  }

  /** The undici dispatcher every call goes through; share it (e.g. for JWKS fetches) to share the pool. */
  get dispatcher(): Dispatcher {
    return this.#dispatcher;
  }

  /** python-keycloak's `param_headers`: one header's value, or `undefined`. */
  paramHeaders(key: string): string | undefined {
    return typeof key === 'string' ? this.#headers[key.toLowerCase()] : undefined;
  }

  /** python-keycloak's `exist_param_headers`. */
  existParamHeaders(key: string): boolean {
    return this.paramHeaders(key) !== undefined;
  }

  /** python-keycloak's `add_param_headers`: later calls send it; calls in flight keep their headers. */
  addParamHeaders(key: string, value: string): void {
    assertHeaderName('addParamHeaders', key);
    assertHeaderValue(`addParamHeaders(${key})`, value);
    this.#headers = Object.freeze({ ...this.#headers, [key.toLowerCase()]: value });
  }

  /** python-keycloak's `del_param_headers`. */
  delParamHeaders(key: string): void {
    if (!this.existParamHeaders(key)) return;
    const next = { ...this.#headers };
    delete next[key.toLowerCase()];
    this.#headers = Object.freeze(next);
  }

  /** python-keycloak's `clean_headers`: removes every header (the User-Agent too). */
  cleanHeaders(): void {
    this.#headers = Object.freeze({});
  }

  /** python-keycloak's `raw_get`: GET `path` with `query`. Answers of any status are returned, not thrown. */
  rawGet(path: string, query?: QueryParams, options: CallOptions = {}): Promise<KeycloakResponse> {
    return this.request({ ...options, method: 'GET', path, query });
  }

  /** python-keycloak's `raw_post`. Retried only after a connection failure that happened before it was written. */
  rawPost(path: string, data: RawData, options: RawCallOptions = {}): Promise<KeycloakResponse> {
    return this.request({ ...options, method: 'POST', path, body: toRequestBody(data) });
  }

  /** python-keycloak's `raw_put`. */
  rawPut(path: string, data: RawData, options: RawCallOptions = {}): Promise<KeycloakResponse> {
    return this.request({ ...options, method: 'PUT', path, body: toRequestBody(data) });
  }

  /** python-keycloak's `raw_delete`, with an optional body. */
  rawDelete(path: string, data?: RawData, options: RawCallOptions = {}): Promise<KeycloakResponse> {
    const body = data === undefined ? undefined : toRequestBody(data);
    return this.request({ ...options, method: 'DELETE', path, body });
  }

  /**
   * Sends one call and returns the answer whatever its status (use {@link raiseErrorFromResponse} to
   * judge it). `T` is the caller's claim about the body's shape; nothing checks it.
   *
   * @throws KeycloakError `ERR_CONNECTION`, `ERR_TIMEOUT`, `ERR_ABORTED`, `ERR_INVALID_RESPONSE`, or
   *   `ERR_OPERATION` for a bad path, body or a closed connection; TypeError for malformed call options.
   */
  request<T = unknown>(call: RequestOptions): Promise<KeycloakResponse<T>> {
    // keycloak-ts:http:request (shared/diagnostics.ts): timed and described only when someone listens.
    if (httpRequests.hasSubscribers) return observeCall(this.#options.baseUrl, call, () => this.#request<T>(call));
    return this.#request<T>(call);
  }

  async #request<T>(call: RequestOptions): Promise<KeycloakResponse<T>> {
    if (this.#closed) throw new KeycloakOperationError('The connection is closed');
    if (!METHODS.has(call.method)) throw new KeycloakOperationError(`Unsupported HTTP method "${String(call.method)}"`);
    const timeoutMs = positiveInteger('timeout', call.timeout, this.#options.timeout);
    const url = resolveUrl(this.#options.baseUrl, call.path, call.query);
    const headers: Record<string, string> = { ...this.#headers, ...normalizeHeaders('headers', call.headers ?? {}) };
    const encoded = call.body === undefined ? undefined : await encodeBody(call.body);
    if (
      encoded?.contentType !== undefined &&
      (encoded.replacesContentType === true || headers['content-type'] === undefined)
    ) {
      headers['content-type'] = encoded.contentType;
    }
    const expect = call.expect ?? 'json';
    if (expect === 'json' && headers['accept'] === undefined) headers['accept'] = 'application/json';

    const deadlineMs = Date.now() + timeoutMs;
    const { signal, timeoutSignal, release } = callSignal(call.signal, timeoutMs);
    const context = { method: call.method, url: describeUrl(url), callerSignal: call.signal, timeoutSignal, timeoutMs };
    try {
      for (let attempt = 0; ; attempt++) {
        const retriesLeft = attempt < this.#options.maxRetries;
        const mayRetry = retriesLeft && isIdempotent(call.method);
        let response: Dispatcher.ResponseData;
        try {
          response = await undiciRequest(url, {
            dispatcher: this.#sender,
            method: call.method,
            headers,
            body: encoded?.payload ?? null,
            signal,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          });
        } catch (error) {
          const code = errorCode(error);
          // Any method may go again when its request never reached a socket: the server cannot have seen it.
          const safeToRepeat = mayRetry || (retriesLeft && wasNeverWritten(error));
          if (!safeToRepeat || signal.aborted || !isRetriedErrorCode(code)) throw error;
          const delayMs = this.#delayBefore(deadlineMs, attempt + 1, undefined);
          if (delayMs === undefined) throw error;
          await this.#waitBeforeRetry(
            attempt + 1,
            call.method,
            context.url,
            code ?? 'ERR_CONNECTION',
            undefined,
            delayMs,
            signal,
          );
          continue;
        }
        const responseHeaders = flattenHeaders(response.headers);
        const retryAfterMs = parseRetryAfter(responseHeaders['retry-after'], Date.now());
        const delayMs =
          mayRetry && isRetriedStatus(response.statusCode)
            ? this.#delayBefore(deadlineMs, attempt + 1, retryAfterMs)
            : undefined;
        if (delayMs !== undefined) {
          await response.body.dump();
          await this.#waitBeforeRetry(
            attempt + 1,
            call.method,
            context.url,
            response.statusCode,
            retryAfterMs,
            delayMs,
            signal,
          );
          continue;
        }
        const body = await readBody(response, {
          expect,
          contentType: responseHeaders['content-type'] ?? '',
          maxBytes: this.#options.maxResponseBytes,
          target: `${call.method} ${context.url}`,
        });
        return { status: response.statusCode, headers: responseHeaders, body: body as T };
      }
    } catch (error) {
      throw toKeycloakError(error, context);
    } finally {
      release();
    }
  }

  /** Closes the pool this connection created; a user-supplied dispatcher is left open. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /**
   * The wait before retry number `attempt`, or `undefined` when it would end past the call's deadline:
   * sleeping into the timeout would turn the server's answer (a 503 and its message) into ERR_TIMEOUT.
   */
  #delayBefore(deadlineMs: number, attempt: number, retryAfterMs: number | undefined): number | undefined {
    const delayMs = retryDelayMs(attempt, retryAfterMs, this.#options.retryDelay, this.#options.maxRetryDelay);
    return Date.now() + delayMs < deadlineMs ? delayMs : undefined;
  }

  async #waitBeforeRetry(
    attempt: number,
    method: string,
    url: string,
    reason: number | string,
    retryAfterMs: number | undefined,
    delayMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      this.#options.onRetry?.({ attempt, method, url, reason, retryAfterMs, delayMs });
    } catch {
      // A failing log hook must not turn a retry into a failed call.
    }
    await sleep(delayMs, signal);
  }
}

function toRequestBody(data: RawData): RequestBody {
  if (typeof data === 'string' || data instanceof Uint8Array) return { raw: data };
  if (data instanceof URLSearchParams) return { form: data };
  return data;
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * The signal of one call: aborted by the caller's signal or by the call's timeout, and released when the call ends.
 * Not AbortSignal.any/AbortSignal.timeout: on Node 20, AbortSignal.any keeps about 65 bytes per call tied to a
 * long-lived caller signal (100k calls: +6.5 MB never freed), and a timeout signal's timer outlives the call.
 */
function callSignal(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): { signal: AbortSignal; timeoutSignal: AbortSignal; release: () => void } {
  const combined = new AbortController();
  const timeout = new AbortController();
  const timer = setTimeout(() => {
    const reason = new DOMException('The operation timed out.', 'TimeoutError');
    timeout.abort(reason);
    combined.abort(reason);
  }, timeoutMs);
  const onCallerAbort = (): void => combined.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: combined.signal,
    timeoutSignal: timeout.signal,
    release: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
