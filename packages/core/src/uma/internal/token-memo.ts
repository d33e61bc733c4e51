/**
 * What a PermissionChecker remembers of one verified claims object, so that a warm check builds no
 * string and matches nothing again: verified claims are deeply frozen and shared by every request that
 * presents the same cached token, so they can key a WeakMap (dropped with the token).
 */
import { createHash } from 'node:crypto';
import type { KeycloakAccessTokenClaims } from '../../token/claims.js';
import type { PermissionSet } from '../../permissions/permission-set.js';

/** Needs remembered per token, past which its maps start over: the needs of routes are few. */
const MAX_NEEDS_PER_TOKEN = 32;

/** @internal The memo of one claims object. */
export interface TokenMemo<D> {
  /** Issuer, subject, session, client, audience and a digest of the token's roles and scope, as a JSON array. */
  readonly identity: string;
  /** Decision-cache keys by {@link PermissionSet.key} (needs without pushed claims). */
  readonly keys: Map<string, string>;
  /** What the token's own permissions decide, by needs; null when they do not cover them. */
  readonly carried: Map<string, D | null>;
}

/** @internal One memo per frozen claims object; claims that are not frozen get a fresh one per call. */
export class TokenMemos<D> {
  readonly #memos = new WeakMap<object, TokenMemo<D>>();
  readonly #audience: string;

  constructor(audience: string) {
    this.#audience = audience;
  }

  of(claims: KeycloakAccessTokenClaims, rawToken: string): TokenMemo<D> {
    const frozen = Object.isFrozen(claims);
    let memo = frozen ? this.#memos.get(claims) : undefined;
    if (memo === undefined) {
      memo = { identity: identityOf(claims, rawToken, this.#audience), keys: new Map(), carried: new Map() };
      if (frozen) this.#memos.set(claims, memo);
    }
    return memo;
  }
}

/** The decision-cache key of `set` for the token of `memo`, plus the pushed claims (already normalised). */
export function decisionKey(
  memo: TokenMemo<unknown>,
  set: PermissionSet,
  pushed: readonly [string, string[]][],
): string {
  // identity and set.key are JSON arrays, so the concatenation stays unambiguous.
  if (pushed.length !== 0) return memo.identity + set.key + JSON.stringify(pushed);
  let key = memo.keys.get(set.key);
  if (key === undefined) {
    key = memo.identity + set.key;
    remember(memo.keys, set.key, key);
  }
  return key;
}

/** Sets `key` in a per-token map, starting it over past {@link MAX_NEEDS_PER_TOKEN}. */
export function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_NEEDS_PER_TOKEN) map.clear();
  map.set(key, value);
}

function identityOf(claims: KeycloakAccessTokenClaims, rawToken: string, audience: string): string {
  // Without `sub` (lightweight tokens) nothing else tells users apart: the token itself is the identity.
  const subject = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : `token:${digest(rawToken)}`;
  return JSON.stringify([claims.iss, subject, claims.sid ?? '', claims.azp ?? '', audience, grantsDigest(claims)]);
}

/**
 * Role and client-scope policies decide on the token's roles and scope, so two tokens of one session
 * share a decision only while those are the same (a role granted between two refreshes asks again).
 */
function grantsDigest(claims: KeycloakAccessTokenClaims): string {
  return digest(
    JSON.stringify([claims.realm_access ?? null, claims.resource_access ?? null, claims.scope ?? null]),
  ).slice(0, 22);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
