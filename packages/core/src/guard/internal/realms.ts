import { LRUCache } from 'lru-cache';
import type { KeycloakAccessTokenClaims } from '../../token/claims.js';
import { TokenIntrospector } from '../../token/introspection.js';
import { TokenVerifier } from '../../token/verifier.js';
import type { VerifiedToken } from '../../token/verified-token.js';
import { challengesFor, type Challenges } from '../answers.js';
import type { ResolvedGuardOptions } from '../options.js';

/** Everything the guard keeps per realm: built once, reused by every request of that realm. */
export interface RealmEntry {
  readonly name: string | undefined;
  readonly issuer: string;
  readonly challenges: Challenges;
  check(token: string): Promise<VerifiedToken<KeycloakAccessTokenClaims>>;
}

/** Builds the entry of one issuer: a local verifier or an introspector, per the options. */
export function realmEntry(issuer: string, name: string | undefined, options: ResolvedGuardOptions<never>): RealmEntry {
  const audience = options.verifyTokenAudience ? options.clientId : undefined;
  const common = { issuer, audience, clockToleranceDuration: options.clockToleranceDuration, dispatcher: options.dispatcher, now: options.now };
  const challenges = challengesFor(name);
  if (options.validation === 'introspect') {
    const introspector = new TokenIntrospector({
      ...common,
      clientId: options.clientId,
      clientSecret: options.clientSecret as string,
      timeoutDuration: options.timeoutDuration,
    });
    return { name, issuer, challenges, check: (token) => introspector.introspect(token) };
  }
  const verifier = new TokenVerifier({ ...common, algorithms: options.algorithms, jwks: { timeoutDuration: options.timeoutDuration } });
  return { name, issuer, challenges, check: (token) => verifier.verify(token) };
}

/** A bounded map of realm entries, for realm resolvers and issuer allow-lists. */
export class RealmEntries {
  readonly #entries: LRUCache<string, RealmEntry>;
  readonly #options: ResolvedGuardOptions<never>;

  constructor(options: ResolvedGuardOptions<never>) {
    this.#options = options;
    this.#entries = new LRUCache({ max: options.maxRealms });
  }

  /** The entry of a realm name (already validated). */
  byName(name: string): RealmEntry {
    let entry = this.#entries.get(name);
    if (entry === undefined) {
      entry = realmEntry(`${this.#options.serverUrl}/realms/${name}`, name, this.#options);
      this.#entries.set(name, entry);
    }
    return entry;
  }

  /** The entry of an allow-listed issuer URL. */
  byIssuer(issuer: string): RealmEntry {
    let entry = this.#entries.get(issuer);
    if (entry === undefined) {
      entry = realmEntry(issuer, realmNameOf(issuer), this.#options);
      this.#entries.set(issuer, entry);
    }
    return entry;
  }
}

function realmNameOf(issuer: string): string | undefined {
  const at = issuer.lastIndexOf('/realms/');
  if (at === -1) return undefined;
  try {
    return decodeURIComponent(issuer.slice(at + '/realms/'.length));
  } catch {
    return undefined;
  }
}
