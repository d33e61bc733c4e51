import type { KeyObject } from 'node:crypto';
import type { KeySelector, RemoteKeySet } from '../jwks/remote-key-set.js';
import { decodeCompact, parsePayload } from './compact.js';
import { invalidToken } from './internal/fail.js';
import { checkHeader } from './internal/header.js';
import { verifySignature } from './internal/signature.js';

/** What {@link verifySignedJws} needs: the realm's keys and the same algorithm rules as access tokens. */
export interface SignedJwsOptions {
  keySet: RemoteKeySet;
  /** Accepted `alg` values; with `advertised`, also those a key of the realm names. */
  algorithms: ReadonlySet<string>;
  advertised: boolean;
  maxTokenSize: number;
  signal?: AbortSignal;
}

/** A JWS whose signature verified with a realm key: its protected header and its claims. */
export interface SignedJws {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * Verifies the signature of a compact JWS that is not an access token (a back-channel `logout_token`, the
 * admin actions Keycloak posts to `k_logout` and `k_push_not_before`) with the rules access tokens get: the
 * algorithm from the allow-list, the key only from the realm JWKS, no header that picks its own key. The
 * claims are the caller's to check.
 * @throws KeycloakInvalidTokenError (`malformed`, `unsupported_alg`, `forbidden_header`, `unknown_kid`,
 *   `bad_signature`, or `keycloak_unreachable` / `keycloak_error` when the keys cannot be fetched).
 */
export async function verifySignedJws(token: unknown, options: SignedJwsOptions): Promise<SignedJws> {
  const { header, payload, signingInput, signature, unsigned } = decodeCompact(token, options.maxTokenSize);
  const selector = checkHeader(header, options.algorithms, options.advertised);
  if (unsigned) throw invalidToken('bad_signature', 'The token has no signature');
  const claims = parsePayload(payload);
  const key = await realmKey(options.keySet, selector, options.signal);
  if (!verifySignature(selector.alg, key, signingInput, signature))
    throw invalidToken('bad_signature', 'The token signature is invalid');
  return { header, claims };
}

/**
 * The realm key `selector` names, fetched as needed; an algorithm accepted only because a realm key might name it
 * (`advertisedOnly`) is refused when none does.
 * @throws KeycloakInvalidTokenError `unsupported_alg`, `unknown_kid`, or the key set's fetch failures.
 */
export async function realmKey(
  keySet: RemoteKeySet,
  selector: KeySelector,
  signal: AbortSignal | undefined,
): Promise<KeyObject> {
  if (selector.advertisedOnly === true && !(await keySet.advertises(selector.alg, { signal }))) {
    throw invalidToken('unsupported_alg', 'The token alg is neither configured nor named by a realm key');
  }
  return keySet.getKey(selector, { signal });
}
