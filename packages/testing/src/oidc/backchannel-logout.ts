import { randomUUID } from 'node:crypto';
import { clientById } from '../model/roles.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import type { UserSession } from '../sessions/session-store.js';
import { signJwt } from '../tokens/jws.js';

/** The event every logout token carries (TokenUtil.TOKEN_BACKCHANNEL_LOGOUT_EVENT). */
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Added when the client asks that offline tokens go too (TokenUtil.TOKEN_BACKCHANNEL_LOGOUT_EVENT_REVOKE_OFFLINE_TOKENS). */
const REVOKE_OFFLINE_EVENT = 'revoke_offline_access';
const TIMEOUT_MS = 5_000;

/**
 * The back-channel logout URL of a client (OIDCAdvancedConfigWrapper.getBackchannelLogoutUrl): blank means none;
 * a relative one is resolved against the root URL (ResolveRelative.resolveRelativeUri).
 */
function logoutUrl(client: ClientModel): string | undefined {
  const url = client.attributes['backchannel.logout.url'];
  if (!url) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return client.rootUrl ? `${client.rootUrl}${url}` : undefined;
}

/**
 * The logout token of one client session, as DefaultTokenManager.initLogoutToken builds it in Keycloak 26.7.3:
 * a UUID `jti`, `exp` two minutes after `iat`, the session's issuer, `aud` the client, `sub` the user, `typ:
 * Logout`, `sid` only when `backchannel.logout.session.required` is "true" (Keycloak reads a missing attribute as
 * false), and the event (plus `revoke_offline_access` with `backchannel.logout.revoke.offline.tokens`). The claims
 * are written in the order Keycloak's LogoutToken serialises them.
 */
export function logoutTokenClaims(
  client: ClientModel,
  session: UserSession,
  issuer: string,
  nowSeconds: number,
): Record<string, unknown> {
  const events: Record<string, unknown> = { [LOGOUT_EVENT]: {} };
  if (client.attributes['backchannel.logout.revoke.offline.tokens'] === 'true') events[REVOKE_OFFLINE_EVENT] = true;
  return {
    exp: nowSeconds + 120,
    iat: nowSeconds,
    jti: randomUUID(),
    iss: issuer,
    aud: client.clientId,
    sub: session.userId,
    typ: 'Logout',
    ...(client.attributes['backchannel.logout.session.required'] === 'true' ? { sid: session.id } : {}),
    events,
  };
}

/**
 * OIDCLoginProtocol.backchannelLogout for each client session of an ending user session: a client with a
 * back-channel logout URL is sent `logout_token` as a form POST (signed with the client's ID token algorithm,
 * header `typ: logout+jwt`); its answer is not waited on beyond 5 s and never changes the logout. Clients without
 * the URL, and those without a client session in this user session, hear nothing: Keycloak's logout-all removes
 * sessions without this step, and a bearer-only API that never had a client session is not told either.
 */
export async function sendBackchannelLogouts(
  realm: RealmModel,
  session: UserSession,
  issuer: string,
  nowSeconds: number,
): Promise<void> {
  const deliveries: Promise<void>[] = [];
  for (const clientSession of session.clientSessions.values()) {
    const client = clientById(realm, clientSession.clientId);
    const url = client === undefined ? undefined : logoutUrl(client);
    if (client === undefined || url === undefined) continue;
    deliveries.push(deliver(realm, client, url, logoutTokenClaims(client, session, issuer, nowSeconds)));
  }
  await Promise.all(deliveries);
}

async function deliver(realm: RealmModel, client: ClientModel, url: string, claims: object): Promise<void> {
  const alg = client.attributes['id.token.signed.response.alg'] || realm.defaultSignatureAlgorithm;
  const key = await realm.keys.signingKey(alg);
  if (key === undefined) return;
  try {
    const response = await fetch(url, {
      method: 'POST',
      // Keycloak's HTTP client names the form type without a charset.
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: signJwt(key, claims, 'logout+jwt') }).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
  } catch {
    // Keycloak logs a failed back-channel logout and goes on: the session ends either way.
  }
}
