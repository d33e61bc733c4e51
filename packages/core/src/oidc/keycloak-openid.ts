/**
 * KeycloakOpenID: python-keycloak's OpenID Connect client, method for method. Unlike python-keycloak,
 * per-call headers (bearer tokens, content types) are never written into shared state, every path value
 * is encoded, discovery is cached for internal use, and `decodeToken` verifies against a cached key set.
 */
import {
  KeycloakAuthorizationConfigError,
  KeycloakDeprecationError,
  KeycloakGetError,
  KeycloakInvalidTokenError,
  KeycloakPostError,
  KeycloakPutError,
  KeycloakRPTNotFound,
} from '../errors.js';
import { Authorization } from '../authz/model/authorization.js';
import { readAuthorizationConfig } from '../authz/model/load-config.js';
import { evaluatePermissions, type EvaluationRequest, type EvaluationResult } from '../authz/evaluation/evaluate.js';
import { compileAuthorizationSettings } from '../authz/settings/compile.js';
import type { AuthorizationSettings } from '../authz/settings/model.js';
import type { Permission } from '../authz/model/permission.js';
import type { Policy } from '../authz/model/policy.js';
import { getPermissions, getPolicies } from '../authz/model/token-policies.js';
import { DpopSigner } from '../dpop/sign.js';
import { KeycloakConnection } from '../http/connection.js';
import { errorMessageFromBody, raiseErrorFromResponse, type RaiseErrorOptions } from '../http/raise-error.js';
import type { FormFields, HttpMethod, KeycloakResponse, RequestBody, ResponseExpectation } from '../http/types.js';
import { buildPath } from '../http/url.js';
import { RemoteKeySet } from '../jwks/remote-key-set.js';
import type { KeycloakAccessTokenClaims } from '../token/claims.js';
import { explainInactive } from '../token/inactive-audience.js';
import { buildAuthUrl, type AuthUrlOptions } from './auth-url.js';
import { clientCredentials } from './client-auth.js';
import { decodeUnverified, VerifierPool, type DecodeTokenOptions } from './decode-token.js';
import { judgeOAuthResponse } from './internal/oauth-error.js';
import { SharedFetch } from '../shared/shared-fetch.js';
import { carrier, resolvedOr } from '../shared/resolved.js';
import { resolveOpenIDOptions, type KeycloakOpenIDOptions, type ResolvedOpenIDOptions } from './options.js';
import type {
  AuthStatus,
  ClientRegistrationRepresentation,
  DeviceAuthorizationResponse,
  IntrospectionResponse,
  JsonWebKeySet,
  OIDCCallOptions,
  OpenIDConfiguration,
  TokenResponse,
  UMAPermissionGrant,
  UMAPermissionInput,
  UserInfo,
} from './types.js';
import { buildPermissionParam, umaAccess } from './uma.js';
import { userinfoBody } from './internal/userinfo-body.js';
import type {
  TokenOptions,
  ExchangeTokenOptions,
  IntrospectOptions,
  TokenInfoOptions,
  UMAPermissionsOptions,
} from './method-options.js';

const OIDC = 'realms/{realm}/protocol/openid-connect';
const PATHS = {
  wellKnown: 'realms/{realm}/.well-known/openid-configuration',
  realm: 'realms/{realm}',
  token: `${OIDC}/token`,
  introspect: `${OIDC}/token/introspect`,
  userinfo: `${OIDC}/userinfo`,
  logout: `${OIDC}/logout`,
  certs: `${OIDC}/certs`,
  device: `${OIDC}/auth/device`,
  entitlement: 'realms/{realm}/authz/entitlement/{id}',
  registration: 'realms/{realm}/clients-registrations/default',
  registrationClient: 'realms/{realm}/clients-registrations/default/{id}',
} as const;

const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** One call as the private helper takes it. */
interface Call {
  method: HttpMethod;
  path: keyof typeof PATHS;
  id?: string;
  body?: RequestBody;
  bearer?: string;
  expect?: ResponseExpectation;
}

/**
 * An OpenID Connect client of one Keycloak realm.
 *
 * @example
 * ```ts
 * const oidc = new KeycloakOpenID({ serverUrl: 'https://sso.example.com/', realmName: 'acme', clientId: 'api', clientSecretKey });
 * const tokens = await oidc.token('alice', 'secret');
 * const claims = await oidc.decodeToken(tokens.access_token, { audience: 'api' });
 * ```
 */
export class KeycloakOpenID {
  readonly #options: ResolvedOpenIDOptions;
  readonly #connection: KeycloakConnection;
  readonly #discovery: SharedFetch<OpenIDConfiguration>;
  #verifiers: VerifierPool | undefined;
  #dpop: Promise<DpopSigner> | undefined;
  /** The last `DPoP-Nonce` Keycloak sent (RFC 9449 §8), put in the next proofs. */
  #dpopNonce: string | undefined;
  #authorization = new Authorization();
  // The raw export for evaluateAuthorization, compiled on first use (python-keycloak's loader accepts more).
  #settings: { readonly data: unknown; compiled?: AuthorizationSettings } | undefined;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: KeycloakOpenIDOptions) {
    this.#options = resolvedOr(options, resolveOpenIDOptions);
    this.#connection = new KeycloakConnection(this.#options.connection);
    this.#discovery = new SharedFetch(() => this.#fetchWellKnown({}));
  }

  /** The connection all calls go through (its dispatcher is shared with the key set). */
  get connection(): KeycloakConnection {
    return this.#connection;
  }

  get clientId(): string {
    return this.#options.clientId;
  }

  get realmName(): string {
    return this.#options.realmName;
  }

  /** The authorization settings loaded by {@link loadAuthorizationConfig} (empty until then). */
  get authorization(): Authorization {
    return this.#authorization;
  }

  /** python-keycloak's `well_known`: fetches the discovery document (every call) and refreshes the cached copy. */
  async wellKnown(options: OIDCCallOptions = {}): Promise<OpenIDConfiguration> {
    const document = await this.#fetchWellKnown(options);
    this.#discovery.set(document);
    return document;
  }

  /** python-keycloak's `auth_url`: the authorization endpoint URL (from the cached discovery) with encoded parameters. */
  async authUrl(redirectUri: string, options: AuthUrlOptions = {}): Promise<string> {
    const { authorization_endpoint: endpoint } = await this.#discovery.get(options.signal);
    return buildAuthUrl(endpoint, this.#options.clientId, redirectUri, options);
  }

  /**
   * python-keycloak's `token`: the token endpoint, `password` grant by default. Also
   * `client_credentials`, `authorization_code` (with `code`, `redirectUri`, `codeVerifier`), the device
   * grant (with `deviceCode`; a pending one throws KeycloakPostError whose body's `error` is
   * `authorization_pending` or `slow_down`), TOTP and
   * extra parameters. Refused credentials throw KeycloakAuthenticationError with Keycloak's status.
   */
  async token(username = '', password = '', options: TokenOptions = {}): Promise<TokenResponse> {
    const fields: FormFields = {
      username: nonEmpty(username),
      password: nonEmpty(password),
      grant_type: options.grantType ?? 'password',
      code: nonEmpty(options.code),
      device_code: nonEmpty(options.deviceCode),
      redirect_uri: nonEmpty(options.redirectUri),
      scope: nonEmpty(options.scope ?? 'openid'),
      ...options.extra,
      totp: options.totp === undefined ? undefined : String(options.totp),
      code_verifier: options.codeVerifier,
    };
    return this.#postForm<TokenResponse>('token', fields, options);
  }

  /** python-keycloak's `refresh_token`. */
  async refreshToken(
    refreshToken: string,
    options: OIDCCallOptions & { grantType?: string } = {},
  ): Promise<TokenResponse> {
    return this.#postForm<TokenResponse>(
      'token',
      { grant_type: options.grantType ?? 'refresh_token', refresh_token: refreshToken },
      options,
    );
  }

  /**
   * python-keycloak's `exchange_token` (RFC 8693); requests a refresh token type by default, as python-keycloak,
   * and says the subject is an access token unless `subjectTokenType` or `subjectIssuer` is given.
   */
  async exchangeToken(token: string, options: ExchangeTokenOptions = {}): Promise<TokenResponse> {
    const fields: FormFields = {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: token,
      // RFC 8693 requires it and Keycloak's standard (V2) exchange refuses a request without it; python-keycloak
      // sends none, which only the legacy exchange tolerated. A token of another issuer must say its own type.
      subject_token_type:
        options.subjectTokenType ?? (options.subjectIssuer === undefined ? ACCESS_TOKEN_TYPE : undefined),
      subject_issuer: options.subjectIssuer,
      requested_token_type: options.requestedTokenType ?? 'urn:ietf:params:oauth:token-type:refresh_token',
      audience: options.audience,
      requested_subject: options.subject,
      requested_issuer: options.requestedIssuer,
      scope: options.scope ?? 'openid',
    };
    return this.#postForm<TokenResponse>('token', fields, options);
  }

  /** python-keycloak's `userinfo`: the claims, or the compact JWT when the client asks for signed userinfo. */
  async userinfo(token: string, options: OIDCCallOptions = {}): Promise<UserInfo | string> {
    const call = this.#callOptions({ method: 'GET', path: 'userinfo', bearer: token, expect: 'text' }, options);
    // A DPoP-bound token (cnf.jkt) goes as `Authorization: DPoP` with a proof carrying its hash (RFC 9449 §7).
    const bound = this.#options.dpop !== undefined && isDpopBound(token);
    const response = bound
      ? await this.#withDpop(call, token, (headers) =>
          this.#connection.request<string>({ ...call, headers: { ...headers, authorization: `DPoP ${token}` } }),
        )
      : await this.#connection.request<string>(call);
    return userinfoBody(
      raiseErrorFromResponse(response, { error: KeycloakGetError }),
      response.headers['content-type'],
    );
  }

  /** python-keycloak's `logout`: ends the session of `refreshToken` (Keycloak answers 204). */
  async logout(refreshToken: string, options: OIDCCallOptions = {}): Promise<void> {
    await this.#postForm('logout', { refresh_token: refreshToken }, options, {
      expectedStatus: [204, 200],
      expect: 'none',
    });
  }

  /** python-keycloak's `certs`: the realm's JWKS as Keycloak serves it. */
  async certs(options: OIDCCallOptions = {}): Promise<JsonWebKeySet> {
    return this.#send<JsonWebKeySet>({ method: 'GET', path: 'certs' }, options, { error: KeycloakGetError });
  }

  /** python-keycloak's `public_key`: the realm's `public_key` (base64 DER, no PEM armour). */
  async publicKey(options: OIDCCallOptions = {}): Promise<string> {
    const realm = await this.#send<{ public_key?: unknown }>({ method: 'GET', path: 'realm' }, options, {
      error: KeycloakGetError,
    });
    if (typeof realm?.public_key !== 'string')
      throw new KeycloakGetError('The realm does not publish a public key', { body: realm });
    return realm.public_key;
  }

  /** python-keycloak's `entitlement`: the legacy entitlement API, gone from current Keycloak (404/405 -> KeycloakDeprecationError). */
  async entitlement(token: string, resourceServerId: string, options: OIDCCallOptions = {}): Promise<unknown> {
    const response = await this.#connection.request(
      this.#callOptions({ method: 'GET', path: 'entitlement', id: resourceServerId, bearer: token }, options),
    );
    if (response.status === 404 || response.status === 405) {
      // raiseErrorFromResponse would stamp ERR_HTTP; a removed API is ERR_DEPRECATED whatever the status.
      throw new KeycloakDeprecationError(
        `The entitlement API is gone from this Keycloak (${errorMessageFromBody(response.body, response.status)})`,
        {
          status: response.status,
          body: response.body,
        },
      );
    }
    return raiseErrorFromResponse(response, { error: KeycloakGetError });
  }

  /**
   * python-keycloak's `introspect` (RFC 7662). With `tokenTypeHint: 'requesting_party_token'` the `rpt`
   * is introspected and `token` sent as the bearer (unless client_secret_basic needs that header).
   * Keycloak 26.6.2+ answers `{ active: false }` when this client is not in the token's `aud`, even for a
   * token issued to this client: an Audience mapper naming this client puts it there (or, deprecated, the
   * client attribute `allow.token.introspection.without.audience.check`).
   * @throws KeycloakRPTNotFound when that hint comes without an `rpt`.
   */
  async introspect(token: string, options: IntrospectOptions = {}): Promise<IntrospectionResponse> {
    if (options.tokenTypeHint === 'requesting_party_token') {
      if (!options.rpt) throw new KeycloakRPTNotFound("Can't found RPT.");
      return this.#postForm('introspect', { token: options.rpt, token_type_hint: options.tokenTypeHint }, options, {
        bearer: token,
      });
    }
    return this.#postForm('introspect', { token, token_type_hint: options.tokenTypeHint }, options);
  }

  /**
   * python-keycloak's `decode_token`. With `validate` (the default) the token is verified against the
   * realm's key set, fetched once and cached (python-keycloak fetches it on every call); `validate: false`
   * only decodes. Like python-keycloak, access tokens and ID tokens both validate by default; an ID token
   * must be issued to this client, and `nonce`/`accessToken`/`authMaxAge` check it against one login.
   * Pass `tokenType: 'Bearer'` when the token authorizes a request: an ID token is no access token.
   * @throws KeycloakInvalidTokenError with a `reason`.
   * @throws TypeError when an ID-token check option is malformed.
   */
  async decodeToken<C extends object = KeycloakAccessTokenClaims>(
    token: string,
    options: DecodeTokenOptions = {},
  ): Promise<C> {
    if (options.validate === false) return decodeUnverified(token) as C;
    const issuer = options.issuer ?? (await this.#discovery.get(options.signal)).issuer;
    const { signal, nonce, accessToken, authMaxAge } = options;
    const verifier = this.#verifierPool().get(issuer, this.#options.clientId, options);
    const verified = await verifier.verify(token, { signal, nonce, accessToken, authMaxAge });
    return verified.claims as unknown as C;
  }

  /** python-keycloak's `load_authorization_config`: exported authorization settings from a file or an object. */
  async loadAuthorizationConfig(path: string | URL | object): Promise<void> {
    const data = await readAuthorizationConfig(path);
    const authorization = new Authorization();
    authorization.loadConfig(data);
    this.#authorization = authorization;
    this.#settings = { data };
  }

  /**
   * Evaluates the loaded settings for the token locally, with Keycloak's semantics (logic, the decision
   * strategies of permissions, aggregates and the resource server, enforcement mode), which
   * {@link getPermissions} (python-keycloak's role matching) does not honour. The settings are compiled
   * on first use; the token's claims come from introspection unless `methodTokenInfo: 'decode'` (Keycloak
   * 26.6.2+ answers introspection active only to a client in the token's `aud`: see {@link getPolicies}).
   * @throws KeycloakAuthorizationConfigError when no config was loaded or it is malformed.
   */
  async evaluateAuthorization(
    token: string,
    request: EvaluationRequest = {},
    options: TokenInfoOptions = {},
  ): Promise<EvaluationResult> {
    const settings = this.#settings;
    if (settings === undefined)
      throw new KeycloakAuthorizationConfigError('Keycloak settings not found. Load Authorization Keycloak settings.');
    settings.compiled ??= compileAuthorizationSettings(settings.data);
    return evaluatePermissions(settings.compiled, await this.#tokenInfo(token, options), request);
  }

  /**
   * python-keycloak's `get_policies`: role policies matching the token's roles of this client, or `undefined`.
   * The claims come from introspection by this client (unless `methodTokenInfo: 'decode'`), which Keycloak
   * 26.6.2+ answers active only when this client is in the token's `aud`: give the clients whose tokens it reads
   * an Audience mapper naming it (its own tokens included). Otherwise the token is refused as
   * `audience_mismatch`.
   */
  async getPolicies(token: string, options: TokenInfoOptions = {}): Promise<Policy[] | undefined> {
    this.#requireAuthorizationConfig();
    return getPolicies(this.#authorization, await this.#tokenInfo(token, options), this.#options.clientId);
  }

  /**
   * python-keycloak's `get_permissions`: the permissions of those policies, each once, or `undefined`. Reads the
   * claims as {@link getPolicies} does (the same Audience mapper requirement for introspection).
   */
  async getPermissions(token: string, options: TokenInfoOptions = {}): Promise<Permission[] | undefined> {
    this.#requireAuthorizationConfig();
    return getPermissions(this.#authorization, await this.#tokenInfo(token, options), this.#options.clientId);
  }

  /** python-keycloak's `uma_permissions`: the UMA grant with `response_mode=permissions` for this client. */
  async umaPermissions(
    token: string,
    permissions: UMAPermissionInput = '',
    options: UMAPermissionsOptions = {},
  ): Promise<UMAPermissionGrant[]> {
    const fields: FormFields = {
      ...options.extraPayload,
      grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
      permission: buildPermissionParam(permissions),
      response_mode: 'permissions',
      audience: options.audience ?? this.#options.clientId,
    };
    const body = { form: fields };
    const response = await this.#connection.request(
      this.#callOptions({ method: 'POST', path: 'token', body, bearer: token }, options),
    );
    return judgeOAuthResponse(response, { error: KeycloakPostError }) as UMAPermissionGrant[];
  }

  /** python-keycloak's `has_uma_access`: 403 -> logged in but not authorized, a refused token (401, or 26.7's 400 invalid_grant) -> not logged in. */
  async hasUmaAccess(
    token: string,
    permissions: UMAPermissionInput,
    options: UMAPermissionsOptions = {},
  ): Promise<AuthStatus> {
    const needed = buildPermissionParam(permissions);
    try {
      return umaAccess(needed, await this.umaPermissions(token, permissions, options));
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const code = ((error as { body?: unknown }).body as { error?: unknown } | null | undefined)?.error;
      if (status === 403) return { is_logged_in: true, is_authorized: false, missing_permissions: needed };
      // Keycloak 26.7 refuses the bearer token itself with 400 invalid_grant ("Invalid bearer token"), older ones 401.
      if (status === 401 || (status === 400 && code === 'invalid_grant'))
        return { is_logged_in: false, is_authorized: false, missing_permissions: needed };
      throw error;
    }
  }

  /** python-keycloak's `register_client`: dynamic client registration with an initial access token. */
  async registerClient(
    token: string,
    payload: ClientRegistrationRepresentation,
    options: OIDCCallOptions = {},
  ): Promise<ClientRegistrationRepresentation> {
    return this.#send({ method: 'POST', path: 'registration', body: { json: payload }, bearer: token }, options, {
      error: KeycloakPostError,
    });
  }

  /** python-keycloak's `device`: starts the device authorization grant (RFC 8628). */
  async device(options: OIDCCallOptions & { scope?: string } = {}): Promise<DeviceAuthorizationResponse> {
    return this.#postForm('device', { scope: options.scope ?? '' }, options);
  }

  /** python-keycloak's `update_client`: `clientId` is filled into the payload when missing (the payload is not mutated). */
  async updateClient(
    token: string,
    clientId: string,
    payload: ClientRegistrationRepresentation,
    options: OIDCCallOptions = {},
  ): Promise<ClientRegistrationRepresentation> {
    const body = { json: { ...payload, clientId: payload.clientId ?? clientId } };
    return this.#send({ method: 'PUT', path: 'registrationClient', id: clientId, body, bearer: token }, options, {
      error: KeycloakPutError,
    });
  }

  /** Closes the connection pool (a user-supplied dispatcher is left open). */
  async close(): Promise<void> {
    await this.#connection.close();
  }

  async #fetchWellKnown(options: OIDCCallOptions): Promise<OpenIDConfiguration> {
    const document = await this.#send<OpenIDConfiguration>({ method: 'GET', path: 'wellKnown' }, options, {
      error: KeycloakGetError,
    });
    if (document === null || typeof document !== 'object' || typeof document.issuer !== 'string') {
      throw new KeycloakGetError('The discovery document has no issuer', { code: 'ERR_INVALID_RESPONSE' });
    }
    return document;
  }

  #verifierPool(): VerifierPool {
    if (this.#verifiers === undefined) {
      const jwksUri = new URL(buildPath(PATHS.certs, { realm: this.#options.realmName }), this.#connection.baseUrl)
        .href;
      const keySet = new RemoteKeySet({
        ...this.#options.jwks,
        jwksUri,
        dispatcher: this.#connection.dispatcher,
        now: this.#options.now,
      });
      this.#verifiers = new VerifierPool(keySet, this.#options.now);
    }
    return this.#verifiers;
  }

  /** Checked before the token is looked at, as python-keycloak does, so a misconfiguration is not hidden by a bad token. */
  #requireAuthorizationConfig(): void {
    if (this.#authorization.policies.size === 0) {
      throw new KeycloakAuthorizationConfigError('Keycloak settings not found. Load Authorization Keycloak settings.');
    }
  }

  async #tokenInfo(token: string, options: TokenInfoOptions): Promise<Record<string, unknown>> {
    const { methodTokenInfo = 'introspect', ...decodeOptions } = options;
    // The claims decide access: only an access token may speak for them, unless the caller says otherwise.
    if (methodTokenInfo !== 'introspect')
      return this.decodeToken<Record<string, unknown>>(token, {
        ...decodeOptions,
        tokenType: decodeOptions.tokenType ?? 'Bearer',
      });
    const info = await this.introspect(token, { signal: options.signal });
    // Keycloak 26.6.2+ also answers inactive when this client is not in the token's aud: say so when it is not.
    if (info.active !== true)
      throw explainInactive(
        new KeycloakInvalidTokenError('Token expired or invalid.', 'revoked'),
        token,
        this.#options.clientId,
      );
    return info;
  }

  /** A form POST to an OAuth endpoint, with the client's credentials. */
  async #postForm<T>(
    path: keyof typeof PATHS,
    fields: FormFields,
    options: OIDCCallOptions,
    extra: { bearer?: string; expectedStatus?: number[]; expect?: ResponseExpectation } = {},
  ): Promise<T> {
    const credentials = await clientCredentials(this.#options, async () => this.#assertionAudience(options.signal));
    const body = { form: { ...credentials.form, ...fields } };
    const call = this.#callOptions({ method: 'POST', path, body, bearer: extra.bearer, expect: extra.expect }, options);
    const send = (headers: Record<string, string>) =>
      this.#connection.request<T>({ ...call, headers: { ...headers, ...credentials.headers } });
    const response =
      path === 'token' && this.#options.dpop !== undefined
        ? await this.#withDpop(call, undefined, send)
        : await send(call.headers);
    return judgeOAuthResponse(response, { error: KeycloakPostError, expectedStatus: extra.expectedStatus });
  }

  async #send<T>(call: Call, options: OIDCCallOptions, judge: RaiseErrorOptions): Promise<T> {
    return raiseErrorFromResponse(await this.#connection.request<T>(this.#callOptions(call, options)), judge);
  }

  /**
   * The DPoP signer of this client (created, or generated, on first use); undefined without the `dpop` option.
   * Its `proof(method, url, { accessToken })` also signs proofs for calls to resource servers.
   */
  dpopSigner(): Promise<DpopSigner> | undefined {
    const pair = this.#options.dpop;
    if (pair === undefined) return undefined;
    this.#dpop ??=
      pair === true
        ? DpopSigner.generate('ES256', this.#options.now)
        : Promise.resolve(new DpopSigner(pair, this.#options.now));
    return this.#dpop;
  }

  /**
   * Sends `call` with a DPoP proof for its URL; when Keycloak answers that it wants a nonce (`use_dpop_nonce`
   * with a `DPoP-Nonce` header, RFC 9449 §8 and §9), sends it once more with a new proof carrying the nonce.
   */
  async #withDpop<T>(
    call: { method: HttpMethod; path: string; headers: Record<string, string> },
    accessToken: string | undefined,
    send: (headers: Record<string, string>) => Promise<KeycloakResponse<T>>,
  ): Promise<KeycloakResponse<T>> {
    const signer = await (this.dpopSigner() as Promise<DpopSigner>);
    // The URL the connection sends to (its base joined to the path, as resolveUrl does).
    const url = this.#connection.baseUrl + call.path.replace(/^\/+/, '');
    const attempt = async () =>
      send({ ...call.headers, dpop: await signer.proof(call.method, url, { accessToken, nonce: this.#dpopNonce }) });
    let response = await attempt();
    const nonce = response.headers['dpop-nonce'];
    if (nonce !== undefined && nonce !== '') {
      const retry = nonce !== this.#dpopNonce && asksForNonce(response);
      this.#dpopNonce = nonce;
      if (retry) response = await attempt();
    }
    return response;
  }

  #callOptions(call: Call, options: OIDCCallOptions) {
    const path = buildPath(PATHS[call.path], {
      realm: this.#options.realmName,
      ...(call.id === undefined ? {} : { id: call.id }),
    });
    const headers: Record<string, string> = call.bearer === undefined ? {} : { authorization: `Bearer ${call.bearer}` };
    return {
      method: call.method,
      path,
      body: call.body,
      headers,
      expect: call.expect,
      signal: options.signal,
      timeout: options.timeout,
    };
  }

  async #assertionAudience(signal: AbortSignal | undefined): Promise<string> {
    return this.#options.assertionAudience ?? (await this.#discovery.get(signal)).issuer;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * Builds a client from options core resolved already (the guard's, validated at its edge): core's own way in,
 * not exported from the package, so the public constructor still checks every user's input.
 */
export function openIDFromResolved(options: ResolvedOpenIDOptions): KeycloakOpenID {
  return new KeycloakOpenID(carrier<KeycloakOpenIDOptions, ResolvedOpenIDOptions>(options));
}

/** Whether a token's (unverified) payload has `cnf.jkt`: a DPoP-bound token. */
function isDpopBound(token: string): boolean {
  try {
    const cnf = (decodeUnverified(token) as { cnf?: { jkt?: unknown } }).cnf;
    return typeof cnf?.jkt === 'string';
  } catch {
    return false;
  }
}

/** `use_dpop_nonce` in a token endpoint's body (400) or a resource's DPoP challenge (401). */
function asksForNonce(response: KeycloakResponse<unknown>): boolean {
  const body = response.body;
  if (response.status === 400 && body !== null && typeof body === 'object')
    return (body as { error?: unknown }).error === 'use_dpop_nonce';
  if (typeof body === 'string' && response.status === 400) return body.includes('use_dpop_nonce');
  return response.status === 401 && (response.headers['www-authenticate'] ?? '').includes('use_dpop_nonce');
}
