import { randomUUID, sign, type KeyObject } from 'node:crypto';
import type { KeycloakTestServer, RealmRepresentation } from '@keycloak-ts/testing';
import { shopRealm } from '../../support/guard/realm.js';

/** The shop realm under another name, with web's tokens carrying `orders-api` in `aud` (an Audience mapper). */
export function revocationRealm(name: string): RealmRepresentation {
  const realm = structuredClone(shopRealm);
  realm.realm = name;
  realm.clients = realm.clients?.map((client) =>
    client.clientId === 'web'
      ? {
          ...client,
          protocolMappers: [
            {
              name: 'orders-api audience',
              protocol: 'openid-connect',
              protocolMapper: 'oidc-audience-mapper',
              config: { 'included.client.audience': 'orders-api', 'access.token.claim': 'true' },
            },
          ],
        }
      : client,
  );
  return realm;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a compact JWS with RS256 and `key`. */
export function signWith(key: { privateKey: KeyObject; kid: string }, claims: object, header: object = {}): string {
  const input = `${b64({ alg: 'RS256', kid: key.kid, ...header })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** The realm's active RS256 key, as the test server holds it. */
export async function realmKey(
  server: KeycloakTestServer,
  realm: string,
): Promise<{ privateKey: KeyObject; kid: string }> {
  const key = await server.model.realm(realm)?.keys.signingKey('RS256');
  if (key?.privateKey === undefined) throw new Error(`realm ${realm} has no RS256 key`);
  return { privateKey: key.privateKey, kid: key.kid };
}

/** The claims of a token, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
}

/** A logout token as Keycloak 26.7.3 builds it (DefaultTokenManager.initLogoutToken), for client `aud`. */
export function logoutClaims(issuer: string, aud: string, session: { sid?: string; sub?: string }, nowMs = Date.now()) {
  const iat = Math.floor(nowMs / 1000);
  return {
    exp: iat + 120,
    iat,
    jti: randomUUID(),
    iss: issuer,
    aud,
    ...(session.sub === undefined ? {} : { sub: session.sub }),
    typ: 'Logout',
    ...(session.sid === undefined ? {} : { sid: session.sid }),
    events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
  };
}

/** An admin action as ResourceAdminManager builds it (LogoutAction / PushNotBeforeAction). */
export function adminActionClaims(
  action: 'LOGOUT' | 'PUSH_NOT_BEFORE',
  resource: string,
  notBefore: number,
  nowMs = Date.now(),
) {
  return {
    id: `${randomUUID()}-${nowMs}`,
    expiration: Math.floor(nowMs / 1000) + 30,
    resource,
    action,
    notBefore,
  };
}

/**
 * The request of a back-channel logout of `token`'s session as Keycloak posts it (form body, `aud` web), signed
 * by `realm`'s key, its iat `skewSeconds` from now: what `KeycloakGuard.receiveRevocation` takes.
 */
export async function logoutRequest(
  server: KeycloakTestServer,
  realm: string,
  token: string,
  skewSeconds = 0,
): Promise<{ contentType: string; body: string }> {
  const { sid, sub } = claimsOf(token) as { sid: string; sub: string };
  const claims = logoutClaims(`${server.url}/realms/${realm}`, 'web', { sid, sub }, Date.now() + skewSeconds * 1000);
  const logoutToken = signWith(await realmKey(server, realm), claims);
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ logout_token: logoutToken }).toString(),
  };
}
