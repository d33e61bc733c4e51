import type { RequestContext } from '../http/context.js';
import { oauthError } from '../http/http-error.js';
import { serviceAccountFor } from '../oidc/grants/client-credentials.js';
import type { ClientModel, RealmModel, UserModel } from '../model/types.js';
import { bearerToken, checkAccessToken } from '../oidc/bearer.js';
import type { UserSession } from '../sessions/session-store.js';
import { mappedClaims } from '../tokens/issuer.js';
import { verifyRealmToken } from '../tokens/verify.js';

/** Who a UMA grant acts for: the token's user and session, and the client the RPT is issued to. */
export interface UmaCaller {
  claims: Record<string, unknown>;
  user: UserModel;
  client: ClientModel;
  session: UserSession | undefined;
}

export const ID_TOKEN_FORMAT = 'http://openid.net/specs/openid-connect-core-1_0.html#IDToken';
export const JWT_FORMAT = 'urn:ietf:params:oauth:token-type:jwt';

async function fromAccessToken(ctx: RequestContext, realm: RealmModel, token: string): Promise<UmaCaller> {
  const checked = await checkAccessToken(ctx, realm, token);
  if (!checked.ok) throw oauthError(400, 'invalid_grant', 'Invalid bearer token');
  const { user, client, session } = checked.found;
  return { claims: checked.claims, user, client, session: session.id ? session : undefined };
}

/**
 * PermissionGrantType's caller resolution: the bearer token; else, for an authenticated client, an ID token sent
 * as `claim_token`, a `subject_token`, or the client's own service account.
 */
export async function resolveCaller(
  ctx: RequestContext,
  realm: RealmModel,
  form: Map<string, string>,
  client: ClientModel | undefined,
): Promise<UmaCaller> {
  const bearer = bearerToken(ctx);
  if (!client) return fromAccessToken(ctx, realm, bearer ?? '');
  const claimToken = form.get('claim_token');
  if (claimToken && (form.get('claim_token_format') ?? ID_TOKEN_FORMAT) === ID_TOKEN_FORMAT) {
    const verified = await verifyRealmToken(realm, claimToken, ctx.issuer(realm), ctx.nowSeconds);
    const user = verified.ok ? realm.users.get(String(verified.claims['sub'])) : undefined;
    if (!verified.ok || !user) throw oauthError(400, 'invalid_request', 'Invalid claim token');
    return {
      claims: verified.claims,
      user,
      client,
      session: ctx.kernel.sessions.get(String(verified.claims['sid'] ?? ''), false),
    };
  }
  const subject = form.get('subject_token');
  if (subject) return fromAccessToken(ctx, realm, subject);
  // PermissionGrantType: with neither token, the client acts for itself through the client credentials grant.
  const user = serviceAccountFor(realm, client);
  const claims = {
    ...mappedClaims({ realm, client, user, scope: undefined }, 'access'),
    sub: user.id,
    azp: client.clientId,
  };
  return { claims, user, client, session: undefined };
}
