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

// PermissionTicketToken lives as long as an access token of the realm.
export async function signTicket(realm: RealmModel, issuer: string, nowSeconds: number, serverClientId: string, permissions: TicketPermission[]): Promise<string> {
  const key = await realm.keys.signingKey(realm.defaultSignatureAlgorithm);
  if (!key) throw new Error(`realm ${realm.name} has no active signing key`);
  return signJwt(key, {
    exp: nowSeconds + realm.tokens.accessTokenLifespan, iat: nowSeconds, jti: randomUUID(), iss: issuer, aud: serverClientId, azp: serverClientId, permissions,
  });
}

/** Verifies a ticket: `signature` (403 "Ticket verification failed"), `expired` ("Invalid permission ticket."). */
export async function readTicket(realm: RealmModel, ticket: string, issuer: string, nowSeconds: number): Promise<{ ok: true; claims: TicketClaims } | { ok: false; reason: 'signature' | 'expired' }> {
  const verified = await verifyRealmToken(realm, ticket, issuer, nowSeconds);
  if (!verified.ok) return { ok: false, reason: verified.reason === 'expired' ? 'expired' : 'signature' };
  const permissions = verified.claims['permissions'];
  if (!Array.isArray(permissions) || typeof verified.claims['azp'] !== 'string') return { ok: false, reason: 'signature' };
  return { ok: true, claims: { permissions: permissions as TicketPermission[], azp: verified.claims['azp'] } };
}
