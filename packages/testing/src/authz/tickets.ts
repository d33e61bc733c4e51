import { randomUUID } from 'node:crypto';
import type { RealmModel } from '../model/types.js';
import { signJwt } from '../tokens/jws.js';
import { verifyRealmToken } from '../tokens/verify.js';

/** One permission inside a permission ticket (PermissionTicketToken.permissions). */
export interface TicketPermission {
  rsid?: string;
  scopes?: string[];
  claims?: Record<string, string[]>;
}

/** The decoded content of a permission ticket. */
export interface TicketClaims {
  permissions: TicketPermission[];
  /** The resource server's clientId. */
  azp: string;
}

/**
 * PermissionTicketToken as AbstractPermissionService writes it: HMAC-signed (HS512, the realm's secret key, like a
 * refresh token), no `iss`, the realm as audience, the PAT's subject, a `jti` ending in the issue time in ms, and
 * a lifetime of an access token.
 */
export async function signTicket(
  realm: RealmModel,
  issuer: string,
  nowSeconds: number,
  serverClientId: string,
  permissions: TicketPermission[],
  subject?: string,
): Promise<string> {
  const key = await realm.keys.signingKey('HS512');
  if (!key) throw new Error(`realm ${realm.name} has no active HS512 key`);
  return signJwt(key, {
    exp: nowSeconds + realm.tokens.accessTokenLifespan,
    iat: nowSeconds,
    permissions,
    jti: `${randomUUID()}-${nowSeconds * 1000}`,
    aud: issuer,
    ...(subject ? { sub: subject } : {}),
    azp: serverClientId,
  });
}

/** Verifies a ticket: `signature` (403 "Ticket verification failed"), `expired` ("Invalid permission ticket."). */
export async function readTicket(
  realm: RealmModel,
  ticket: string,
  issuer: string,
  nowSeconds: number,
): Promise<{ ok: true; claims: TicketClaims } | { ok: false; reason: 'signature' | 'expired' }> {
  const verified = await verifyRealmToken(realm, ticket, issuer, nowSeconds);
  // A ticket has no `iss`; it names the realm as its audience instead.
  const claims = verified.ok
    ? verified.claims
    : verified.reason === 'issuer' && verified.claims?.['iss'] === undefined && verified.claims?.['aud'] === issuer
      ? verified.claims
      : undefined;
  if (!claims) return { ok: false, reason: !verified.ok && verified.reason === 'expired' ? 'expired' : 'signature' };
  if (typeof claims['exp'] === 'number' && claims['exp'] <= nowSeconds) return { ok: false, reason: 'expired' };
  const permissions = claims['permissions'];
  if (!Array.isArray(permissions) || typeof claims['azp'] !== 'string') return { ok: false, reason: 'signature' };
  return { ok: true, claims: { permissions: permissions as TicketPermission[], azp: claims['azp'] } };
}
