import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { isLightweight, mappedClaims, orderClaims } from '../../tokens/issuer.js';
import { appliedScopes, scopeClaim } from '../../tokens/scopes.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';
import { clientAdminRequest } from './client-lookup.js';

/**
 * ClientScopeEvaluateResource.generateExample*: the claims a token of the client would carry for a user and a
 * `scope` parameter, minted for a throw-away user session (never stored here) and answered as JSON, unsigned.
 */

const EVALUATE = '/admin/realms/{realm}/clients/{id}/evaluate-scopes';

type Kind = 'access' | 'id' | 'userinfo';

const example =
  (kind: Kind) =>
  async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, client } = await clientAdminRequest(ctx);
    allowIf(perms.canViewClients());
    const user = realm.users.get(ctx.url.searchParams.get('userId') ?? '');
    if (!user) throw errorMessage(404, 'No user found');
    const scope = ctx.url.searchParams.get('scope') ?? undefined;
    const now = ctx.nowSeconds;
    const session = ctx.kernel.sessions.create(realm, user.id, now, false);
    // The session exists only for this answer, as Keycloak's example session.
    ctx.kernel.sessions.remove(session.id, false);
    const req = { realm, client, user, session, scope };
    // The userinfo endpoint always answers `sub` first, whatever the mappers add.
    if (kind === 'userinfo') return { status: 200, body: { sub: user.id, ...mappedClaims(req, 'userinfo') } };
    const exp = now + realm.tokens.accessTokenLifespan;
    const base = { exp, iat: now, iss: ctx.issuer(realm), sub: user.id, azp: client.clientId, sid: session.id };
    if (kind === 'id') {
      return {
        status: 200,
        body: orderClaims({ ...mappedClaims(req, 'id'), ...base, jti: randomUUID(), aud: client.clientId, typ: 'ID' }),
      };
    }
    const lightweight = isLightweight(client);
    const claims = mappedClaims(req, 'access', lightweight);
    return {
      status: 200,
      body: orderClaims({
        ...claims,
        ...base,
        jti: `on${lightweight ? 'lt' : 'rt'}na:${randomUUID()}`,
        typ: 'Bearer',
        scope: scopeClaim(appliedScopes(realm, client, scope), scope),
      }),
    };
  };

export const exampleTokenRoutes: Route[] = [
  { method: 'GET', path: `${EVALUATE}/generate-example-access-token`, endpoint: 'admin', handler: example('access') },
  { method: 'GET', path: `${EVALUATE}/generate-example-id-token`, endpoint: 'admin', handler: example('id') },
  { method: 'GET', path: `${EVALUATE}/generate-example-userinfo`, endpoint: 'admin', handler: example('userinfo') },
];
