/**
 * What a `KeycloakGuard` (guard.ts) reports through its `stats` getter: numbers for metrics and tests, never
 * tokens or secrets. Counters run from the creation of the realm's entry; an entry evicted from the
 * realm cache (`maxRealms`) takes its counters with it.
 */
import type { TokenIntrospectorStats } from '../token/introspection.js';
import type { TokenVerifierStats } from '../token/verifier.js';

/** The UMA decisions of one realm (permission and policy-enforcer routes). All zero until the first such route is checked. */
export interface GuardDecisionStats {
  /** Decisions held in the realm's decision cache. */
  readonly cachedDecisions: number;
  /** Checks answered from the decision cache. */
  readonly cacheHits: number;
  /** UMA grant requests sent to Keycloak. */
  readonly umaRequests: number;
  /** Checks that waited for an identical UMA request already in flight. */
  readonly coalesced: number;
  /** Checks answered by the permissions of the presented RPT, without asking Keycloak. */
  readonly tokenHits: number;
  /** Checks answered by a decision another instance had asked for (the guard's `store`). */
  readonly sharedHits: number;
}

/** One realm the guard holds keys, caches and connections for. */
export interface GuardRealmStats {
  /** The realm name, when known (undefined for an allow-listed issuer not of Keycloak's form). */
  readonly realm: string | undefined;
  /** The realm's issuer URL. */
  readonly issuer: string;
  /** The local verifier's counters; undefined with `validation: 'introspect'`, which verifies nothing locally. */
  readonly verifier: TokenVerifierStats | undefined;
  /** The introspector's counters with `validation: 'introspect'`; undefined with local verification. */
  readonly introspector: TokenIntrospectorStats | undefined;
  readonly decisions: GuardDecisionStats;
}

/** A snapshot of a guard's caches. */
export interface KeycloakGuardStats {
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** Realms whose entry is held (the fixed realm, or those of a resolver or issuer allow-list, at most `maxRealms`). */
  readonly realmsCached: number;
  /** One entry per realm held, most recently used first (the fixed realm alone when `realm` is a name). */
  readonly realms: readonly GuardRealmStats[];
}

/** Decision stats of a realm that never asked for a UMA decision. */
export const NO_DECISIONS: GuardDecisionStats = Object.freeze({
  cachedDecisions: 0,
  cacheHits: 0,
  umaRequests: 0,
  coalesced: 0,
  tokenHits: 0,
  sharedHits: 0,
});
