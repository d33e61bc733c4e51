import type { JWTPayload } from 'jose';
import type { ClientModel } from '../../model/types.js';
import { audiences } from './assertion.js';
import { assertionRejected } from './errors.js';

/** JWTClientValidator.getAllowedClockSkew: assertions are judged with 15 s of leeway. */
const CLOCK_SKEW_SECONDS = 15;

/** OIDCAdvancedConfigWrapper.getTokenEndpointAuthSigningMaxExp: `token.endpoint.auth.signing.max.exp`, default 60 s. */
export function maxExpSeconds(client: ClientModel): number {
  const value = Number.parseInt(client.attributes['token.endpoint.auth.signing.max.exp'] ?? '', 10);
  return Number.isInteger(value) && value > 0 ? value : 60;
}

/**
 * The audiences JWTClientValidator accepts: the realm issuer and the token, introspection, PAR and CIBA
 * endpoint URLs of the realm.
 */
export function expectedAudiences(issuer: string): string[] {
  const oidc = `${issuer}/protocol/openid-connect`;
  return [issuer, `${oidc}/token`, `${oidc}/token/introspect`, `${oidc}/ext/par/request`, `${oidc}/ext/ciba/auth`];
}

/**
 * AbstractBaseJWTValidator.validateTokenAudience with Keycloak's default of one audience only
 * (allowMultipleAudiencesForJwtClientAuthentication=false).
 */
export function checkAudience(claims: JWTPayload, issuer: string): void {
  const aud = audiences(claims);
  const expected = expectedAudiences(issuer);
  if (!aud.some((a) => expected.includes(a))) throw assertionRejected('Invalid token audience');
  if (aud.length > 1) throw assertionRejected('Multiple audiences not allowed');
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * AbstractBaseJWTValidator.validateTokenActive: exp required and not past, nbf reached, iat not in the future nor
 * older than the client's max exp. Returns how long (seconds) the jti must stay remembered.
 */
export function checkActive(claims: JWTPayload, nowSeconds: number, maxExp: number): number {
  const exp = num(claims.exp);
  if (exp === undefined) throw assertionRejected('Token exp claim is required');
  const nbf = num(claims.nbf);
  const expired = exp !== 0 && nowSeconds > exp + CLOCK_SKEW_SECONDS;
  if (expired || (nbf !== undefined && nowSeconds < nbf - CLOCK_SKEW_SECONDS))
    throw assertionRejected('Token is not active');
  let lifespan = exp - nowSeconds;
  const iat = num(claims.iat);
  if (iat === undefined) {
    if (lifespan > maxExp)
      throw assertionRejected('Token expiration is too far in the future and iat claim not present in token');
  } else {
    if (iat - CLOCK_SKEW_SECONDS > nowSeconds) throw assertionRejected('Token was issued in the future');
    lifespan = Math.min(lifespan, maxExp);
    if (lifespan <= 0) throw assertionRejected('Token is not active');
    if (nowSeconds > iat + maxExp) throw assertionRejected('Token was issued too far in the past to be used now');
  }
  return lifespan;
}
