import type { RequestContext } from '../http/context.js';
import type { ClientModel, RealmModel, UserModel } from '../model/types.js';
import { bearerToken, checkAccessToken } from '../oidc/bearer.js';
import { decodeJwt } from '../tokens/jws.js';
import { unauthorized } from './errors.js';

/** Who calls the admin API: the token's realm, its user and the client it was issued to (AdminAuth). */
export interface AdminAuth {
  realm: RealmModel;
  user: UserModel;
  client: ClientModel;
  /** The user session the token belongs to (its `sid`). */
  sessionId: string;
}

/**
 * Authenticates an admin request as AdminRoot.authenticateRealmAdminRequest does: the realm is read from the
 * token's issuer, then the token is verified against that realm's keys and live session. Every failure is the
 * same bare 401, so callers learn nothing about which check failed.
 */
export async function authenticateAdmin(ctx: RequestContext): Promise<AdminAuth> {
  const token = bearerToken(ctx);
  if (!token) throw unauthorized();
  const iss = decodeJwt(token)?.payload['iss'];
  if (typeof iss !== 'string') throw unauthorized();
  let realmName: string;
  try {
    realmName = decodeURIComponent(iss.slice(iss.lastIndexOf('/') + 1));
  } catch {
    throw unauthorized();
  }
  const realm = ctx.kernel.store.get(realmName);
  if (!realm) throw unauthorized();
  const checked = await checkAccessToken(ctx, realm, token);
  if (!checked.ok) throw unauthorized();
  return { realm, user: checked.found.user, client: checked.found.client, sessionId: checked.found.session.id };
}
