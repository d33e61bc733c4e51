import type { Kernel } from '../http/context.js';
import { HttpError, oauthError, type Reply } from '../http/http-error.js';
import type { RequestContext } from '../http/context.js';
import type { Route } from '../http/router.js';
import { authenticateClient } from './client-auth.js';
import { handleDpopHeader } from './dpop/binding.js';
import { clientCredentialsGrant } from './grants/client-credentials.js';
import { passwordGrant } from './grants/password.js';
import { refreshTokenGrant } from './grants/refresh-token.js';
import { checkSslRequired } from './ssl-required.js';

/** Registers the kernel's grants; other modules add theirs to `kernel.grants` the same way. */
export function registerKernelGrants(kernel: Kernel): void {
  kernel.grants.register('password', passwordGrant);
  kernel.grants.register('client_credentials', clientCredentialsGrant);
  kernel.grants.register('refresh_token', refreshTokenGrant);
}

/** POST /realms/{realm}/protocol/openid-connect/token: checks in TokenEndpoint's order, then the grant. */
export const tokenRoutes: Route[] = [
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/token',
    endpoint: 'token',
    handler: async (ctx) => {
      try {
        return await grant(ctx);
      } catch (error) {
        // TokenEndpoint answers its errors with the same no-store headers as its tokens.
        if (error instanceof HttpError && error.reply.status !== 404)
          error.reply.headers = { ...NO_STORE, ...error.reply.headers };
        throw error;
      }
    },
  },
];

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

async function grant(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  checkSslRequired(ctx, realm);
  const form = await ctx.form();
  if (!realm.enabled) throw oauthError(403, 'access_denied', 'Realm not enabled');
  const grantType = form.get('grant_type');
  if (!grantType) throw oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
  // TokenEndpoint.checkClient: a UMA grant with a bearer token identifies its caller by that token instead.
  const bearerHandler = /^Bearer\s/i.test(ctx.header('authorization') ?? '')
    ? ctx.kernel.grants.getBearer(grantType)
    : undefined;
  if (bearerHandler) return bearerHandler({ ctx, realm, form });
  const handler = ctx.kernel.grants.get(grantType);
  const client = await authenticateClient(ctx, realm, form);
  if (!handler) throw oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  // TokenEndpoint.processGrantRequest: the DPoP proof is checked once the client is known, before the grant.
  await handleDpopHeader(ctx, client);
  return handler({ ctx, realm, form, client });
}
