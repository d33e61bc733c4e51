import { peekClaims } from '../../token/compact.js';

/**
 * Reads `iss` from a JWT payload WITHOUT verifying it: only to pick which allow-listed issuer's keys
 * verify the token. Returns undefined for anything that is not a readable JWT.
 */
export function peekIssuer(token: string): string | undefined {
  const claims = peekClaims(token);
  // Own property only: parseJsonObject drops __proto__ keys, and nothing is read through a prototype.
  const iss = claims !== undefined && Object.hasOwn(claims, 'iss') ? claims.iss : undefined;
  return typeof iss === 'string' ? iss : undefined;
}
