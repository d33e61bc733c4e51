import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { KeycloakTestServer } from '@keycloak-ts/testing';

const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The decoded parts of a compact JWS (no verification). */
export function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()),
  };
}

/** Signs `claims` RS256 with `privateKey` and `header` as given. */
export function signRs256(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  privateKey: KeyObject,
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/**
 * Forges tokens of a realm of the test server: signed with the realm's own active RS256 key, so
 * only the claims or header decide whether the guard accepts them.
 */
export async function realmForger(
  server: KeycloakTestServer,
  realm: string,
): Promise<(base: string, claims?: Record<string, unknown>, header?: Record<string, unknown>) => string> {
  const key = await server.model.realm(realm)!.keys.signingKey('RS256');
  if (key?.privateKey === undefined) throw new Error(`realm ${realm} has no RS256 key`);
  const privateKey = key.privateKey;
  return (base, claims = {}, header = {}) => {
    const decoded = decode(base);
    const merged: Record<string, unknown> = { ...decoded.claims, ...claims };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete merged[name];
    return signRs256({ ...decoded.header, ...header }, merged, privateKey);
  };
}

/** A fresh RSA key the realm never published. */
export function strangerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** The HS256 "algorithm confusion" token: `claims` MACed with `secret` (e.g. the realm's public JWK text). */
export function hs256(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string): string {
  const input = `${b64({ ...header, alg: 'HS256' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
