import type { RevocationLogger } from './options.js';
import { MemoryStore } from '../store/memory-store.js';
import type { SharedStore } from '../store/shared-store.js';
import type { StoreDownPolicy } from '../store/store-option.js';
import type { ResolvedRevocationOptions } from './options.js';
import {
  receiveRevocation,
  type RevocationAnswer,
  type RevocationEndpoint,
  type RevocationRealm,
  type RevocationRequest,
} from './receiver.js';
import { RevocationList, type RevocableClaims, type RevocationEntry } from './revocation-list.js';
import { SharedRevocations } from './shared-revocations.js';

/** What {@link Revocations} needs of the guard. */
export interface RevocationsOptions {
  revocation: ResolvedRevocationOptions;
  /** The guard's `store`; none: this instance's memory. */
  store: SharedStore | undefined;
  storeDown: StoreDownPolicy;
  clientId: string;
  /** The guard's `algorithms`, undefined for its default (RS256 plus what the realm keys name). */
  algorithms: readonly string[] | undefined;
  clockToleranceDuration: number;
  logger: RevocationLogger | undefined;
  now: () => number;
}

/** Why {@link Revocations.deny} refuses a token. */
export type RevocationDenial = 'token_revoked' | 'revocation_unavailable';

const ENDPOINTS: ReadonlySet<string> = new Set<RevocationEndpoint>([
  'backchannel-logout',
  'k_logout',
  'k_push_not_before',
]);

/**
 * The guard's session revocation: the receivers of Keycloak's callbacks, the revocation set they fill (shared
 * through the guard's store), and the check every verified token goes through.
 */
export class Revocations {
  readonly #options: RevocationsOptions;
  readonly #list: RevocationList;
  readonly #store: SharedStore;
  readonly #shared: SharedRevocations;
  readonly #algorithms: ReadonlySet<string>;
  #evictionWarned = false;

  constructor(options: RevocationsOptions) {
    this.#options = options;
    const { revocation, logger, now } = options;
    this.#list = new RevocationList(revocation.maxEntries, revocation.maxTokenLifetime, now, () => {
      if (this.#evictionWarned) return;
      this.#evictionWarned = true;
      logger?.warn(
        { maxEntries: revocation.maxEntries },
        'keycloak-ts: the revocation set is full; the oldest revocations are forgotten before their tokens expire (raise revocation.maxEntries)',
      );
    });
    this.#store = options.store ?? new MemoryStore({ now });
    this.#shared = new SharedRevocations({
      store: this.#store,
      local: options.store === undefined,
      list: this.#list,
      maxTokenLifetime: revocation.maxTokenLifetime,
      maxEntries: revocation.maxEntries,
      storeDown: options.storeDown,
      logger,
    });
    // Stryker disable next-line LogicalOperator,ArrayDeclaration,StringLiteral: with the default algorithms the realm's advertised ones are taken, RS256 among them.
    this.#algorithms = new Set(options.algorithms ?? ['RS256']);
  }

  /**
   * The refusal of a verified token: `token_revoked` when its session or user was logged out after it was
   * issued (or it predates a pushed not-before), `revocation_unavailable` while the shared store is down under
   * `storeDown: 'fail-closed'`; undefined to let it through.
   */
  deny(claims: RevocableClaims): RevocationDenial | undefined {
    // Read on every check, whatever the policy: the first check that finds the store down logs it once.
    if (this.#shared.unavailable && this.#options.storeDown === 'fail-closed') return 'revocation_unavailable';
    if (this.#list.revoked(claims)) return 'token_revoked';
    // A pushed not-before: every older token, verified locally or introspected, cached or not.
    const { iss, iat } = claims;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: without iss or iat the comparison is false anyway; the tests narrow the types.
    if (typeof iss === 'string' && typeof iat === 'number' && iat < this.#list.notBefore(iss)) return 'token_revoked';
    return undefined;
  }

  /** The receiver a request path names (`{path}k_logout`...), or undefined when it is none of them. */
  endpointOf(path: string): RevocationEndpoint | undefined {
    const prefix = this.#options.revocation.path;
    if (!path.startsWith(prefix)) return undefined;
    const rest = path.slice(prefix.length);
    return ENDPOINTS.has(rest) ? (rest as RevocationEndpoint) : undefined;
  }

  /** Answers one callback; never rejects (a failure of the store only makes the revocation per instance). */
  receive(
    endpoint: RevocationEndpoint,
    request: RevocationRequest,
    realms: readonly RevocationRealm[],
  ): Promise<RevocationAnswer> {
    const { revocation, clientId, clockToleranceDuration, now } = this.#options;
    return receiveRevocation(endpoint, request, realms, {
      clientId,
      logoutTokenAudiences: revocation.logoutTokenAudiences,
      algorithms: this.#algorithms,
      advertisedAlgorithms: this.#options.algorithms === undefined,
      clockToleranceSeconds: Math.ceil(clockToleranceDuration / 1000),
      maxTokenLifetime: revocation.maxTokenLifetime,
      now,
      // Stryker disable next-line StringLiteral: only the key's presence is read.
      claim: (key, ttl) => this.#store.claim(key, '1', ttl).catch(() => true),
      revoke: (entries) => this.#revoke(entries),
    });
  }

  /** Ends the subscription and the store probe (the store itself is the app's, or closed here when the guard's own). */
  async close(): Promise<void> {
    await this.#shared.close();
    if (this.#options.store === undefined) await this.#store.close();
  }

  async #revoke(entries: readonly RevocationEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.#shared.add(entry);
      this.#options.logger?.debug(
        { kind: entry.kind, issuer: entry.issuer, at: entry.at },
        'keycloak-ts: revoked tokens on a callback of Keycloak',
      );
    }
  }
}
