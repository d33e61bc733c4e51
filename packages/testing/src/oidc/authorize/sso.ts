import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import type { UserSession } from '../../sessions/session-store.js';
import { signJwt } from '../../tokens/jws.js';
import { verifyRealmToken } from '../../tokens/verify.js';

/** Keycloak's SSO cookie name. */
export const IDENTITY_COOKIE = 'KEYCLOAK_IDENTITY';

function cookiePath(realm: RealmModel): string {
  return `/realms/${encodeURIComponent(realm.name)}/`;
}

/** A Set-Cookie value carrying the session as an HS512-signed identity token, as KEYCLOAK_IDENTITY does. */
export async function identityCookie(ctx: RequestContext, realm: RealmModel, session: UserSession): Promise<string> {
  const key = await realm.keys.signingKey('HS512');
  if (!key) throw new Error(`realm ${realm.name} has no active HS512 key`);
  const token = signJwt(key, {
    iat: ctx.nowSeconds,
    jti: randomUUID(),
    iss: ctx.issuer(realm),
    sub: session.userId,
    typ: 'Serialized-ID',
    sid: session.id,
  });
  return `${IDENTITY_COOKIE}=${token}; Version=1; Path=${cookiePath(realm)}; SameSite=Lax; HttpOnly`;
}

/** A Set-Cookie value that removes the SSO cookie. */
export function expiredIdentityCookie(realm: RealmModel): string {
  return `${IDENTITY_COOKIE}=; Version=1; Path=${cookiePath(realm)}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly`;
}

function cookieValue(ctx: RequestContext, name: string): string | undefined {
  for (const part of (ctx.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The live SSO session named by the request's cookie, with its enabled user; undefined otherwise. */
export async function ssoSession(
  ctx: RequestContext,
  realm: RealmModel,
): Promise<{ session: UserSession; user: UserModel } | undefined> {
  const token = cookieValue(ctx, IDENTITY_COOKIE);
  if (!token) return undefined;
  const verified = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!verified.ok || verified.claims['typ'] !== 'Serialized-ID') return undefined;
  const session = ctx.kernel.sessions.get(String(verified.claims['sid']), false);
  if (!session || session.realmId !== realm.id || !ctx.kernel.sessions.isValid(realm, session, ctx.nowSeconds))
    return undefined;
  const user = realm.users.get(session.userId);
  return user?.enabled ? { session, user } : undefined;
}
