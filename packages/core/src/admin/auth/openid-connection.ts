/**
 * KeycloakOpenIDConnection: python-keycloak's class of the same name, a connection that holds the admin
 * token and sends it with every call. Unlike python-keycloak it renews the token a margin before its
 * expiry on an injectable clock, shares one renewal among every call waiting for it (single flight),
 * falls back to a new login whenever the refresh token is refused, and never shares a mutable header
 * dict between calls (the token goes in each call's own headers).
 */
import { KeycloakAuthenticationError, KeycloakOperationError } from '../../errors.js';
import { KeycloakConnection } from '../../http/connection.js';
import type { CallOptions, FormFields, KeycloakResponse, QueryParams, RequestOptions } from '../../http/types.js';
import { raceSignal } from '../../shared/shared-fetch.js';
import { openIDFromResolved, type KeycloakOpenID } from '../../oidc/keycloak-openid.js';
import type { ResolvedOpenIDOptions } from '../../oidc/options.js';
import { carrier, resolvedOr } from '../../shared/resolved.js';
import {
  realmNameOption,
  resolveOpenIDConnectionOptions,
  type KeycloakOpenIDConnectionOptions,
  type ResolvedOpenIDConnectionOptions,
} from './options.js';
import { isDeadRefreshToken, postTokenRequest } from './token-endpoint.js';
import { canRefresh, isFresh, toTokenState, type AdminToken, type TokenState } from './token-set.js';

/**
 * A Keycloak connection authenticated as an admin (a user, or a client's service account).
 *
 * @example
 * const connection = new KeycloakOpenIDConnection({ serverUrl: 'https://sso.example.com/', username: 'admin', password });
 * const admin = new KeycloakAdmin({ connection });
 */
export class KeycloakOpenIDConnection {
  readonly #options: ResolvedOpenIDConnectionOptions;
  readonly #http: KeycloakConnection;
  #realmName: string;
  #state: TokenState | undefined;
  #renewal: Promise<TokenState> | undefined;
  readonly #openidOptions: ResolvedOpenIDOptions;
  #openid: KeycloakOpenID | undefined;
  #closed = false;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: KeycloakOpenIDConnectionOptions) {
    this.#options = resolvedOr(options, resolveOpenIDConnectionOptions);
    this.#openidOptions = openidOptionsOf(this.#options);
    this.#http = new KeycloakConnection(this.#options.connection);
    this.#realmName = this.#options.realmName;
    const given = this.#options.token;
    if (given !== undefined) {
      const response: AdminToken = typeof given === 'string' ? { access_token: given } : given;
      this.#state = toTokenState(response, this.#options.now(), this.#options.refreshMarginMs, 'token', true);
    }
  }

  /** The plain connection underneath (base URL, header helpers, dispatcher). */
  get http(): KeycloakConnection {
    return this.#http;
  }

  /** The realm admin calls act on. */
  get realmName(): string {
    return this.#realmName;
  }

  /** Changes the realm admin calls act on; the token (of `userRealmName` or the first realm) is kept. */
  set realmName(name: string) {
    this.#realmName = realmNameOption('realmName', name);
  }

  /** The realm the token is requested from: `userRealmName`, else the `realmName` given at construction. */
  get tokenRealmName(): string {
    return this.#options.tokenRealmName;
  }

  /** The client the token is requested for. */
  get clientId(): string {
    return this.#options.clientId;
  }

  /** The current token endpoint answer, or `undefined` before the first call. */
  get token(): AdminToken | undefined {
    return this.#state?.response;
  }

  /** When the access token expires, in epoch ms on the configured clock, when known. */
  get expiresAt(): number | undefined {
    return this.#state?.expiresAtMs;
  }

  /**
   * python-keycloak's `keycloak_openid`: a KeycloakOpenID of the token realm and the connection's client
   * (with its secret), built on first use with this connection's server, TLS, proxy, headers, timeout,
   * retries, dispatcher and clock, and closed with the connection.
   */
  get keycloakOpenid(): KeycloakOpenID {
    // Built after close(), it would own a pool that nothing ever closes.
    if (this.#openid === undefined && this.#closed) throw new KeycloakOperationError('The connection is closed');
    this.#openid ??= openIDFromResolved(this.#openidOptions);
    return this.#openid;
  }

  /** python-keycloak's `get_token`: logs in again with the configured grant (or joins a renewal already in flight). */
  async getToken(options: Pick<CallOptions, 'signal'> = {}): Promise<AdminToken> {
    return (
      await raceSignal(
        this.#share(() => this.#login()),
        options.signal,
      )
    ).response;
  }

  /** python-keycloak's `refresh_token`: refreshes the token, logging in again when the refresh token is refused. */
  async refreshToken(options: Pick<CallOptions, 'signal'> = {}): Promise<AdminToken> {
    return (
      await raceSignal(
        this.#share(() => this.#renew()),
        options.signal,
      )
    ).response;
  }

  /**
   * Sends one call with the admin token and returns the answer whatever its status. The token is
   * obtained on first use and renewed before it expires; a 401 renews it once and repeats the call once
   * (safe for a POST too: a 401 means Keycloak did not act on it).
   */
  async request<T = unknown>(options: RequestOptions): Promise<KeycloakResponse<T>> {
    const token = await this.#accessToken(options.signal);
    const response = await this.#send<T>(options, token);
    if (response.status !== 401 || !this.#renewable()) return response;
    return this.#send<T>(options, await this.#tokenAfter401(token, options.signal));
  }

  /** python-keycloak's `raw_get` with the admin token. */
  rawGet(path: string, query?: QueryParams, options: CallOptions = {}): Promise<KeycloakResponse> {
    return this.request({ ...options, method: 'GET', path, query });
  }

  /** python-keycloak's `raw_post` with the admin token (JSON body). Never retried but after a 401. */
  rawPost(path: string, data: unknown, options: CallOptions & { query?: QueryParams } = {}): Promise<KeycloakResponse> {
    return this.request({ ...options, method: 'POST', path, body: { json: data } });
  }

  /** python-keycloak's `raw_put` with the admin token (JSON body). */
  rawPut(path: string, data: unknown, options: CallOptions & { query?: QueryParams } = {}): Promise<KeycloakResponse> {
    return this.request({ ...options, method: 'PUT', path, body: { json: data } });
  }

  /** python-keycloak's `raw_delete` with the admin token, with an optional JSON body. */
  rawDelete(
    path: string,
    data?: unknown,
    options: CallOptions & { query?: QueryParams } = {},
  ): Promise<KeycloakResponse> {
    return this.request({
      ...options,
      method: 'DELETE',
      path,
      ...(data === undefined ? {} : { body: { json: data } }),
    });
  }

  /** Closes the connection's pool and that of `keycloakOpenid` if built (a user-supplied dispatcher is left open). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#http.close(), this.#openid?.close()]);
  }

  #send<T>(options: RequestOptions, token: string): Promise<KeycloakResponse<T>> {
    return this.#http.request<T>({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
  }

  async #accessToken(signal: AbortSignal | undefined): Promise<string> {
    const state = this.#state;
    if (state !== undefined && (isFresh(state, this.#options.now()) || !this.#renewable()))
      return state.response.access_token;
    return (
      await raceSignal(
        this.#share(() => this.#renew()),
        signal,
      )
    ).response.access_token;
  }

  /** The token to repeat a call with after `rejected` got a 401. */
  async #tokenAfter401(rejected: string, signal: AbortSignal | undefined): Promise<string> {
    const current = this.#state?.response.access_token;
    // Another call already replaced the rejected token: use the new one rather than renewing again.
    if (current !== undefined && current !== rejected && this.#renewal === undefined) return current;
    return (
      await raceSignal(
        this.#share(() => this.#renew()),
        signal,
      )
    ).response.access_token;
  }

  /** Starts `work` unless a renewal is in flight, in which case every caller waits for that one. */
  #share(work: () => Promise<TokenState>): Promise<TokenState> {
    if (this.#renewal !== undefined) return this.#renewal;
    const renewal = work().finally(() => {
      if (this.#renewal === renewal) this.#renewal = undefined;
    });
    this.#renewal = renewal;
    return renewal;
  }

  #renewable(): boolean {
    return (
      this.#options.grantType !== undefined ||
      (this.#state !== undefined && canRefresh(this.#state, this.#options.now()))
    );
  }

  async #renew(): Promise<TokenState> {
    const state = this.#state;
    const refreshToken = state?.response.refresh_token;
    if (state !== undefined && refreshToken !== undefined && canRefresh(state, this.#options.now())) {
      try {
        return this.#store(await this.#post({ grant_type: 'refresh_token', refresh_token: refreshToken }));
      } catch (error) {
        if (!isDeadRefreshToken(error) || this.#options.grantType === undefined) throw error;
      }
    }
    return this.#login();
  }

  async #login(): Promise<TokenState> {
    const { grantType, username, password, totp } = this.#options;
    if (grantType === undefined) {
      throw new KeycloakAuthenticationError(
        'The admin token cannot be renewed: no credentials were given, only a token',
      );
    }
    const form: FormFields =
      grantType === 'password'
        ? { grant_type: 'password', username, password, totp }
        : { grant_type: 'client_credentials' };
    return this.#store(await this.#post(form));
  }

  #post(form: FormFields): Promise<unknown> {
    const { clientId, clientSecretKey, tokenRealmName } = this.#options;
    return postTokenRequest(this.#http, tokenRealmName, {
      ...form,
      client_id: clientId,
      client_secret: clientSecretKey,
    });
  }

  #store(body: unknown): TokenState {
    try {
      this.#state = toTokenState(body, this.#options.now(), this.#options.refreshMarginMs, 'The token endpoint answer');
    } catch (error) {
      throw new KeycloakOperationError('The token endpoint answered without an access token', {
        code: 'ERR_INVALID_RESPONSE',
        cause: error,
      });
    }
    return this.#state;
  }
}

/**
 * The options of the KeycloakOpenID python-keycloak's connection keeps (for logout, userinfo...), made of the
 * connection's own resolved options: the same connection settings, the credentials' realm and client.
 */
function openidOptionsOf(resolved: ResolvedOpenIDConnectionOptions): ResolvedOpenIDOptions {
  return {
    connection: resolved.connection,
    realmName: resolved.tokenRealmName,
    clientId: resolved.clientId,
    clientSecretKey: resolved.clientSecretKey,
    clientAuthMethod: resolved.clientSecretKey === undefined ? 'none' : 'client_secret_post',
    privateKey: undefined,
    privateKeyId: undefined,
    signingAlgorithm: 'RS256',
    assertionAudience: undefined,
    jwks: undefined,
    dpop: undefined,
    now: resolved.now,
  };
}

/**
 * Builds a connection from options core resolved already (the guard's, validated at its edge): core's own way in,
 * not exported from the package, so the public constructor still checks every user's input.
 */
export function connectionFromResolved(options: ResolvedOpenIDConnectionOptions): KeycloakOpenIDConnection {
  return new KeycloakOpenIDConnection(
    carrier<KeycloakOpenIDConnectionOptions, ResolvedOpenIDConnectionOptions>(options),
  );
}
