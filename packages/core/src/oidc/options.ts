/**
 * Options of {@link KeycloakOpenID} and their validation: everything is checked once, at construction,
 * and a bad option throws a TypeError naming it.
 */
import { DpopSigner, type DpopKeyPair } from '../dpop/sign.js';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { serverUrlOption, type KeycloakConnectionOptions } from '../http/options.js';
import { clockOption, durationOption, knownOptions } from '../shared/options.js';
import type { RemoteKeySetOptions } from '../jwks/remote-key-set.js';

/** How the client proves its identity at the token, introspection, logout and device endpoints. */
export type ClientAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'client_secret_jwt'
  | 'private_key_jwt';

/** Options of {@link KeycloakOpenID}. Names follow python-keycloak's constructor; durations are ms. */
export interface KeycloakOpenIDOptions {
  /** Keycloak's base URL, e.g. `https://sso.example.com/` (or `https://host/auth/` for old layouts). */
  serverUrl: string;
  realmName: string;
  clientId: string;
  /** The client secret of a confidential client. Never appears in errors or logs. */
  clientSecretKey?: string;
  /**
   * Default `client_secret_post` when `clientSecretKey` is set (python-keycloak posts `client_secret` in
   * the form), else `none` (a public client sends its `client_id` only).
   * `client_secret_jwt` signs an assertion with the secret (HS256); `private_key_jwt` with `privateKey`.
   */
  clientAuthMethod?: ClientAuthMethod;
  /** PEM (PKCS#8) or a KeyObject: the key `private_key_jwt` signs with. */
  privateKey?: string | KeyObject;
  /** `kid` put in the assertion header so Keycloak picks the right key of the client's JWKS. */
  privateKeyId?: string;
  /**
   * The assertion's `alg`. Default `HS256` for `client_secret_jwt` and `RS256` for `private_key_jwt`
   * (Keycloak's defaults for the client's "signature algorithm").
   */
  signingAlgorithm?: string;
  /**
   * The assertion's `aud`. Default: the realm issuer from discovery, which Keycloak (and RFC 7523bis)
   * accept as a single audience value.
   */
  assertionAudience?: string;
  /** Verify the server's TLS certificate. Default `true`. */
  verify?: boolean;
  /** Extra trusted CA certificate(s), PEM (python-keycloak's `verify="path/to/ca.pem"`). */
  ca?: KeycloakConnectionOptions['ca'];
  /** Headers sent with every call (python-keycloak's `custom_headers`). */
  customHeaders?: Readonly<Record<string, string>>;
  /** A proxy URL, or python-keycloak's `{ http, https }` map (the `https` entry wins). */
  proxies?: string | Readonly<{ http?: string; https?: string }>;
  /** Time limit of one call in ms. Default 30 000. */
  timeout?: number;
  /** A client certificate and its key (PEM) for mutual TLS, python-keycloak's `(cert, key)` tuple. */
  cert?: readonly [cert: string | Buffer, key: string | Buffer];
  /** Retries of idempotent calls (never of POSTs). Default 1, as python-keycloak's `max_retries`. */
  maxRetries?: number;
  /** Largest answer body read, in bytes; a larger one fails with `ERR_INVALID_RESPONSE`. Default 16 MiB. */
  maxResponseBytes?: number;
  /** An undici Dispatcher to send every call through (then `verify`, `ca`, `cert`, `proxies` must be unset). */
  dispatcher?: Dispatcher;
  /** Options of the key set {@link KeycloakOpenID.decodeToken} verifies with (cache age, cooldown, timeout). */
  jwks?: Omit<RemoteKeySetOptions, 'jwksUri' | 'dispatcher' | 'now'>;
  /**
   * DPoP (RFC 9449): a key pair (or `true` to generate an ES256 one) that signs a proof for every `token`,
   * `refreshToken` and `userinfo` call, so Keycloak binds the tokens to it (`cnf.jkt`, `token_type: "DPoP"`);
   * `userinfo` then sends a bound token as `Authorization: DPoP` with `ath`. A `DPoP-Nonce` Keycloak asks for
   * is sent in a second attempt. Required for clients with "DPoP bound access tokens" on.
   */
  dpop?: DpopKeyPair | true;
  /** Clock in epoch ms, for token verification and assertion times. Default `Date.now`. */
  now?: () => number;
}

/** The options after validation. */
export interface ResolvedOpenIDOptions {
  readonly connection: KeycloakConnectionOptions;
  readonly realmName: string;
  readonly clientId: string;
  readonly clientSecretKey: string | undefined;
  readonly clientAuthMethod: ClientAuthMethod;
  readonly privateKey: KeyObject | undefined;
  readonly privateKeyId: string | undefined;
  readonly signingAlgorithm: string;
  readonly dpop: DpopKeyPair | true | undefined;
  readonly assertionAudience: string | undefined;
  readonly jwks: Omit<RemoteKeySetOptions, 'jwksUri' | 'dispatcher' | 'now'> | undefined;
  readonly now: () => number;
}

const METHODS: ReadonlySet<string> = new Set([
  'none',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
]);
const HMAC_ALGS: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512']);
const KEY_ALGS: ReadonlySet<string> = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

/** Checks `options` and fills in defaults; the connection options are checked by KeycloakConnection. */
function dpopOption(value: unknown): DpopKeyPair | true | undefined {
  if (value === undefined || value === true) return value;
  // The signer checks the pair's fields; here only its shape, so a bad option throws at construction.
  new DpopSigner(value as DpopKeyPair);
  return value as DpopKeyPair;
}

const OPENID_OPTIONS: Record<keyof KeycloakOpenIDOptions, true> = {
  serverUrl: true,
  realmName: true,
  clientId: true,
  clientSecretKey: true,
  clientAuthMethod: true,
  privateKey: true,
  privateKeyId: true,
  signingAlgorithm: true,
  assertionAudience: true,
  verify: true,
  ca: true,
  customHeaders: true,
  proxies: true,
  timeout: true,
  cert: true,
  maxRetries: true,
  maxResponseBytes: true,
  dispatcher: true,
  jwks: true,
  dpop: true,
  now: true,
};

export function resolveOpenIDOptions(options: KeycloakOpenIDOptions): ResolvedOpenIDOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('KeycloakOpenID options must be an object');
  knownOptions('KeycloakOpenID', options, OPENID_OPTIONS);
  const realmName = nonEmptyString('realmName', options.realmName);
  const clientId = nonEmptyString('clientId', options.clientId);
  const clientSecretKey =
    options.clientSecretKey === undefined ? undefined : nonEmptyString('clientSecretKey', options.clientSecretKey);
  const clientAuthMethod = options.clientAuthMethod ?? (clientSecretKey === undefined ? 'none' : 'client_secret_post');
  if (!METHODS.has(clientAuthMethod))
    throw new TypeError(`"clientAuthMethod" must be one of ${[...METHODS].join(', ')}`);
  if (clientAuthMethod.startsWith('client_secret') && clientSecretKey === undefined) {
    throw new TypeError(`"clientSecretKey" is required by clientAuthMethod ${clientAuthMethod}`);
  }
  const privateKey = clientAuthMethod === 'private_key_jwt' ? privateKeyOption(options.privateKey) : undefined;
  const signingAlgorithm = signingAlgorithmOption(clientAuthMethod, options.signingAlgorithm);
  if (options.privateKeyId !== undefined) nonEmptyString('privateKeyId', options.privateKeyId);
  if (options.assertionAudience !== undefined) nonEmptyString('assertionAudience', options.assertionAudience);
  if (options.jwks !== undefined && (options.jwks === null || typeof options.jwks !== 'object'))
    throw new TypeError('"jwks" must be an object');
  if (options.timeout !== undefined) durationOption('timeout', options.timeout, 0);
  return {
    connection: connectionOptionsOf(options),
    realmName,
    clientId,
    clientSecretKey,
    clientAuthMethod,
    privateKey,
    privateKeyId: options.privateKeyId,
    signingAlgorithm,
    assertionAudience: options.assertionAudience,
    jwks: options.jwks,
    dpop: dpopOption(options.dpop),
    now: clockOption(options.now),
  };
}

/** What {@link publicClientOptions} needs, under core's own names. */
export interface PublicClientBase {
  readonly serverUrl: string;
  readonly realmName: string;
  readonly clientId: string;
  readonly timeout: number;
  readonly dispatcher: Dispatcher | undefined;
  readonly now: () => number;
}

/**
 * The resolved options of a client that authenticates as nobody (`none`), for a caller that checked its own
 * options already: the guard's UMA grant, which carries the user's bearer token instead. No retries: the
 * guard answers 503 rather than keep a request waiting.
 */
export function publicClientOptions({
  serverUrl,
  realmName,
  clientId,
  timeout,
  dispatcher,
  now,
}: PublicClientBase): ResolvedOpenIDOptions {
  return {
    connection: { baseUrl: serverUrl, timeout, maxRetries: 0, dispatcher },
    realmName,
    clientId,
    clientSecretKey: undefined,
    clientAuthMethod: 'none',
    privateKey: undefined,
    privateKeyId: undefined,
    signingAlgorithm: 'RS256',
    assertionAudience: undefined,
    jwks: undefined,
    dpop: undefined,
    now,
  };
}

function nonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${name}" must be a non-empty string`);
  return value;
}

function privateKeyOption(value: unknown): KeyObject {
  if (value === undefined) throw new TypeError('"privateKey" is required by clientAuthMethod private_key_jwt');
  if (typeof value === 'object' && value !== null && (value as KeyObject).type === 'private') return value as KeyObject;
  if (typeof value !== 'string') throw new TypeError('"privateKey" must be a PEM string or a private KeyObject');
  try {
    return createPrivateKey(value);
  } catch {
    // No cause: it could quote key material.
    throw new TypeError('"privateKey" is not a readable PEM private key');
  }
}

function signingAlgorithmOption(method: ClientAuthMethod, value: unknown): string {
  if (method === 'client_secret_jwt') {
    const alg = value ?? 'HS256';
    if (typeof alg !== 'string' || !HMAC_ALGS.has(alg))
      throw new TypeError('"signingAlgorithm" must be HS256, HS384 or HS512 for client_secret_jwt');
    return alg;
  }
  const alg = value ?? 'RS256';
  if (typeof alg !== 'string' || !KEY_ALGS.has(alg))
    throw new TypeError('"signingAlgorithm" must be an RS*, PS*, ES* or EdDSA algorithm');
  return alg;
}

/** The connection options that KeycloakOpenID and KeycloakOpenIDConnection share, under python-keycloak's names. */
export type PythonConnectionOptions = Pick<
  KeycloakOpenIDOptions,
  | 'serverUrl'
  | 'customHeaders'
  | 'timeout'
  | 'verify'
  | 'ca'
  | 'cert'
  | 'maxRetries'
  | 'maxResponseBytes'
  | 'proxies'
  | 'dispatcher'
>;

/** Maps python-keycloak's constructor arguments onto {@link KeycloakConnectionOptions}; throws on a bad `serverUrl` or `proxies`. */
export function connectionOptionsOf(options: PythonConnectionOptions): KeycloakConnectionOptions {
  return {
    baseUrl: serverUrlOption('serverUrl', options.serverUrl),
    headers: options.customHeaders,
    timeout: options.timeout,
    verify: options.verify,
    ca: options.ca,
    cert: options.cert?.[0],
    key: options.cert?.[1],
    maxRetries: options.maxRetries,
    maxResponseBytes: options.maxResponseBytes,
    proxy: proxyOption(options.proxies),
    dispatcher: options.dispatcher,
  };
}

/** python-keycloak's `proxies`: one URL, or `{ http, https }` of which the `https` entry wins (Keycloak is reached over one scheme). */
function proxyOption(value: KeycloakOpenIDOptions['proxies']): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (value === null || typeof value !== 'object')
    throw new TypeError('"proxies" must be a URL or an object { http, https }');
  const proxy = value.https ?? value.http;
  if (proxy !== undefined && typeof proxy !== 'string') throw new TypeError('"proxies" entries must be URLs');
  return proxy;
}
