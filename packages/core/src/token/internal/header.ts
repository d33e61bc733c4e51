import { ASYMMETRIC_ALGORITHMS } from '../../jwks/key-entries.js';
import type { KeySelector } from '../../jwks/remote-key-set.js';
import { invalidToken } from './fail.js';

/**
 * Headers that would make the token choose its own key (RFC 8725 §3.10): the key comes only from the
 * realm JWKS, so these are refused rather than ignored. `x5c` is refused too: Keycloak never sends it
 * in a token header, so its presence marks a token built elsewhere. `crit` is refused because this
 * verifier understands no extension.
 */
const FORBIDDEN_HEADERS = ['jku', 'x5u', 'jwk', 'x5c', 'crit'] as const;

/**
 * Checks a decoded protected header and returns what selects the verification key.
 * `none` and HMAC algorithms are refused whatever `algorithms` says: a public JWKS key must never be
 * usable as an HMAC secret. With `advertised`, an asymmetric alg outside `algorithms` passes here but
 * selects only keys that name it (`advertisedOnly`); the verifier then asks the key set whether it does.
 */
export function checkHeader(
  header: Record<string, unknown>,
  algorithms: ReadonlySet<string>,
  advertised = false,
): KeySelector {
  const { alg, kid } = header;
  if (typeof alg !== 'string' || alg === 'none' || alg.startsWith('HS'))
    throw invalidToken('unsupported_alg', 'The token alg is not allowed');
  const configured = algorithms.has(alg);
  if (!configured && !(advertised && ASYMMETRIC_ALGORITHMS.has(alg)))
    throw invalidToken('unsupported_alg', 'The token alg is not allowed');
  for (const name of FORBIDDEN_HEADERS) {
    if (Object.hasOwn(header, name)) throw invalidToken('forbidden_header', `The token header carries "${name}"`);
  }
  if (kid !== undefined && (typeof kid !== 'string' || kid === '')) {
    throw invalidToken('malformed', 'The token kid is not a non-empty string');
  }
  return { alg, kid, advertisedOnly: !configured };
}
