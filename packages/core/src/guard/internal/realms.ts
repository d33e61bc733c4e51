import { LRUCache } from 'lru-cache';
import { KeycloakOperationError } from '../../errors.js';
import { KeycloakOpenID } from '../../oidc/keycloak-openid.js';
import type { KeycloakAccessTokenClaims } from '../../token/claims.js';
import { TokenIntrospector } from '../../token/introspection.js';
import { TokenVerifier } from '../../token/verifier.js';
import type { VerifiedToken } from '../../token/verified-token.js';
import { PermissionChecker } from '../../uma/permission-checker.js';
import { challengesFor, type Challenges } from '../answers.js';
import { explainInactive } from '../../token/inactive-audience.js';
import type { ResolvedGuardOptions } from '../options.js';
import { NO_DECISIONS, type GuardDecisionStats, type GuardRealmStats } from '../stats.js';
import { realmAddress, type RealmAddress } from './realm-address.js';

/** Everything the guard keeps per realm: built once, reused by every request of that realm. */
export interface RealmEntry extends RealmAddress {
  readonly challenges: Challenges;
  check(token: string): Promise<VerifiedToken<KeycloakAccessTokenClaims>>;
  /** `check` answered synchronously from a warm cache, or undefined when only `check` can answer. */
  cached(token: string): VerifiedToken<KeycloakAccessTokenClaims> | undefined;
  /** The realm's UMA decision maker, created on the first permission check. */
  permissions(): PermissionChecker;
  /** Closes the connection of the permission checker, if one was created. */
  close(): Promise<void>;
  /** A snapshot of the realm's counters. */
  stats(): GuardRealmStats;
}

type LazyChecker = Pick<RealmEntry, 'permissions' | 'close'> & { decisions(): GuardDecisionStats };

/**
 * One PermissionChecker per realm, created lazily: most apps never use UMA, and those that do need
 * the realm's own token endpoint. The UMA grant authenticates with the user's bearer token, so no
 * client secret is sent.
 */
function lazyChecker({ serverUrl, realmName }: RealmAddress, options: ResolvedGuardOptions<never>): LazyChecker {
  let openid: KeycloakOpenID | undefined;
  let checker: PermissionChecker | undefined;
  return {
    permissions() {
      if (checker !== undefined) return checker;
      if (serverUrl === undefined || realmName === undefined)
        throw new KeycloakOperationError(
          'UMA permissions need a Keycloak issuer of the form {serverUrl}/realms/{name}',
        );
      openid = new KeycloakOpenID({
        serverUrl,
        realmName,
        clientId: options.clientId,
        timeout: options.timeoutDuration,
        maxRetries: 0,
        dispatcher: options.dispatcher,
        now: options.now,
      });
      const { audience, cacheMaxAge, maxEntries, useTokenPermissions } = options.authorization;
      checker = new PermissionChecker({
        openid,
        audience,
        cacheMaxAge,
        maxEntries,
        useTokenPermissions,
        timeoutDuration: options.timeoutDuration,
        now: options.now,
        store: options.store,
      });
      return checker;
    },
    close: async () => openid?.close(),
    decisions() {
      if (checker === undefined) return NO_DECISIONS;
      const { cacheHits, umaRequests, coalesced, tokenHits, sharedHits } = checker.stats;
      return { cachedDecisions: checker.size, cacheHits, umaRequests, coalesced, tokenHits, sharedHits };
    },
  };
}

/** Builds the entry of one realm: a local verifier or an introspector, per the options. */
export function realmEntry(address: RealmAddress, options: ResolvedGuardOptions<never>): RealmEntry {
  const { issuer, realmName } = address;
  const audience = options.tokenAudience.accepted;
  const common = {
    issuer,
    audience,
    clockToleranceDuration: options.clockToleranceDuration,
    dispatcher: options.dispatcher,
    now: options.now,
  };
  const challenges = challengesFor(realmName);
  if (options.validation === 'introspect') {
    const introspector = new TokenIntrospector({
      ...common,
      clientId: options.clientId,
      clientSecret: options.clientSecret as string,
      timeoutDuration: options.timeoutDuration,
    });
    const lazy = lazyChecker(address, options);
    const stats = (): GuardRealmStats => ({
      realm: realmName,
      issuer,
      verifier: undefined,
      introspector: introspector.stats,
      decisions: lazy.decisions(),
    });
    return {
      ...address,
      challenges,
      check: (token) =>
        introspector.introspect(token).catch((error: unknown) => {
          throw explainInactive(error, token, options.clientId);
        }),
      cached: () => undefined,
      permissions: lazy.permissions,
      close: lazy.close,
      stats,
    };
  }
  const verifier = new TokenVerifier({
    ...common,
    algorithms: options.algorithms,
    jwks: { timeoutDuration: options.timeoutDuration },
  });
  const lazy = lazyChecker(address, options);
  const stats = (): GuardRealmStats => ({
    realm: realmName,
    issuer,
    verifier: verifier.stats,
    introspector: undefined,
    decisions: lazy.decisions(),
  });
  return {
    ...address,
    challenges,
    check: (token) => verifier.verify(token),
    cached: (token) => verifier.verifyCached(token),
    permissions: lazy.permissions,
    close: lazy.close,
    stats,
  };
}

/** A bounded map of realm entries, for realm resolvers and issuer allow-lists. */
export class RealmEntries {
  readonly #entries: LRUCache<string, RealmEntry>;
  readonly #options: ResolvedGuardOptions<never>;

  constructor(options: ResolvedGuardOptions<never>) {
    this.#options = options;
    // No dispose on eviction: a request may still hold the evicted entry (its token being verified) and
    // needs its UMA client open; every entry shares the guard's pool, so closing one would free nothing.
    this.#entries = new LRUCache({ max: options.maxRealms });
  }

  /** The entry of a realm name (already validated). */
  byName(realmName: string): RealmEntry {
    let entry = this.#entries.get(realmName);
    if (entry === undefined) {
      entry = realmEntry(realmAddress(this.#options.serverUrl, realmName), this.#options);
      this.#entries.set(realmName, entry);
    }
    return entry;
  }

  /** The entries held, most recently used first. */
  values(): RealmEntry[] {
    return [...this.#entries.values()];
  }

  /** Drops every entry, closing each. */
  close(): Promise<void> {
    const entries = this.values();
    this.#entries.clear();
    return Promise.allSettled(entries.map((entry) => entry.close())).then(() => undefined);
  }

  /** The entry of an allow-listed issuer (its address read when the options were checked). */
  byIssuer(address: RealmAddress): RealmEntry {
    let entry = this.#entries.get(address.issuer);
    if (entry === undefined) {
      entry = realmEntry(address, this.#options);
      this.#entries.set(address.issuer, entry);
    }
    return entry;
  }
}
