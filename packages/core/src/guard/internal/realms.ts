import { LRUCache } from 'lru-cache';
import { KeycloakOperationError } from '../../errors.js';
import type { RemoteKeySet } from '../../jwks/remote-key-set.js';
import type { KeycloakOpenID } from '../../oidc/keycloak-openid.js';
import type { KeycloakAccessTokenClaims } from '../../token/claims.js';
import { verifyAfterSyncMiss } from '../../token/verifier.js';
import type { VerifiedToken } from '../../token/verified-token.js';
import type { PermissionChecker } from '../../uma/permission-checker.js';
import { challengesFor, type Challenges } from '../answers.js';
import { explainInactive } from '../../token/inactive-audience.js';
import type { ResolvedGuardOptions } from '../options.js';
import { NO_DECISIONS, type GuardDecisionStats, type GuardRealmStats } from '../stats.js';
import { realmAddress, type RealmAddress } from './realm-address.js';
import { introspectorOf, keySetOf, permissionCheckerOf, verifierOf } from './realm-clients.js';

/** Everything the guard keeps per realm: built once, reused by every request of that realm. */
export interface RealmEntry extends RealmAddress {
  readonly challenges: Challenges;
  /** Verifies a token `cached` answered undefined for (it is not looked up again). */
  check(token: string): Promise<VerifiedToken<KeycloakAccessTokenClaims>>;
  /**
   * `check` answered synchronously (a cached token, or a new one while the realm keys are loaded), or undefined
   * when only `check` can answer.
   */
  cached(token: string): VerifiedToken<KeycloakAccessTokenClaims> | undefined;
  /** The realm's keys: the verifier's, or (introspection) a key set created on first use, for the revocation receivers. */
  keySet(): RemoteKeySet;
  /** The realm's UMA decision maker, created on the first permission check. */
  permissions(): PermissionChecker;
  /** Loads the realm's keys now (the startup check), so the first request finds them; resolves at once under introspection. */
  preload(signal?: AbortSignal): Promise<void>;
  /** Closes the connection of the permission checker, if one was created. */
  close(): Promise<void>;
  /** A snapshot of the realm's counters. */
  stats(): GuardRealmStats;
}

type LazyChecker = Pick<RealmEntry, 'permissions' | 'close'> & { decisions(): GuardDecisionStats };

/**
 * One PermissionChecker per realm, created lazily: most apps never use UMA, and those that do need
 * the realm's own token endpoint.
 */
function lazyChecker({ serverUrl, realmName }: RealmAddress, options: ResolvedGuardOptions<never>): LazyChecker {
  let built: { openid: KeycloakOpenID; checker: PermissionChecker } | undefined;
  return {
    permissions() {
      if (built !== undefined) return built.checker;
      if (serverUrl === undefined || realmName === undefined)
        throw new KeycloakOperationError(
          'UMA permissions need a Keycloak issuer of the form {serverUrl}/realms/{name}',
        );
      built = permissionCheckerOf(serverUrl, realmName, options);
      return built.checker;
    },
    close: async () => built?.openid.close(),
    decisions() {
      if (built === undefined) return NO_DECISIONS;
      const { checker } = built;
      const { cacheHits, umaRequests, coalesced, tokenHits, sharedHits } = checker.stats;
      return { cachedDecisions: checker.size, cacheHits, umaRequests, coalesced, tokenHits, sharedHits };
    },
  };
}

/** Builds the entry of one realm: a local verifier or an introspector, per the options. */
export function realmEntry(address: RealmAddress, options: ResolvedGuardOptions<never>): RealmEntry {
  const { issuer, realmName } = address;
  const challenges = challengesFor(realmName);
  const lazy = lazyChecker(address, options);
  if (options.validation === 'introspect') {
    const introspector = introspectorOf(issuer, options);
    let keys: RemoteKeySet | undefined;
    const keySet = () => (keys ??= keySetOf(issuer, options));
    return {
      ...address,
      challenges,
      check: (token) =>
        introspector.introspect(token).catch((error: unknown) => {
          throw explainInactive(error, token, options.clientId);
        }),
      cached: () => undefined,
      keySet,
      preload: () => Promise.resolve(),
      permissions: lazy.permissions,
      close: lazy.close,
      stats: () => ({
        realm: realmName,
        issuer,
        verifier: undefined,
        introspector: introspector.stats,
        decisions: lazy.decisions(),
      }),
    };
  }
  const verifier = verifierOf(issuer, options);
  return {
    ...address,
    challenges,
    // The guard asks `cached` first and `check` only when it answered undefined.
    check: (token) => verifyAfterSyncMiss(verifier, token),
    cached: (token) => verifier.verifySync(token),
    keySet: () => verifier.keySet,
    preload: (signal) => verifier.keySet.reload({ signal }),
    permissions: lazy.permissions,
    close: lazy.close,
    stats: () => ({
      realm: realmName,
      issuer,
      verifier: verifier.stats,
      introspector: undefined,
      decisions: lazy.decisions(),
    }),
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
