/**
 * What {@link KeycloakOpenID.decodeToken} needs: decoding without verification, and a small pool of
 * verifiers (one per distinct audience/issuer/leeway/token types) that share the realm's cached key set,
 * so validating many tokens costs one JWKS fetch, not one per call as in python-keycloak.
 */
import { LRUCache } from 'lru-cache';
import type { RemoteKeySet } from '../jwks/remote-key-set.js';
import type { KeycloakAccessTokenClaims, TokenType } from '../token/claims.js';
import type { IdTokenChecks } from '../token/id-token-checks.js';
import { decodeCompact, parsePayload } from '../token/compact.js';
import { TokenVerifier } from '../token/verifier.js';
import type { OIDCCallOptions } from './types.js';

/**
 * Options of {@link KeycloakOpenID.decodeToken}. The ID-token checks (`nonce`, `accessToken`,
 * `authMaxAge`) make the call refuse anything but an ID token.
 */
export interface DecodeTokenOptions extends Pick<OIDCCallOptions, 'signal'>, IdTokenChecks {
  /**
   * Verify the signature and claims. Default `true`. `false` only decodes the payload: never trust it
   * for an access decision.
   */
  validate?: boolean;
  /** When set, `aud` must contain one of these. */
  audience?: string | readonly string[];
  /** When set, `azp` must be one of these. */
  authorizedParty?: string | readonly string[];
  /** Accepted `iss` values. Default: the issuer of the realm's discovery document. */
  issuer?: string | readonly string[];
  /** Clock skew allowed on `exp`, `nbf`, `iat`, in ms. Default 60 000 (python-keycloak's `leeway` of 60 s). */
  leewayDuration?: number;
  /** Accepted `alg`s. Default RS256 plus the algorithms the realm's JWKS keys name (see TokenVerifierOptions.algorithms). */
  algorithms?: readonly string[];
  /**
   * The token types accepted. Default `['Bearer', 'ID']`: like python-keycloak's `decode_token`, which
   * verifies whatever the realm signs, access and ID tokens both validate; an ID token must then be
   * issued to this client (`aud` contains, and `azp` is, the client id). Pass `'Bearer'` wherever the
   * token is a credential for an access decision, so an ID token cannot stand in for an access token.
   * Refresh, Offline and Logout tokens are always refused (`wrong_token_type`); decode them with
   * `validate: false`, or let Keycloak judge them (introspect, refresh).
   */
  tokenType?: TokenType | readonly TokenType[];
}

/** The default of {@link DecodeTokenOptions.tokenType}. */
export const DECODE_TOKEN_TYPES: readonly TokenType[] = ['Bearer', 'ID'];

/** Upper bound of the size of a token decoded without validation, as the verifier's default. */
const MAX_TOKEN_SIZE = 16_384;

/** Decodes a compact JWS payload without checking anything but its shape. */
export function decodeUnverified(token: string): Record<string, unknown> {
  return parsePayload(decodeCompact(token, MAX_TOKEN_SIZE).payload);
}

/** Verifiers keyed by their policy; bounded because callers may pass many audiences. */
export class VerifierPool {
  readonly #keySet: RemoteKeySet;
  readonly #now: () => number;
  readonly #verifiers = new LRUCache<string, TokenVerifier>({ max: 32 });

  constructor(keySet: RemoteKeySet, now: () => number) {
    this.#keySet = keySet;
    this.#now = now;
  }

  /** The verifier for this policy, created on first use; `clientId` is the audience of ID tokens. */
  get(
    issuer: string | readonly string[],
    clientId: string,
    options: DecodeTokenOptions,
  ): TokenVerifier<KeycloakAccessTokenClaims> {
    const tokenType = options.tokenType ?? DECODE_TOKEN_TYPES;
    const policy = {
      issuer,
      tokenType,
      clientId: (typeof tokenType === 'string' ? tokenType === 'ID' : tokenType.includes('ID')) ? clientId : undefined,
      audience: options.audience,
      authorizedParty: options.authorizedParty,
      clockToleranceDuration: options.leewayDuration ?? 60_000,
      algorithms: options.algorithms,
    };
    const key = JSON.stringify(policy);
    let verifier = this.#verifiers.get(key);
    if (verifier === undefined) {
      verifier = new TokenVerifier({ ...policy, jwks: this.#keySet, now: this.#now });
      this.#verifiers.set(key, verifier);
    }
    return verifier;
  }
}
