/** Pushed claims (`claim_token`) in the format Keycloak reads: base64url JSON, each claim a list of strings. */
import type { PushedClaims } from '../types.js';

/** Claims with every value a list, keys sorted, so equal claims encode and key the same. */
export function normalizeClaims(claims: PushedClaims | undefined): [string, string[]][] {
  if (claims === undefined) return [];
  if (claims === null || typeof claims !== 'object')
    throw new TypeError('claims must be an object of strings or string lists');
  return Object.keys(claims)
    .sort()
    .map((name) => {
      const value = claims[name];
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
        throw new TypeError(`claim "${name}" must be a string or a list of strings`);
      return [name, [...list]];
    });
}

/** The `claim_token` value in the `urn:ietf:params:oauth:token-type:jwt` format. */
export function encodeClaimToken(claims: [string, string[]][]): string {
  return Buffer.from(JSON.stringify(Object.fromEntries(claims)), 'utf8').toString('base64url');
}
