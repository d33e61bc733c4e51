/**
 * PermissionChecker: the per-request UMA decision a guard needs, with a decision cache in front of
 * Keycloak. A decision is keyed by the token's issuer, subject, session (`sid`) and client (`azp`), the
 * normalised needs and the pushed claims; it lives no longer than the token and `cacheMaxAge`; the
 * cache is bounded; identical concurrent checks share one UMA request; an RPT that already carries
 * the needed permissions is trusted without a request when it was issued for this resource server.
 */
import { createHash } from 'node:crypto';
import { KeycloakError, KeycloakInvalidTokenError } from '../errors.js';
import type { KeycloakAccessTokenClaims, KeycloakPermission } from '../token/claims.js';
import { VerifiedToken } from '../token/verified-token.js';
import {
  resolveCheckerOptions,
  type PermissionCheckerOptions,
  type ResolvedCheckerOptions,
} from './checker-options.js';
import { carrier, resolvedOr } from '../shared/resolved.js';
import { DecisionCache } from './decision-cache.js';
import { encodeClaimToken, normalizeClaims } from './internal/claim-token.js';
import { decisionKey, remember, TokenMemos } from './internal/token-memo.js';
import type { PushedClaims } from './types.js';
import { PermissionSet, type PermissionSpec } from '../permissions/permission-set.js';

const JWT_CLAIM_FORMAT = 'urn:ietf:params:oauth:token-type:jwt';
/** Keycloak's answers that refuse the need itself: they are decisions (403 to the client), not outages. */
const REFUSALS: ReadonlySet<string> = new Set(['access_denied', 'invalid_resource', 'invalid_scope']);

/** Where a decision came from. */
export type DecisionSource = 'token' | 'cache' | 'keycloak';

/** The answer of {@link PermissionChecker.check}. */
export interface PermissionDecision {
  /** True when every need is granted. */
  readonly allowed: boolean;
  /** The granted permissions that concern the needs (`req.keycloak.permissions`). */
  readonly granted: readonly KeycloakPermission[];
  /** What was not granted, in Keycloak's notation (see {@link PermissionMatch.missing}); for `insufficient_scope`. */
  readonly missing: readonly string[];
  readonly source: DecisionSource;
  /**
   * Keycloak's error code when it refused the request itself: `access_denied`, `invalid_resource`,
   * `invalid_scope`, or `invalid_grant` for claims pushed with a public client's token.
   */
  readonly refusal?: string;
}

/** Options of one {@link PermissionChecker.check}. */
export interface CheckOptions {
  /** Claims pushed to Keycloak as `claim_token` (e.g. from a claim-information-point). */
  claims?: PushedClaims;
  /** Stops waiting (`ERR_ABORTED`); a request shared with other callers goes on for them. */
  signal?: AbortSignal;
}

/** Counters of a {@link PermissionChecker}, for tests and metrics. */
export interface PermissionCheckerStats {
  /** UMA requests sent to Keycloak. */
  umaRequests: number;
  /** Checks answered from the cache. */
  cacheHits: number;
  /** Checks that waited for an identical request already in flight. */
  coalesced: number;
  /** Checks answered by the permissions of the presented RPT. */
  tokenHits: number;
  /** Decisions another instance had asked for, found in the shared store. */
  sharedHits: number;
}

type Decision = Omit<PermissionDecision, 'source'>;

const NO_CLAIMS: [string, string[]][] = [];

/**
 * Decides whether a verified token holds the permissions a request needs.
 *
 * `check` resolves with a decision (`allowed`, `granted`, `missing`) whenever Keycloak answered, a
 * denial included. It throws:
 * - KeycloakInvalidTokenError (`reason: 'revoked'`, status 401) when Keycloak refuses the bearer token
 *   (e.g. its session ended): answer 401;
 * - KeycloakError `ERR_ABORTED` when the caller's signal fired;
 * - any other KeycloakError when Keycloak could not be asked or failed (no answer, timeout, 5xx, a
 *   resource server misconfigured): answer 503.
 *
 * @example
 * ```ts
 * const checker = new PermissionChecker({ openid, cacheMaxAge: 30_000 });
 * const needs = PermissionSet.from('invoices#view');
 * const decision = await checker.check(verified, rawToken, needs, { signal });
 * if (!decision.allowed) throw insufficientScope(decision.missing);
 * ```
 */
export class PermissionChecker {
  readonly #options: ResolvedCheckerOptions;
  // Decisions are stored as `check` returns them from the cache (source 'cache', frozen), so a hit copies nothing.
  readonly #cache: DecisionCache<PermissionDecision>;
  readonly #stats: PermissionCheckerStats = { umaRequests: 0, cacheHits: 0, coalesced: 0, tokenHits: 0, sharedHits: 0 };
  readonly #memos: TokenMemos<PermissionDecision>;

  /** @throws TypeError naming the first invalid option. */
  constructor(options: PermissionCheckerOptions) {
    this.#options = resolvedOr(options, resolveCheckerOptions);
    this.#cache = new DecisionCache({ maxEntries: this.#options.maxEntries, now: this.#options.now });
    this.#memos = new TokenMemos(this.#options.audience);
  }

  /** A copy of the counters. */
  get stats(): PermissionCheckerStats {
    return { ...this.#stats };
  }

  /** Number of decisions held. */
  get size(): number {
    return this.#cache.size;
  }

  /** Forgets every decision (e.g. after the authorization settings changed). */
  clear(): void {
    this.#cache.clear();
  }

  /**
   * Decides on `needs` for the verified `token`; `rawToken` is the same token as sent (the UMA grant's
   * bearer). Parse `needs` once with {@link PermissionSet.from} when declaring a route.
   * @throws KeycloakPermissionFormatError when `needs` is malformed; see the class for the others.
   */
  async check(
    token: VerifiedToken | KeycloakAccessTokenClaims,
    rawToken: string,
    needs: PermissionSet | PermissionSpec | readonly PermissionSpec[],
    options: CheckOptions = {},
  ): Promise<PermissionDecision> {
    const claims = token instanceof VerifiedToken ? token.claims : token;
    const set = PermissionSet.from(needs);
    const pushed = options.claims === undefined ? NO_CLAIMS : normalizeClaims(options.claims);
    const known = this.#known(claims, rawToken, set, pushed);
    if (typeof known !== 'string') return known;
    const expiresAt = Math.min(claims.exp * 1000, this.#options.now() + this.#options.cacheMaxAge);
    const compute = async (): Promise<{ value: PermissionDecision; expiresAt: number }> => {
      const shared = await this.#fromStore(known, expiresAt);
      if (shared !== undefined) return shared;
      const value = frozen(await this.#ask(rawToken, set, pushed), 'cache');
      await this.#toStore(known, value, expiresAt);
      return { value, expiresAt };
    };
    // A decision is shared by the session's tokens once made, but a UMA request in flight only by callers of the
    // same token: Keycloak may refuse one token of a session (revoked) and not another, and that 401 is that
    // token's alone.
    const { value, outcome } = await this.#cache.get(known, compute, options.signal, `${known}\u0000${rawToken}`);
    if (outcome === 'hit') this.#stats.cacheHits++;
    if (outcome === 'joined') this.#stats.coalesced++;
    return outcome === 'hit' ? value : { ...value, source: 'keycloak' };
  }

  /**
   * {@link check} answered synchronously when no request to Keycloak is needed: from the permissions
   * the RPT carries, or from an unexpired cached decision (same key and expiry as `check`); undefined
   * otherwise, and then only `check` can answer. A warm request of a cached token allocates nothing here
   * when no claims are pushed; the decision returned is frozen and shared.
   * @throws KeycloakPermissionFormatError when `needs` is malformed.
   */
  checkCached(
    token: VerifiedToken | KeycloakAccessTokenClaims,
    rawToken: string,
    needs: PermissionSet | PermissionSpec | readonly PermissionSpec[],
    options: Pick<CheckOptions, 'claims'> = {},
  ): PermissionDecision | undefined {
    const claims = token instanceof VerifiedToken ? token.claims : token;
    const pushed = options.claims === undefined ? NO_CLAIMS : normalizeClaims(options.claims);
    const known = this.#known(claims, rawToken, PermissionSet.from(needs), pushed);
    return typeof known === 'string' ? undefined : known;
  }

  /** The decision known without Keycloak (the RPT's permissions, then the cache), else the cache key to fill. */
  #known(
    claims: KeycloakAccessTokenClaims,
    rawToken: string,
    set: PermissionSet,
    pushed: [string, string[]][],
  ): PermissionDecision | string {
    const memo = this.#memos.of(claims, rawToken);
    if (this.#options.useTokenPermissions) {
      let carried = memo.carried.get(set.key);
      if (carried === undefined) {
        carried = this.#carried(claims, set);
        remember(memo.carried, set.key, carried);
      }
      if (carried !== null) {
        this.#stats.tokenHits++;
        return carried;
      }
    }
    const key = decisionKey(memo, set, pushed);
    const cached = this.#cache.peek(key);
    if (cached === undefined) return key;
    this.#stats.cacheHits++;
    return cached;
  }

  /** The decision of the RPT's own permissions when they cover `set` (and the RPT is for this resource server). */
  #carried(claims: KeycloakAccessTokenClaims, set: PermissionSet): PermissionDecision | null {
    if (!addressedTo(claims, this.#options.audience)) return null;
    const carried = claims.authorization?.permissions;
    if (!Array.isArray(carried)) return null;
    const match = set.match(carried);
    return match.allowed ? frozen(match, 'token') : null;
  }

  /** Another instance's decision for the same key, when a store is set and holds an unexpired one. */
  async #fromStore(
    key: string,
    expiresAt: number,
  ): Promise<{ value: PermissionDecision; expiresAt: number } | undefined> {
    const { store, storePrefix, now } = this.#options;
    if (store === undefined) return undefined;
    try {
      const stored = parseStored(await store.get(storePrefix + digest(key)));
      if (stored === undefined || stored.expiresAt <= now()) return undefined;
      this.#stats.sharedHits++;
      return { value: frozen(stored.decision, 'cache'), expiresAt: Math.min(stored.expiresAt, expiresAt) };
    } catch {
      // A store that fails is a store that does not know: Keycloak is asked (a TieredStore logs the outage).
      return undefined;
    }
  }

  async #toStore(key: string, decision: PermissionDecision, expiresAt: number): Promise<void> {
    const { store, storePrefix, now } = this.#options;
    const ttl = expiresAt - now();
    if (store === undefined || ttl < 1) return;
    const { allowed, granted, missing, refusal } = decision;
    try {
      await store.set(
        storePrefix + digest(key),
        JSON.stringify({ allowed, granted, missing, refusal, expiresAt }),
        ttl,
      );
    } catch {
      // Kept locally all the same; the other instances will ask Keycloak themselves.
    }
  }

  async #ask(rawToken: string, set: PermissionSet, pushed: [string, string[]][]): Promise<Decision> {
    this.#stats.umaRequests++;
    const extraPayload =
      pushed.length === 0 ? undefined : { claim_token: encodeClaimToken(pushed), claim_token_format: JWT_CLAIM_FORMAT };
    try {
      const granted = await this.#options.openid.umaPermissions(rawToken, set.params, {
        audience: this.#options.audience,
        extraPayload,
        timeout: this.#options.timeoutDuration,
      });
      if (!Array.isArray(granted))
        throw new KeycloakError('The UMA grant answered without a permission list', { code: 'ERR_INVALID_RESPONSE' });
      return set.match(granted);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal !== undefined) return { allowed: false, granted: [], missing: set.allMissing(), refusal };
      if (bearerRefused(error)) {
        throw new KeycloakInvalidTokenError('Keycloak refused the token for the UMA grant', 'revoked', {
          status: 401,
          cause: error,
        });
      }
      throw error;
    }
  }
}

/**
 * Builds a checker from options core resolved already (the guard's, validated at its edge): core's own way in,
 * not exported from the package, so the public constructor still checks every user's input.
 */
export function checkerFromResolved(options: ResolvedCheckerOptions): PermissionChecker {
  return new PermissionChecker(carrier<PermissionCheckerOptions, ResolvedCheckerOptions>(options));
}

/**
 * A decision key as a store key: keys hold the token's subject, session and roles digest, which other tenants of a
 * shared Redis need not read, so only their SHA-256 leaves the process.
 */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** A stored decision, or undefined when the value is absent or not one this version wrote (treated as a miss). */
function parseStored(text: string | undefined): { decision: Decision; expiresAt: number } | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as {
    allowed?: unknown;
    granted?: unknown;
    missing?: unknown;
    refusal?: unknown;
    expiresAt?: unknown;
  } | null;
  if (
    v === null ||
    typeof v !== 'object' ||
    typeof v.allowed !== 'boolean' ||
    !Array.isArray(v.granted) ||
    !Array.isArray(v.missing) ||
    typeof v.expiresAt !== 'number'
  )
    return undefined;
  if (!v.missing.every((m) => typeof m === 'string') || (v.refusal !== undefined && typeof v.refusal !== 'string'))
    return undefined;
  const granted = v.granted.filter(
    (p): p is KeycloakPermission =>
      p !== null && typeof p === 'object' && typeof (p as { rsname?: unknown }).rsname === 'string',
  );
  if (granted.length !== v.granted.length) return undefined;
  const decision: Decision = {
    allowed: v.allowed,
    granted,
    missing: v.missing as string[],
    ...(typeof v.refusal === 'string' ? { refusal: v.refusal } : {}),
  };
  return { decision, expiresAt: v.expiresAt };
}

/** A decision as a warm check serves it: frozen, because every later check of the same need shares it. */
function frozen(decision: Decision, source: DecisionSource): PermissionDecision {
  Object.freeze(decision.granted);
  Object.freeze(decision.missing);
  return Object.freeze({ ...decision, source });
}

/**
 * Whether the token's `aud` names the resource server. Keycloak adds the resource server to an RPT's
 * audience; an RPT of another resource server of the realm may hold a resource of the same name, and
 * the guard does not check audiences by default, so its permissions must not count here.
 */
function addressedTo(claims: KeycloakAccessTokenClaims, audience: string): boolean {
  const aud: unknown = claims.aud;
  return aud === audience || (Array.isArray(aud) && aud.includes(audience));
}

/**
 * Whether the UMA grant refused the caller's bearer token itself (its session ended, it was revoked): Keycloak
 * 26.7 answers 400 `invalid_grant` "Invalid bearer token" (PermissionGrantType), older servers 401.
 */
function bearerRefused(error: unknown): boolean {
  if (!(error instanceof KeycloakError)) return false;
  if (error.status === 401) return true;
  const code =
    error.body !== null && typeof error.body === 'object' ? (error.body as { error?: unknown }).error : undefined;
  return error.status === 400 && code === 'invalid_grant';
}

/**
 * The OAuth `error` of a 400/403 answer that refuses the need (not the caller or the configuration).
 * A 403 `invalid_grant` is Keycloak refusing pushed claims from a public client's token ("Public clients
 * are not allowed to send claims"): Keycloak's own enforcer denies then, so it is a refusal, not an outage.
 */
function refusalOf(error: unknown): string | undefined {
  if (!(error instanceof KeycloakError) || (error.status !== 400 && error.status !== 403)) return undefined;
  const code =
    error.body !== null && typeof error.body === 'object' ? (error.body as { error?: unknown }).error : undefined;
  if (typeof code !== 'string') return undefined;
  return REFUSALS.has(code) || (error.status === 403 && code === 'invalid_grant') ? code : undefined;
}
