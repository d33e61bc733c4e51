import type { Dispatcher } from 'undici';
import type { SharedStore } from '../store/shared-store.js';
import { storeDownOption, storeOption, type StoreDownPolicy } from '../store/store-option.js';
import type { GuardDenialReason, KeycloakErrorCode } from '../errors.js';
import type { GuardAdminOptions } from './admin.js';
import {
  resolveAuthorizationOptions,
  type GuardAuthorizationOptions,
  type ResolvedAuthorizationOptions,
} from './authorization-options.js';
import { ASYMMETRIC_ALGORITHMS } from '../jwks/key-entries.js';
import {
  clockOption,
  dispatcherOption,
  durationOption,
  knownOptions,
  positiveIntegerOption,
  stringListOption,
  urlOption,
} from '../shared/options.js';
import { resolveTokenAudience, type TokenAudience } from './audience.js';
import { issuerAddress, type RealmAddress } from './internal/realm-address.js';
import { resolveDpopOptions, type GuardDpopOptions, type ResolvedDpopOptions } from '../dpop/options.js';
import {
  resolveRevocationOptions,
  type GuardRevocationOptions,
  type ResolvedRevocationOptions,
} from '../revocation/options.js';

/**
 * A pino-compatible logger (pino, Fastify's `request.log`, or `console`): `debug` for each refused request,
 * `warn` for what degrades security or availability but lets the app go on (an opt-out, a Keycloak outage),
 * `error` for a misconfiguration that no retry will cure.
 */
export interface GuardLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** What {@link KeycloakGuardOptions.onDenied} receives for every refused request. Never holds the token. */
export interface GuardDeniedEvent<R = unknown> {
  status: number;
  code: KeycloakErrorCode;
  reason: GuardDenialReason;
  /** The realm the request was checked against, when known. */
  realm: string | undefined;
  /** `sub` of the token, when it was verified (403). */
  subject: string | undefined;
  request: R;
  /**
   * What made Keycloak's part fail (503 reasons: `keycloak_unreachable`, `keycloak_error`, `realm_not_found`,
   * ...), or a realm resolver's exception; undefined for refusals of the token or the request. Bodies in it are
   * redacted; it never holds the token.
   */
  cause?: unknown;
}

/**
 * Options of {@link KeycloakGuard} (and of the Express and Fastify adapters). Durations are milliseconds.
 */
export interface KeycloakGuardOptions<R = unknown> {
  /** Keycloak's base URL, e.g. `https://kc.example.com` (realms live under `/realms/{name}`). */
  serverUrl: string;
  /**
   * The realm name, or a resolver of it per request (multi-tenant); the resolver must be cheap and
   * synchronous. A resolver that returns no realm name, or throws, gets the request a 400
   * `invalid_request` (the exception is the error's `cause`). Optional only when {@link allowedIssuers} is given.
   */
  realm?: string | ((request: R) => string | undefined);
  /**
   * Multi-realm by token: the token's (unverified) `iss` picks the realm, trusted only when it is one of
   * these exact issuer URLs. The token is then fully verified against that issuer's keys.
   */
  allowedIssuers?: readonly string[];
  /** This API's client id (`resource` in keycloak.json): bare role names in specs are its client roles. */
  clientId: string;
  /** The client's secret: needed for `validation: 'introspect'` and the service-account admin client. */
  clientSecret?: string;
  /** `local` (default): verify the signature against the realm's cached JWKS. `introspect`: ask Keycloak (cached, coalesced). */
  validation?: 'local' | 'introspect';
  /**
   * Whether the token's `aud` must contain {@link tokenAudience} (keycloak.json `verify-token-audience`).
   * Default true: a token another client of the realm obtained for itself (`aud: account`, or no `aud`)
   * gets 401 `invalid_token` (reason `audience_mismatch`). Keycloak puts an API in `aud` through an
   * Audience mapper (`oidc-audience-mapper`) on the calling client's scope, or through its "audience
   * resolve" mapper when the token carries the API's client roles. `false` turns the check off and
   * logs one `warn` line per guard.
   */
  verifyTokenAudience?: boolean;
  /**
   * The audience (or audiences, of which `aud` must contain one) the guard accepts. Default: {@link clientId}.
   * Not to be confused with `authorization.audience`, the resource server asked in UMA grants.
   */
  tokenAudience?: string | readonly string[];
  /** Accepted signature algorithms. Default `['RS256']`. */
  algorithms?: readonly string[];
  /** Slack on `exp`, `nbf`, `iat`. Default 0. */
  clockToleranceDuration?: number;
  /** Timeout of one JWKS or introspection request to Keycloak. Default 5 000. */
  timeoutDuration?: number;
  /** `Retry-After` sent with a 503, in seconds. Default 10. */
  retryAfterSeconds?: number;
  /** Realms whose keys and verifier stay cached when `realm` is a resolver. Default 50. */
  maxRealms?: number;
  /**
   * Opt-in: also accept the token from this query parameter (e.g. `access_token`, RFC 6750 §2.3).
   * Beware: the token is then part of the URL, and Fastify's request logging (like most access loggers
   * and proxies) writes full URLs, so tokens land in logs; RFC 6750 §5.3 advises against it. Prefer the
   * `Authorization` header, or redact the parameter in every logger on the way.
   */
  queryParameter?: string;
  /** Opt-in: also accept the token from this cookie. */
  cookieName?: string;
  /**
   * Credentials of the shared admin client (`keycloak.admin`). Default: the service account of
   * `clientId`/`clientSecret` (give it realm-management roles such as view-users). `false`: none.
   */
  admin?: GuardAdminOptions | false;
  /** UMA decisions of permission and policy-enforcer routes: audience, decision cache, RPT use. */
  authorization?: GuardAuthorizationOptions;
  /**
   * Receives one line per refused request, never the token: `debug` for a refused token or request, `warn` with
   * the cause when Keycloak failed or could not be reached, `error` naming the realm and client when Keycloak
   * says one of them does not exist. Default: none (the Fastify plugin logs with each request's `request.log`).
   */
  logger?: GuardLogger;
  /** Called for every refused request, e.g. for metrics. Exceptions it throws are ignored. */
  onDenied?: (event: GuardDeniedEvent<R>) => void;
  /** undici dispatcher for the calls to Keycloak (tests, proxies, custom TLS). */
  dispatcher?: Dispatcher;
  /**
   * What the instances of this API share (e.g. a `TieredStore` over `@keycloak-ts/redis`): UMA decisions and,
   * with `validation: 'introspect'`, introspection answers one instance asked Keycloak for are reused by the
   * others. Default: none (each instance asks for itself).
   */
  store?: SharedStore;
  /**
  /**
   * DPoP (RFC 9449): `Authorization: DPoP` with a `DPoP` proof is accepted for tokens bound to the proof's key,
   * and a bound token sent as Bearer is refused, whatever this option; it tunes the checks and can require DPoP.
   */
  dpop?: GuardDpopOptions;
  /**
   * The URL clients use to reach this API (e.g. `https://api.example.com`, or with a path prefix a proxy
   * strips), to which the request's path is appended to check a DPoP proof's `htu`. Default: the origin the
   * framework resolves (Express `trust proxy`, Fastify `trustProxy`); forwarded headers are never read otherwise.
   */
  publicUrl?: string;
  /**
   * Session revocation: answers Keycloak's back-channel logouts and its admin URL callbacks (`k_logout`,
   * `k_push_not_before`), and refuses tokens of the sessions, users or not-before they revoke (401
   * `invalid_token`, reason `token_revoked`). `true` for the defaults. Mount the receivers with the adapter
   * (Express: `app.use(keycloak.middleware())`; Fastify: the plugin registers them). Default off.
   */
  revocation?: GuardRevocationOptions | boolean;
  /**
   * What checks that need the shared `store` do while it is down. `fail-open` (default): revocations (and DPoP
   * `jti` replays) are checked per instance, with a warn log; a revocation received by another instance is not
   * applied here until the store is back. `fail-closed`: those requests are answered 503 with `Retry-After`.
   */
  storeDown?: StoreDownPolicy;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** The options after validation. */
export interface ResolvedGuardOptions<R> {
  serverUrl: string;
  realm: string | ((request: R) => string | undefined) | undefined;
  /** Each allowed issuer with its server URL and realm name, read once here. */
  allowedIssuers: ReadonlyMap<string, RealmAddress> | undefined;
  clientId: string;
  clientSecret: string | undefined;
  validation: 'local' | 'introspect';
  /** Whether `aud` is checked: `tokenAudience.accepted !== undefined`. */
  verifyTokenAudience: boolean;
  /** The accepted audiences (undefined: not checked) and the refusal's description. */
  tokenAudience: TokenAudience;
  algorithms: readonly string[] | undefined;
  clockToleranceDuration: number;
  timeoutDuration: number;
  retryAfterSeconds: number;
  maxRealms: number;
  queryParameter: string | undefined;
  cookieName: string | undefined;
  authorization: ResolvedAuthorizationOptions;
  logger: GuardLogger | undefined;
  onDenied: ((event: GuardDeniedEvent<R>) => void) | undefined;
  dispatcher: Dispatcher | undefined;
  store: SharedStore | undefined;
  storeDown: StoreDownPolicy;
  dpop: ResolvedDpopOptions;
  publicUrl: string | undefined;
  revocation: ResolvedRevocationOptions | undefined;
  now: () => number;
}

/** The characters Keycloak refuses in a realm name (`ReservedCharValidator`: "Character ':' not allowed."). */
const RESERVED_IN_REALM_NAMES = /[:/?#@!$&()*+,;=[\]\\]/;

/**
 * A name Keycloak accepts for a realm: any text but its reserved characters and the dot-segments (spaces,
 * accents, `%` and other scripts are fine: they are percent-encoded in the issuer, as Keycloak encodes them).
 */
export function isRealmName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value !== '' &&
    value !== '.' &&
    value !== '..' &&
    value.length <= 255 &&
    !RESERVED_IN_REALM_NAMES.test(value)
  );
}

/** Validates every option once, throwing a TypeError naming the bad one. */
export function resolveGuardOptions<R>(options: KeycloakGuardOptions<R>): ResolvedGuardOptions<R> {
  if (options === null || typeof options !== 'object') throw new TypeError('Keycloak guard options must be an object');
  knownOptions('the Keycloak guard', options, GUARD_OPTIONS);
  // Checked as the UMA and admin clients will take it (no query, fragment or credentials), since they are built
  // from these options without checking them again.
  const serverUrl = baseUrlOption('serverUrl', options.serverUrl).replace(/\/+$/, '');
  const { realm } = options;
  if (realm !== undefined && typeof realm !== 'function' && !isRealmName(realm)) {
    throw new TypeError(
      '"realm" must be a Keycloak realm name (none of : / ? # @ ! $ & ( ) * + , ; = [ ] \\) or a function returning one',
    );
  }
  const allowedIssuers = stringListOption('allowedIssuers', options.allowedIssuers);
  allowedIssuers?.forEach((issuer) => urlOption('allowedIssuers', issuer));
  if (realm === undefined && allowedIssuers === undefined)
    throw new TypeError('"realm" is required (or "allowedIssuers")');
  const clientId = nonEmpty('clientId', options.clientId);
  const clientSecret = options.clientSecret === undefined ? undefined : nonEmpty('clientSecret', options.clientSecret);
  const validation = options.validation ?? 'local';
  if (validation !== 'local' && validation !== 'introspect')
    throw new TypeError('"validation" must be "local" or "introspect"');
  if (validation === 'introspect' && clientSecret === undefined)
    throw new TypeError('"clientSecret" is required when "validation" is "introspect"');
  const tokenAudience = resolveTokenAudience(options.verifyTokenAudience, options.tokenAudience, clientId);
  return {
    serverUrl,
    realm,
    allowedIssuers:
      allowedIssuers === undefined
        ? undefined
        : new Map(allowedIssuers.map((issuer) => [issuer, issuerAddress(issuer)])),
    clientId,
    clientSecret,
    validation,
    verifyTokenAudience: tokenAudience.accepted !== undefined,
    tokenAudience,
    algorithms: algorithmsOption(options.algorithms),
    clockToleranceDuration: durationOption('clockToleranceDuration', options.clockToleranceDuration, 0),
    timeoutDuration: durationOption('timeoutDuration', options.timeoutDuration, 5_000),
    retryAfterSeconds: positiveIntegerOption('retryAfterSeconds', options.retryAfterSeconds, 10),
    maxRealms: positiveIntegerOption('maxRealms', options.maxRealms, 50),
    queryParameter:
      options.queryParameter === undefined ? undefined : nonEmpty('queryParameter', options.queryParameter),
    cookieName: options.cookieName === undefined ? undefined : nonEmpty('cookieName', options.cookieName),
    authorization: resolveAuthorizationOptions(options.authorization, clientId),
    logger: functionsOf('logger', options.logger, ['debug', 'warn', 'error']),
    onDenied: functionOption('onDenied', options.onDenied),
    dispatcher: dispatcherOption(options.dispatcher),
    store: storeOption(options.store),
    storeDown: storeDownOption(options.storeDown),
    dpop: resolveDpopOptions(options.dpop),
    publicUrl: publicUrlOption(options.publicUrl),
    revocation: resolveRevocationOptions(options.revocation, clientId),
    now: clockOption(options.now),
  };
}

const GUARD_OPTIONS: Record<keyof KeycloakGuardOptions, true> = {
  serverUrl: true,
  realm: true,
  allowedIssuers: true,
  clientId: true,
  clientSecret: true,
  validation: true,
  verifyTokenAudience: true,
  tokenAudience: true,
  algorithms: true,
  clockToleranceDuration: true,
  timeoutDuration: true,
  retryAfterSeconds: true,
  maxRealms: true,
  queryParameter: true,
  cookieName: true,
  admin: true,
  authorization: true,
  logger: true,
  onDenied: true,
  dispatcher: true,
  store: true,
  dpop: true,
  publicUrl: true,
  revocation: true,
  storeDown: true,
  now: true,
};

// Checked here, not only by the verifier: with a realm resolver or an issuer allow-list the verifiers are
// built on a realm's first request, where a bad list would surface as a 500 instead of at construction.
function algorithmsOption(value: readonly string[] | undefined): readonly string[] | undefined {
  const list = stringListOption('algorithms', value);
  const refused = list?.find((alg) => !ASYMMETRIC_ALGORITHMS.has(alg));
  if (refused !== undefined) throw new TypeError(`"algorithms" may not contain ${JSON.stringify(refused)}`);
  return list;
}

function nonEmpty(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${name}" must be a non-empty string`);
  return value;
}

function functionOption<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`"${name}" must be a function`);
  return value;
}

function functionsOf<T>(name: string, value: T | undefined, methods: readonly string[]): T | undefined {
  if (value === undefined) return undefined;
  const missing = methods.find(
    (method) => value === null || typeof (value as Record<string, unknown>)[method] !== 'function',
  );
  if (missing !== undefined) throw new TypeError(`"${name}" must have a ${missing}(obj, msg) method`);
  return value;
}

/** The URL DPoP's `htu` is checked against: a base URL, kept without its trailing slashes. */
function publicUrlOption(value: unknown): string | undefined {
  return value === undefined ? undefined : baseUrlOption('publicUrl', value).replace(/\/+$/, '');
}

/** An http(s) URL that other paths extend: no query, fragment or credentials (KeycloakConnection's `baseUrl`). */
function baseUrlOption(name: string, value: unknown): string {
  const url = new URL(urlOption(name, value));
  if (url.search !== '' || url.hash !== '') throw new TypeError(`"${name}" must not have a query or fragment`);
  if (url.username !== '' || url.password !== '') throw new TypeError(`"${name}" must not carry credentials`);
  return value as string;
}
