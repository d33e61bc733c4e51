import { createHash } from 'node:crypto';
import { oauthError } from '../../http/http-error.js';

const VERIFIER = /^[0-9a-zA-Z\-.~_]{43,128}$/;

function verify(verifier: string, challenge: string, method: string | undefined): void {
  if (!VERIFIER.test(verifier))
    throw oauthError(400, 'invalid_grant', 'PKCE verification failed: Invalid code verifier');
  const encoded = method === 'S256' ? createHash('sha256').update(verifier, 'latin1').digest('base64url') : verifier;
  if (encoded !== challenge) throw oauthError(400, 'invalid_grant', 'PKCE verification failed: Code mismatch');
}

/**
 * PkceUtils at the token endpoint: when the code was issued with a challenge the verifier must match it; a
 * verifier without a challenge is refused too. Descriptions are Keycloak's.
 */
export function checkPkce(
  verifier: string | undefined,
  challenge: string | undefined,
  method: string | undefined,
): void {
  if (challenge === undefined) {
    if (verifier !== undefined)
      throw oauthError(400, 'invalid_grant', 'PKCE code verifier specified but challenge not present in authorization');
    return;
  }
  if (verifier === undefined) throw oauthError(400, 'invalid_grant', 'PKCE code verifier not specified');
  verify(verifier, challenge, method);
}
