import type { RequestContext } from '../http/context.js';
import { HttpError, type Reply } from '../http/http-error.js';
import type { Route } from '../http/router.js';
import { mediaType } from '../http/body.js';
import { isLightweight, mappedClaims, orderClaims } from '../tokens/issuer.js';
import { signJwt } from '../tokens/jws.js';
import { bearerToken, checkAccessToken } from './bearer.js';
import { dpopTokenCheck, dpopToken, DPOP_CHALLENGE } from './dpop/resource.js';

function challenge(status: number, realmName: string, error?: string, description?: string, dpop = false): HttpError {
  const params = error ? `, error="${error}", error_description="${description}"` : '';
  // A request with the DPoP scheme is answered with the DPoP challenge, its algorithms first (DPoPUtil).
  const scheme = dpop ? `${DPOP_CHALLENGE}, realm="${realmName}"` : `Bearer realm="${realmName}"`;
  return new HttpError({
    status,
    // UserInfoEndpoint's OAuth2 error responses carry no-store and Pragma no-cache, as token errors do.
    headers: {
      'www-authenticate': `${scheme}${params}`,
      'content-type': 'text/plain;charset=utf-8',
      'cache-control': 'no-store',
      pragma: 'no-cache',
    },
  });
}

async function userinfo(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const dpop = dpopToken(ctx);
  let token = dpop ?? bearerToken(ctx);
  if (!token && ctx.req.method === 'POST' && mediaType(ctx.req) === 'application/x-www-form-urlencoded')
    token = (await ctx.form()).get('access_token');
  if (!token) throw challenge(401, realm.name);
  const checked = await checkAccessToken(ctx, realm, token, ['Bearer', 'DPoP']);
  if (checked.ok && !(await dpopTokenCheck(ctx, realm, token, checked.claims, dpop !== undefined)))
    throw challenge(401, realm.name, 'invalid_token', 'Token verification failed', dpop !== undefined);
  if (!checked.ok) {
    const sessionGone = checked.claims !== undefined && checked.problem !== 'revoked' && checked.problem !== 'type';
    throw challenge(
      401,
      realm.name,
      'invalid_token',
      sessionGone ? "User session not found or doesn't have client attached on it" : 'Token verification failed',
      dpop !== undefined,
    );
  }
  const { client, user, session } = checked.found;
  if (isLightweight(client))
    throw challenge(401, realm.name, 'invalid_token', 'Lightweight access token not allowed for userinfo endpoint');
  const scope = String(checked.claims['scope'] ?? '');
  if (!scope.split(' ').includes('openid'))
    throw challenge(403, realm.name, 'insufficient_scope', 'Missing openid scope');
  const claims = mappedClaims({ realm, client, user, session, scope }, 'userinfo');
  const { sub: _sub, ...rest } = orderClaims(claims);
  const body = { sub: user.id, ...rest };
  const alg = client.attributes['user.info.response.signature.alg'];
  if (!alg || alg === 'unsigned') return { status: 200, headers: NO_CACHE, body };
  // UserInfoEndpoint: a client that asks for signed userinfo gets a JWT of the claims plus iss and aud (the
  // client), signed with the realm's active key of that algorithm, as application/jwt.
  const key = await realm.keys.signingKey(alg);
  if (!key) throw challenge(500, realm.name, 'invalid_request', `No active key for algorithm ${alg}`);
  const jwt = signJwt(key, { ...body, iss: ctx.issuer(realm), aud: client.clientId });
  return { status: 200, headers: { ...NO_CACHE, 'content-type': 'application/jwt' }, body: jwt };
}

// UserInfoEndpoint answers through Cors with CacheControlUtil.noCache().
const NO_CACHE = { 'cache-control': 'no-store, no-cache' };

/** GET and POST /realms/{realm}/protocol/openid-connect/userinfo; failures answer 401/403 with WWW-Authenticate, no-store and Pragma no-cache. */
export const userinfoRoutes: Route[] = [
  {
    method: ['GET', 'POST'],
    path: '/realms/{realm}/protocol/openid-connect/userinfo',
    endpoint: 'userinfo',
    handler: userinfo,
  },
];
