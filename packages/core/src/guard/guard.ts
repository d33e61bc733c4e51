import { httpClaimProvider, type HttpClaimProvider } from '../authz/enforcer/http-claims.js';
import type { ClaimProvider } from '../authz/enforcer/policy-enforcer.js';
import {
  KeycloakGuardError,
  KeycloakInvalidTokenError,
  KeycloakOperationError,
  type GuardDenialReason,
} from '../errors.js';
import { withDpopChallenge, type DpopChallengeMode } from './dpop-challenge.js';
import { DpopDenial, DpopGate } from './dpop-gate.js';
import type { KeycloakAccessTokenClaims } from '../token/claims.js';
import type { VerifiedToken } from '../token/verified-token.js';
import { adminFactory, type GuardAdmin } from './admin.js';
import { challengesFor, guardError, type AnswerOptions } from './answers.js';
import { warnAudienceOptOut } from './audience.js';
import { KeycloakRequestContext, type AdminProvider } from './context.js';
import { readCredentials, type DpopCredentials, type RequestSource } from './credentials.js';
import { UmaAuthorizer, type Verdict } from './internal/authorize.js';
import { Denial } from './internal/denial.js';
import { guardDecisions } from '../shared/diagnostics.js';
import { logDenial } from './internal/denial-log.js';
import { noteRefusalRealm, observeDecision } from './internal/observe-decision.js';
import { startupCheck } from './internal/startup-check.js';
import { misconfigurationOf } from './internal/keycloak-failure.js';
import { OwnedResources } from './internal/owned.js';
import { peekIssuer } from './internal/peek-issuer.js';
import { realmAddress, type RealmAddress } from './internal/realm-address.js';
import { RealmEntries, realmEntry, type RealmEntry } from './internal/realms.js';
import { isRealmName, resolveGuardOptions, type KeycloakGuardOptions, type ResolvedGuardOptions } from './options.js';
import { compileSpec, type ClaimsSpec, type PolicyEnforcerSpec, type ProtectSpec } from './spec.js';
import type { GuardReadiness, GuardReadyOptions } from './readiness.js';
import type { KeycloakGuardStats } from './stats.js';
import { Revocations } from '../revocation/revocations.js';
import type { RevocationAnswer, RevocationEndpoint, RevocationRequest } from '../revocation/receiver.js';

type Context<C extends KeycloakAccessTokenClaims> = KeycloakRequestContext<C, GuardAdmin>;

/**
 * Checks one request: resolves to the handler's context, or rejects with a {@link KeycloakGuardError}
 * (or with whatever a predicate spec threw).
 */
export type GuardCheck<R, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> = (
  request: R,
) => Promise<KeycloakRequestContext<C, GuardAdmin>>;

/**
 * The {@link GuardCheck} of a spec that may be a policy enforcer (`{ config }`): it also resolves to
 * undefined, when a request without a token passes a DISABLED path (or the `on-deny-redirect-to` page),
 * since there is no token to give the handler.
 */
export type OptionalGuardCheck<R, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims> = (
  request: R,
) => Promise<KeycloakRequestContext<C, GuardAdmin> | undefined>;

/**
 * A {@link GuardCheck} for adapters' hot path: returns the context itself when it is known at once (a
 * token answered from the verified-token cache and a claims-only spec), a promise otherwise, and may
 * throw the refusal synchronously. Run it with {@link runInlineCheck}.
 */
export type InlineGuardCheck<R, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims, A = undefined> = (
  request: R,
) => KeycloakRequestContext<C, GuardAdmin> | A | Promise<KeycloakRequestContext<C, GuardAdmin> | A>;

/**
 * The framework-free bearer guard shared by the Express and Fastify adapters: reads the token from a
 * request (RFC 6750), verifies it against the realm (locally or by introspection), applies the route's
 * spec, and answers refusals with a {@link KeycloakGuardError} that carries the status and the
 * `WWW-Authenticate` header. Options are checked here once; specs are compiled once per `protect()`.
 *
 * @example
 * ```ts
 * const guard = new KeycloakGuard({ serverUrl, realm: 'acme', clientId: 'orders-api' }, nodeRequestSource);
 * const check = guard.protect({ roles: ['realm:admin'] });
 * const context = await check(req); // throws KeycloakGuardError with .status and .headers
 * // on shutdown: closes the guard's connections to Keycloak
 * await guard.close();
 * ```
 */
export class KeycloakGuard<R, C extends KeycloakAccessTokenClaims = KeycloakAccessTokenClaims>
  implements AdminProvider<GuardAdmin>
{
  readonly #options: ResolvedGuardOptions<R>;
  readonly #source: RequestSource<R>;
  readonly #static: RealmEntry | undefined;
  readonly #entries: RealmEntries;
  readonly #adminFactory: (() => GuardAdmin) | undefined;
  readonly #owned: OwnedResources;
  readonly #dpop: DpopGate<R>;
  readonly #revocations: Revocations | undefined;
  #admin: GuardAdmin | undefined;
  #httpClaims: HttpClaimProvider | undefined;
  #usesUma = false;

  /**
   * @param options checked at once; a bad one throws a TypeError naming it.
   * @param source how to read the adapter's request objects.
   */
  constructor(options: KeycloakGuardOptions<R>, source: RequestSource<R>) {
    const resolved = resolveGuardOptions(options);
    if (resolved.realm !== undefined && resolved.allowedIssuers !== undefined) {
      throw new TypeError('"realm" and "allowedIssuers" cannot be used together');
    }
    if (typeof source?.rawHeaders !== 'function' || typeof source.query !== 'function') {
      throw new TypeError('"source" must have rawHeaders(request) and query(request, name) functions');
    }
    this.#source = source;
    // Lines not about one request (an opt-out, a full replay set, a store outage) go to the app's logger.
    const appLogger = resolved.logger ?? source.logger;
    warnAudienceOptOut(resolved.tokenAudience, appLogger, resolved.clientId);
    // Every client the guard builds shares one pool, so close() can end every connection it opened.
    this.#owned = new OwnedResources(resolved.dispatcher);
    this.#revocations =
      resolved.revocation === undefined
        ? undefined
        : new Revocations({ ...resolved, logger: appLogger, revocation: resolved.revocation });
    // A pushed not-before is applied by the revocation check every token goes through (verified locally, cached
    // or introspected alike), so the verifiers are not told of it: one check, one refusal (token_revoked).
    this.#options = { ...resolved, dispatcher: this.#owned.dispatcher };
    if (this.#revocations !== undefined) this.#owned.add(this.#revocations);
    const neutral = this.#options as ResolvedGuardOptions<never>;
    const { realm, serverUrl } = this.#options;
    this.#static = typeof realm === 'string' ? realmEntry(realmAddress(serverUrl, realm), neutral) : undefined;
    this.#entries = new RealmEntries(neutral);
    if (this.#static !== undefined) this.#owned.add(this.#static);
    this.#owned.add(this.#entries);
    this.#dpop = new DpopGate({ ...this.#options, logger: appLogger }, source);
    this.#adminFactory = adminFactory(
      {
        serverUrl,
        realm: this.#static?.realmName,
        clientId: this.#options.clientId,
        clientSecret: this.#options.clientSecret,
        dispatcher: this.#options.dispatcher,
      },
      options.admin,
    );
  }

  /** The realm name when it is fixed, else undefined. */
  get realm(): string | undefined {
    return this.#static?.realmName;
  }

  /** This API's client id. */
  get clientId(): string {
    return this.#options.clientId;
  }

  /**
   * The admin client shared by all requests, created on first use.
   * @throws KeycloakOperationError when no admin client can be built, or the guard is closed.
   */
  get admin(): GuardAdmin {
    if (this.#owned.closed) throw new KeycloakOperationError('The Keycloak guard is closed');
    if (this.#admin === undefined) {
      if (this.#adminFactory === undefined) {
        throw new KeycloakOperationError(
          'No admin client: give "admin" credentials, or a clientSecret with a fixed realm',
        );
      }
      this.#admin = this.#adminFactory();
      this.#owned.add(this.#admin);
    }
    return this.#admin;
  }

  /** A snapshot of the guard's caches per realm, for metrics; holds no token. */
  get stats(): KeycloakGuardStats {
    const entries = this.#static === undefined ? this.#entries.values() : [this.#static];
    const realms = entries.map((entry) => entry.stats());
    return { closed: this.#owned.closed, realmsCached: realms.length, realms };
  }

  /**
   * The revocation receiver a request path names (`{revocation.path}k_logout`, `k_push_not_before`,
   * `backchannel-logout`), or undefined: when it is none of them, or the `revocation` option is off. For adapters.
   */
  revocationEndpoint(path: string): RevocationEndpoint | undefined {
    return this.#revocations?.endpointOf(path);
  }

  /**
   * Answers one of Keycloak's revocation callbacks (for adapters, after {@link revocationEndpoint}): the body
   * read as a string, or parsed by the app's own form parser. Never rejects; the answer has its status, headers
   * and body. The realm is the guard's, the resolver's for this request, or each allow-listed issuer's.
   */
  async receiveRevocation(
    endpoint: RevocationEndpoint,
    request: R,
    body: RevocationRequest,
  ): Promise<RevocationAnswer> {
    const revocations = this.#revocations;
    if (revocations === undefined || this.#owned.closed)
      return {
        status: 503,
        headers: { 'cache-control': 'no-store', 'retry-after': String(this.#options.retryAfterSeconds) },
        body: undefined,
      };
    return revocations.receive(endpoint, body, this.#callbackRealms(request));
  }

  /** The realms a revocation callback may come from: the guard's, the resolver's for this request, or the allow-list's. */
  #callbackRealms(request: R): RealmEntry[] {
    if (this.#static !== undefined) return [this.#static];
    let resolved: RealmEntry | undefined;
    try {
      resolved = this.#resolvedRealm(request);
    } catch {
      // A resolver that cannot read the callback: no realm (a guard with a resolver has no allow-list), so the
      // receiver answers 400 as for an unknown issuer.
    }
    return resolved === undefined ? this.#allowedRealms() : [resolved];
  }

  #allowedRealms(): RealmEntry[] {
    return [...(this.#options.allowedIssuers?.values() ?? [])].map((address) => this.#entries.byIssuer(address));
  }

  /**
   * Closes what the guard opened: its connection pool to Keycloak (JWKS, introspection, UMA and
   * Protection API calls), the admin client, and every realm's clients; a `dispatcher` given in the
   * options is left open. Requests in flight finish first. Idempotent, and never rejects. Checks after
   * it are refused with a 503 `guard_closed` (`Retry-After`), and `admin` throws.
   */
  close(): Promise<void> {
    return this.#owned.close();
  }

  /**
   * The startup check: asks Keycloak what the first requests would, and resolves with what was checked and what
   * could not be, or rejects with a {@link KeycloakConfigError} naming the option to fix. Per realm known before
   * any request (a fixed `realm`, or each of `allowedIssuers`): the discovery document (the realm exists, and
   * names the issuer tokens are checked against) and the keys, loaded into the guard's cache; the client's
   * credentials under `validation: 'introspect'`; and for the UMA routes declared so far (or with
   * `resourceServer: true`) the resource server `authorization.audience`, by a UMA grant with the client's
   * credentials (it needs `clientSecret` and a service account, or it is reported unchecked). With a realm
   * resolver, realms are checked on their first request, and the answer says so.
   * `error.code` tells `ERR_KEYCLOAK_UNREACHABLE` (no answer, a timeout, a 5xx) from `ERR_KEYCLOAK_CONFIG`
   * (Keycloak says the realm, client or resource server does not exist). Nothing is cached on failure.
   *
   * @example
   * ```ts
   * const { unchecked } = await guard.ready(); // rejects: KeycloakConfigError { code, problem, option }
   * ```
   */
  ready(options: GuardReadyOptions = {}): Promise<GuardReadiness> {
    if (this.#owned.closed) return Promise.reject(new KeycloakOperationError('The Keycloak guard is closed'));
    const resourceServer = options.resourceServer === true || this.#usesUma;
    const realms = this.#static !== undefined ? [this.#static] : this.#allowedRealms();
    return startupCheck({
      options: this.#options as ResolvedGuardOptions<never>,
      realms,
      resourceServer,
      signal: options.signal,
    });
  }

  /**
   * Compiles `spec` and returns the per-request check. Bad specs throw here (TypeError, or
   * KeycloakAuthorizationConfigError for a bad policy-enforcer config), never on a request.
   *
   * UMA specs (`'resource:scope'`, lists, `{ config }`) are decided by Keycloak's UMA grant after the
   * token is verified, through a per-realm decision cache: 403 `insufficient_scope` naming what is
   * missing, 401 when Keycloak refuses the bearer token, 503 when it cannot be asked.
   */
  protect(spec?: Exclude<ProtectSpec<R, C>, PolicyEnforcerSpec>): GuardCheck<R, C>;
  protect(spec?: ProtectSpec<R, C>): OptionalGuardCheck<R, C>;
  protect(spec?: ProtectSpec<R, C>): OptionalGuardCheck<R, C> {
    const check = this.protectInline(spec);
    return (request) => {
      try {
        return Promise.resolve(check(request));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  /**
   * {@link protect} for adapters: a warm request (cached token, and a claims-only spec or a UMA decision
   * already cached or carried by the RPT) is answered without a promise, so the framework goes on in
   * the same tick and allocates less per request.
   */
  protectInline(spec?: Exclude<ProtectSpec<R, C>, PolicyEnforcerSpec>): InlineGuardCheck<R, C, never>;
  protectInline(spec?: ProtectSpec<R, C>): InlineGuardCheck<R, C>;
  protectInline(spec?: ProtectSpec<R, C>): InlineGuardCheck<R, C> {
    const compiled = compileSpec<R>(spec, this.#options.clientId, () => ({ http: this.#httpClaimProvider() }));
    if (compiled?.kind === 'enforcer' && typeof this.#source.enforcerRequest !== 'function') {
      throw new TypeError('"spec.config" needs a request source with enforcerRequest(request)');
    }
    const authorizer =
      compiled === undefined || compiled.kind === 'claims'
        ? undefined
        : new UmaAuthorizer<R>(compiled, this.#source, this.#options);
    if (authorizer?.opensConnections === true) this.#owned.add(authorizer);
    // ready() checks the resource server of the UMA routes declared before it.
    if (authorizer !== undefined) this.#usesUma = true;
    const claims = compiled?.kind === 'claims' ? compiled : undefined;
    const kind = compiled?.kind ?? 'token';
    const check: (request: R) => ReturnType<InlineGuardCheck<R, C>> = !this.#dpop.required
      ? (request) => this.#check(request, claims, authorizer)
      : // DPoP required: every refusal names the DPoP scheme alone (RFC 9449 §7.1).
        (request) => {
          try {
            const result = this.#check(request, claims, authorizer);
            return result instanceof Promise
              ? result.catch((error: unknown) => this.#dpopChallenge(error, 'required'))
              : result;
          } catch (error) {
            throw this.#dpopChallenge(error, 'required');
          }
        };
    // keycloak-ts:guard:decision (shared/diagnostics.ts): a warm request pays one property read when nobody listens.
    return (request) =>
      guardDecisions.hasSubscribers ? observeDecision(check, request, kind, this.#options.clientId) : check(request);
  }

  /**
   * The refusal `error` with the DPoP challenge (see {@link withDpopChallenge}); other errors unchanged. `realm`
   * gives the bare Bearer challenge of the modes that keep one; under `required` the refusal's own parameters
   * (its realm among them) move to the DPoP challenge, so no realm is needed.
   */
  #dpopChallenge(error: unknown, mode: DpopChallengeMode, realm?: RealmEntry): never {
    if (!(error instanceof KeycloakGuardError)) throw error;
    throw withDpopChallenge(error, (realm?.challenges ?? UNKNOWN_REALM).base, this.#dpop.algs, mode);
  }

  /**
   * The `http` claim-information-point provider of enforcer routes whose spec gives none: one connection
   * on the guard's pool, with its timeout, closed with the guard.
   */
  #httpClaimProvider(): ClaimProvider {
    // Stryker disable next-line ConditionalExpression: a memo; a provider per route would answer alike, closed with the guard.
    if (this.#httpClaims === undefined) {
      this.#httpClaims = httpClaimProvider({
        timeout: this.#options.timeoutDuration,
        dispatcher: this.#options.dispatcher,
      });
      this.#owned.add(this.#httpClaims);
    }
    return this.#httpClaims.provide;
  }

  #check(
    request: R,
    compiled: ClaimsSpec<R> | undefined,
    authorizer: UmaAuthorizer<R> | undefined,
  ): Context<C> | undefined | Promise<Context<C>> {
    let realm = this.#static;
    let raw: string;
    let verified;
    if (this.#owned.closed) throw this.#deny('guard_closed', realm, request, undefined);
    try {
      realm ??= this.#resolvedRealm(request);
      const credentials = readCredentials(request, this.#source, this.#options);
      if (typeof credentials !== 'string') return this.#checkDpop(request, realm, credentials, compiled, authorizer);
      raw = credentials;
      realm ??= this.#issuerRealm(raw);
      verified = realm.cached(raw);
    } catch (error) {
      // An enforcer's DISABLED path (or its deny page) needs no token; a token sent there is still checked.
      if (error instanceof Denial && error.reason === 'no_credentials' && authorizer?.passesAnonymous(request) === true)
        return undefined;
      throw this.#refusal(error, realm, request, authorizer?.redirectTo);
    }
    if (verified === undefined) return this.#verifyThenDecide(request, realm, raw, compiled, authorizer);
    this.#checkBearer(request, realm, verified);
    return this.#decide(request, realm, raw, verified, compiled, authorizer);
  }

  async #verifyThenDecide(
    request: R,
    realm: RealmEntry,
    raw: string,
    compiled: ClaimsSpec<R> | undefined,
    authorizer: UmaAuthorizer<R> | undefined,
  ): Promise<Context<C>> {
    let verified;
    try {
      verified = await realm.check(raw);
    } catch (error) {
      throw this.#refusal(error, realm, request);
    }
    this.#checkBearer(request, realm, verified);
    return this.#decide(request, realm, raw, verified, compiled, authorizer);
  }

  /** A DPoP-bound token sent as Bearer, or any Bearer token when DPoP is required: 401 (RFC 9449 §7.2). */
  #checkBearer(request: R, realm: RealmEntry, verified: VerifiedToken): void {
    const reason = this.#dpop.bearerRefusal(verified);
    if (reason === undefined) return;
    const error = this.#deny(reason, realm, request, verified.subject);
    this.#dpopChallenge(error, this.#dpop.required ? 'required' : 'bearer', realm);
  }

  /** `Authorization: DPoP`: the token as for Bearer, then its proof; every refusal names the DPoP scheme. */
  async #checkDpop(
    request: R,
    resolved: RealmEntry | undefined,
    credentials: DpopCredentials,
    compiled: ClaimsSpec<R> | undefined,
    authorizer: UmaAuthorizer<R> | undefined,
  ): Promise<Context<C>> {
    let realm = resolved;
    try {
      let verified;
      try {
        realm ??= this.#issuerRealm(credentials.token);
        verified = realm.cached(credentials.token) ?? (await realm.check(credentials.token));
      } catch (error) {
        throw this.#refusal(error, realm, request);
      }
      try {
        await this.#dpop.verify(request, credentials, verified);
      } catch (error) {
        if (!(error instanceof DpopDenial)) throw error;
        throw this.#deny(error.reason, realm, request, verified.subject, undefined, error.description);
      }
      return await this.#decide(request, realm, credentials.token, verified, compiled, authorizer);
    } catch (error) {
      // Stryker disable next-line StringLiteral: 'dpop-scheme' is withDpopChallenge's default branch.
      return this.#dpopChallenge(error, this.#dpop.required ? 'required' : 'dpop-scheme', realm);
    }
  }

  /** Applies the route's spec to a verified token; waits only for an async predicate or Keycloak's UMA answer. */
  #decide(
    request: R,
    realm: RealmEntry,
    raw: string,
    verified: VerifiedToken,
    compiled: ClaimsSpec<R> | undefined,
    authorizer: UmaAuthorizer<R> | undefined,
  ): Context<C> | Promise<Context<C>> {
    const revoked = this.#revocations?.deny(verified.claims);
    if (revoked !== undefined) throw this.#deny(revoked, realm, request, verified.subject);
    if (compiled !== undefined) {
      const allowed = compiled.allows(verified.claims, request);
      if (typeof allowed !== 'boolean')
        return this.#decideLater(request, realm, raw, verified, compiled, authorizer, allowed);
      if (!allowed) throw this.#denyClaims(compiled, realm, request, verified);
    }
    if (authorizer !== undefined) return this.#authorize(request, realm, raw, verified, authorizer);
    return new KeycloakRequestContext<C, GuardAdmin>(
      verified as never,
      raw,
      realm.realmName ?? '',
      this.#options.clientId,
      this,
    );
  }

  async #decideLater(
    request: R,
    realm: RealmEntry,
    raw: string,
    verified: VerifiedToken,
    compiled: ClaimsSpec<R>,
    authorizer: UmaAuthorizer<R> | undefined,
    pending: Promise<boolean>,
  ): Promise<Context<C>> {
    if ((await pending) !== true) throw this.#denyClaims(compiled, realm, request, verified);
    return this.#decide(request, realm, raw, verified, undefined, authorizer);
  }

  /** A warm UMA decision (cached, or carried by the RPT) answers in this tick, like a cached token. */
  #authorize(
    request: R,
    realm: RealmEntry,
    raw: string,
    verified: VerifiedToken,
    authorizer: UmaAuthorizer<R>,
  ): Context<C> | Promise<Context<C>> {
    const verdict = authorizer.authorize(realm, verified, raw, request);
    if (verdict instanceof Promise)
      return verdict.then((settled) => this.#authorized(request, realm, raw, verified, settled, authorizer));
    return this.#authorized(request, realm, raw, verified, verdict, authorizer);
  }

  #authorized(
    request: R,
    realm: RealmEntry,
    raw: string,
    verified: VerifiedToken,
    verdict: Verdict,
    authorizer: UmaAuthorizer<R>,
  ): Context<C> {
    if (!verdict.allowed)
      throw this.#deny(verdict.reason, realm, request, verified.subject, verdict.cause, verdict.description, {
        redirectTo: authorizer.redirectTo,
        umaChallenge: verdict.umaChallenge,
      });
    return new KeycloakRequestContext<C, GuardAdmin>(
      verified as never,
      raw,
      realm.realmName ?? '',
      this.#options.clientId,
      this,
      verdict.permissions,
    );
  }

  /** The refusal of a claims spec, naming what was missing when the spec can say it (roles, scopes). */
  #denyClaims(compiled: ClaimsSpec<R>, realm: RealmEntry, request: R, verified: VerifiedToken): KeycloakGuardError {
    const refusal = compiled.explain?.(verified.claims);
    if (refusal === undefined) return this.#deny(compiled.deniedReason, realm, request, verified.subject);
    return this.#deny(refusal.reason, realm, request, verified.subject, undefined, refusal.description, {
      scope: refusal.scope,
    });
  }

  /** The refusal for a failure of reading or verifying the token; other errors pass unchanged. */
  #refusal(error: unknown, realm: RealmEntry | undefined, request: R, redirectTo?: string): unknown {
    if (error instanceof Denial)
      return this.#deny(error.reason, realm, request, undefined, error.cause, undefined, { redirectTo });
    if (error instanceof KeycloakInvalidTokenError) {
      // The one refusal whose cause is the realm's set-up, not the token: the description says what to change.
      const description = error.reason === 'audience_mismatch' ? this.#options.tokenAudience.description : undefined;
      return this.#deny(error.reason, realm, request, undefined, error, description);
    }
    return error;
  }

  #resolvedRealm(request: R): RealmEntry | undefined {
    const { realm } = this.#options;
    if (typeof realm !== 'function') return undefined;
    let name;
    try {
      name = realm(request);
    } catch (error) {
      // A resolver reads the request (host, header, path); one that cannot is a bad request, not a 500.
      throw new Denial('realm_unresolved', error);
    }
    if (!isRealmName(name)) throw new Denial('realm_unresolved');
    return this.#entries.byName(name);
  }

  #issuerRealm(raw: string): RealmEntry {
    const issuer = peekIssuer(raw);
    if (issuer === undefined) throw new Denial('malformed');
    // Only a guard with an allow-list reads the realm off the token.
    const address = (this.#options.allowedIssuers as ReadonlyMap<string, RealmAddress>).get(issuer);
    if (address === undefined) throw new Denial('issuer_not_allowed');
    return this.#entries.byIssuer(address);
  }

  #deny(
    given: GuardDenialReason,
    realm: RealmEntry | undefined,
    request: R,
    subject: string | undefined,
    cause?: unknown,
    description?: string,
    answer?: AnswerOptions,
  ): KeycloakGuardError {
    // Keycloak's answer may say more than "it failed": an unknown realm, client or resource server.
    // Stryker disable next-line ConditionalExpression: only Keycloak's error answers carry a misconfiguration to read.
    const reason = given === 'keycloak_error' ? (misconfigurationOf(cause) ?? given) : given;
    const error = guardError(
      reason,
      realm?.challenges ?? UNKNOWN_REALM,
      this.#options.retryAfterSeconds,
      cause,
      description,
      answer,
    );
    noteRefusalRealm(error, realm?.realmName);
    const { onDenied, clientId, authorization } = this.#options;
    const logger = this.#options.logger ?? this.#source.log?.(request);
    if (logger !== undefined) {
      logDenial(logger, error, { realm: realm?.realmName, subject, clientId, audience: authorization.audience, cause });
    }
    // Stryker disable next-line ConditionalExpression: calling a missing observer throws into the catch below; the test spares it.
    if (onDenied !== undefined) {
      try {
        onDenied({ status: error.status, code: error.code, reason, realm: realm?.realmName, subject, request, cause });
      } catch {
        // An observer must not change the answer.
      }
    }
    return error;
  }
}

const UNKNOWN_REALM = challengesFor(undefined);
