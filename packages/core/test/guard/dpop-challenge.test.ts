import { describe, expect, it } from 'vitest';
import { challengesFor, guardError } from '../../src/guard/answers.js';
import { withDpopChallenge } from '../../src/guard/dpop-challenge.js';

// The WWW-Authenticate of a refusal on a DPoP-aware guard (RFC 9449 §7.1): which schemes it names, per mode.

const SHOP = challengesFor('shop');
const BARE = challengesFor(undefined);

describe('withDpopChallenge', () => {
  it('adds a DPoP challenge after the Bearer one for a Bearer request', () => {
    const error = withDpopChallenge(guardError('expired', SHOP, 1), SHOP.base, 'ES256 RS256', 'bearer');
    expect(error.wwwAuthenticate).toBe(
      'Bearer realm="shop", error="invalid_token", error_description="The access token expired", DPoP algs="ES256 RS256", realm="shop"',
    );
    expect(error).toMatchObject({ status: 401, code: 'ERR_TOKEN_REJECTED', reason: 'expired', error: 'invalid_token' });
  });

  it('moves the error to the DPoP challenge for a DPoP request, and names DPoP alone when it is required', () => {
    const refused = guardError('dpop_proof_invalid', SHOP, 1);
    expect(withDpopChallenge(refused, SHOP.base, 'ES256', 'dpop-scheme').wwwAuthenticate).toBe(
      'Bearer realm="shop", DPoP algs="ES256", realm="shop", error="invalid_dpop_proof", error_description="The DPoP proof is invalid"',
    );
    expect(withDpopChallenge(refused, SHOP.base, 'ES256', 'required').wwwAuthenticate).toBe(
      'DPoP algs="ES256", realm="shop", error="invalid_dpop_proof", error_description="The DPoP proof is invalid"',
    );
  });

  it('writes no dangling comma when there is nothing after algs', () => {
    const none = guardError('no_credentials', BARE, 1);
    expect(withDpopChallenge(none, BARE.base, 'ES256', 'required').wwwAuthenticate).toBe('DPoP algs="ES256"');
    expect(withDpopChallenge(none, BARE.base, 'ES256', 'bearer').wwwAuthenticate).toBe('Bearer, DPoP algs="ES256"');
  });

  it('leaves answers without a Bearer challenge as they are', () => {
    const unavailable = guardError('keycloak_unreachable', SHOP, 7);
    expect(withDpopChallenge(unavailable, SHOP.base, 'ES256', 'required')).toBe(unavailable);
    const uma = guardError('uma_ticket', SHOP, 1, undefined, undefined, { umaChallenge: 'UMA realm="shop"' });
    expect(withDpopChallenge(uma, SHOP.base, 'ES256', 'bearer')).toBe(uma);
  });
});
