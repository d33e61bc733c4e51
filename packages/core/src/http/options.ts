/**
 * Options of {@link KeycloakConnection} and their validation. Everything is checked once, when the
 * connection is created, so a typo fails at start-up with a TypeError naming the option instead of
 * on the first request.
 */
import type { Dispatcher } from 'undici';
import { knownOptions } from '../shared/options.js';
import { assertHeaderName, assertHeaderValue } from './internal/header-checks.js';

/** What a retry is about to do; handed to {@link KeycloakConnectionOptions.onRetry}. */
export interface RetryInfo {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly method: string;
  /** Origin and path of the call (never its query, which may carry secrets). */
  readonly url: string;
  /** The status that caused the retry (503, 429), or the error code of a failed connection. */
  readonly reason: number | string;
  /** What the server asked for in `Retry-After`, in ms, when it did. */
  readonly retryAfterMs: number | undefined;
  /** How long we wait before the retry, in ms (after the `maxRetryDelay` cap). */
  readonly delayMs: number;
}

/** Options of {@link KeycloakConnection}. */
export interface KeycloakConnectionOptions {
  /** Keycloak's base URL, e.g. `https://sso.example.com/` or `https://host/auth/` (a base path is kept). */
  baseUrl: string;
  /** Headers sent with every call. Names are case-insensitive and stored lower-case. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Time limit of one call in ms, retries and their waits included; also undici's headers and body
   * timeouts. Default 30 000 (python-keycloak uses 60 s; half is plenty for Keycloak and frees
   * callers sooner). A call may override it.
   */
  timeout?: number;
  /** Verify the server's TLS certificate. Default `true`; turn off only for local development. */
  verify?: boolean;
  /** Extra trusted CA certificate(s), PEM. */
  ca?: string | Buffer | readonly (string | Buffer)[];
  /** Client certificate (PEM) for mutual TLS; needs `key`. */
  cert?: string | Buffer;
  /** Private key (PEM) of `cert`. */
  key?: string | Buffer;
  /** HTTP(S) proxy URL; requests are tunnelled through it with CONNECT (undici's ProxyAgent). */
  proxy?: string;
  /**
   * An undici Dispatcher to send every call through, replacing ours; `close()` leaves it open.
   * Cannot be combined with `verify`, `ca`, `cert`, `key`, `proxy` or `connections`, which shape ours.
   */
  dispatcher?: Dispatcher;
  /**
   * Retries of an idempotent call (GET, HEAD, OPTIONS, PUT, DELETE) after a refused or reset
   * connection, a 503 or a 429. POST and PATCH are retried only when the connection failed before
   * any byte of the request was written (e.g. refused), which our own pool can tell; never after an
   * answer, nor with a user-supplied `dispatcher`. Default 1 (as python-keycloak).
   */
  maxRetries?: number;
  /** First wait before retrying a failed connection in ms, doubled each retry. Default 100. */
  retryDelay?: number;
  /** Cap in ms on any wait before a retry, including one asked by `Retry-After`. Default 10 000. */
  maxRetryDelay?: number;
  /** Maximum open connections per origin in our pool. Default 32. */
  connections?: number;
  /** How long an idle pooled connection is kept, in ms. Default 4 000 (undici's). */
  keepAliveTimeout?: number;
  /**
   * Largest answer body read, in bytes. A larger answer is refused as soon as its `content-length`
   * or the bytes received pass the limit (the socket is closed, never drained) and the call fails
   * with `ERR_INVALID_RESPONSE`, so a broken or hostile server cannot exhaust memory. Default
   * 16 777 216 (16 MiB): a realm export or a large user page fits; raise it for bigger exports.
   */
  maxResponseBytes?: number;
  /** `User-Agent` header. Default `keycloak-ts`. */
  userAgent?: string;
  /** Called before each retry; for logs and metrics. It must not throw. */
  onRetry?: (info: RetryInfo) => void;
}

/** Options after validation and defaults. */
export interface ResolvedConnectionOptions {
  readonly baseUrl: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeout: number;
  readonly verify: boolean;
  readonly ca: readonly (string | Buffer)[] | undefined;
  readonly cert: string | Buffer | undefined;
  readonly key: string | Buffer | undefined;
  readonly proxy: URL | undefined;
  readonly dispatcher: Dispatcher | undefined;
  readonly maxRetries: number;
  readonly retryDelay: number;
  readonly maxRetryDelay: number;
  readonly connections: number;
  readonly keepAliveTimeout: number;
  readonly maxResponseBytes: number;
  readonly onRetry: ((info: RetryInfo) => void) | undefined;
}

const DEFAULTS = {
  timeout: 30_000,
  maxRetries: 1,
  retryDelay: 100,
  maxRetryDelay: 10_000,
  connections: 32,
  keepAliveTimeout: 4_000,
  maxResponseBytes: 16 * 1024 * 1024,
  userAgent: 'keycloak-ts',
} as const;

const CONNECTION_OPTIONS: Record<keyof KeycloakConnectionOptions, true> = {
  baseUrl: true,
  headers: true,
  timeout: true,
  verify: true,
  ca: true,
  cert: true,
  key: true,
  proxy: true,
  dispatcher: true,
  maxRetries: true,
  retryDelay: true,
  maxRetryDelay: true,
  connections: true,
  keepAliveTimeout: true,
  maxResponseBytes: true,
  userAgent: true,
  onRetry: true,
};

/** Checks `options` and fills in defaults; throws a TypeError naming the first bad option. */
export function resolveConnectionOptions(options: KeycloakConnectionOptions): ResolvedConnectionOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  knownOptions('KeycloakConnection', options, CONNECTION_OPTIONS);
  const shapingOwnPool = (['verify', 'ca', 'cert', 'key', 'proxy', 'connections'] as const).find(
    (name) => options[name] !== undefined,
  );
  if (options.dispatcher !== undefined) {
    if (typeof options.dispatcher?.dispatch !== 'function')
      throw new TypeError('dispatcher must be an undici Dispatcher');
    if (shapingOwnPool)
      throw new TypeError(`dispatcher cannot be combined with ${shapingOwnPool}: configure the dispatcher instead`);
  }
  if ((options.cert === undefined) !== (options.key === undefined))
    throw new TypeError('cert and key must be given together');
  if (options.verify !== undefined && typeof options.verify !== 'boolean')
    throw new TypeError('verify must be a boolean');
  if (options.onRetry !== undefined && typeof options.onRetry !== 'function')
    throw new TypeError('onRetry must be a function');
  const userAgent = options.userAgent ?? DEFAULTS.userAgent;
  assertHeaderValue('userAgent', userAgent);
  return {
    baseUrl: httpUrl('baseUrl', options.baseUrl, true),
    headers: { 'user-agent': userAgent, ...normalizeHeaders('headers', options.headers ?? {}) },
    timeout: positiveInteger('timeout', options.timeout, DEFAULTS.timeout),
    verify: options.verify ?? true,
    ca: options.ca === undefined ? undefined : pemList('ca', options.ca),
    cert: options.cert === undefined ? undefined : pem('cert', options.cert),
    key: options.key === undefined ? undefined : pem('key', options.key),
    proxy: options.proxy === undefined ? undefined : httpUrl('proxy', options.proxy, false),
    dispatcher: options.dispatcher,
    maxRetries: nonNegativeInteger('maxRetries', options.maxRetries, DEFAULTS.maxRetries),
    retryDelay: nonNegativeInteger('retryDelay', options.retryDelay, DEFAULTS.retryDelay),
    maxRetryDelay: nonNegativeInteger('maxRetryDelay', options.maxRetryDelay, DEFAULTS.maxRetryDelay),
    connections: positiveInteger('connections', options.connections, DEFAULTS.connections),
    keepAliveTimeout: positiveInteger('keepAliveTimeout', options.keepAliveTimeout, DEFAULTS.keepAliveTimeout),
    maxResponseBytes: positiveInteger('maxResponseBytes', options.maxResponseBytes, DEFAULTS.maxResponseBytes),
    onRetry: options.onRetry,
  };
}

/** Lower-cases names and checks names and values; `what` names the option or argument in errors. */
export function normalizeHeaders(what: string, headers: Readonly<Record<string, string>>): Record<string, string> {
  if (headers === null || typeof headers !== 'object') throw new TypeError(`${what} must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    assertHeaderName(what, name);
    assertHeaderValue(`${what}.${name}`, value);
    out[name.toLowerCase()] = value;
  }
  return out;
}

/** A per-call time limit: a positive integer of ms. */
export function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new TypeError(`${name} must be a positive integer (ms or count)`);
  return value;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  return value;
}

/**
 * Checks a server URL given under another option name (python-keycloak's `server_url`), so the
 * TypeError names what the caller wrote; returns it unchanged for the connection to normalise.
 */
export function serverUrlOption(name: string, value: unknown): string {
  httpUrl(name, value, true);
  return value as string;
}

function httpUrl(name: string, value: unknown, asBase: boolean): URL {
  if (typeof value !== 'string' || !URL.canParse(value)) throw new TypeError(`${name} must be an absolute http(s) URL`);
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`${name} must be an http(s) URL`);
  if (asBase) {
    if (url.search || url.hash) throw new TypeError(`${name} must not have a query or fragment`);
    if (url.username || url.password) throw new TypeError(`${name} must not carry credentials`);
    // A trailing slash makes relative paths extend the base path (`/auth/`) instead of replacing its last segment.
    if (!url.pathname.endsWith('/')) url.pathname += '/';
  }
  return url;
}

function pem(name: string, value: unknown): string | Buffer {
  if (typeof value === 'string' ? value.trim() === '' : !Buffer.isBuffer(value) || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty PEM string or Buffer`);
  }
  return value as string | Buffer;
}

function pemList(name: string, value: unknown): (string | Buffer)[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new TypeError(`${name} must not be empty`);
  return list.map((item: unknown) => pem(name, item));
}
