import type { RequestContext } from '../../http/context.js';
import { oauthError } from '../../http/http-error.js';
import type { ClientModel, RealmModel, UserModel } from '../../model/types.js';
import { bearerToken, checkAccessToken } from '../../oidc/bearer.js';
import { resourceServerOf } from '../resource-server.js';
import type { ResourceServerModel } from '../types.js';

/** A Protection API caller: its token, the resource server named by the token's `azp`, and the token's user. */
export interface ProtectionCaller {
  realm: RealmModel;
  client: ClientModel;
  server: ResourceServerModel;
  user: UserModel;
  claims: Record<string, unknown>;
}

/**
 * ProtectionService's checks: a valid bearer token (403 `invalid_bearer_token`), its client known (400 `invalid_clientId`) and a
 * resource server (403 `invalid_clientId`); `requireProtection` adds the PAT's `uma_protection` role (403).
 */
export async function protectionCaller(ctx: RequestContext, requireProtection: boolean): Promise<ProtectionCaller> {
  const realm = ctx.realm();
  const token = bearerToken(ctx);
  const checked = token ? await checkAccessToken(ctx, realm, token) : undefined;
  // AuthenticationManager.bearerTokenFromRequest failing (no token, a bad one, another realm's) is one answer on
  // Keycloak 26.7.3: 403 invalid_bearer_token, without WWW-Authenticate.
  if (!checked?.ok) throw oauthError(403, 'invalid_bearer_token', 'Could not obtain bearer access_token from request.');
  const client = realm.clients.get(String(checked.claims['azp']));
  if (!client)
    throw oauthError(
      400,
      'invalid_clientId',
      `Client application with id [${String(checked.claims['azp'])}] does not exist in realm [${realm.name}]`,
    );
  const server = resourceServerOf(client);
  if (!server)
    throw oauthError(
      403,
      'invalid_clientId',
      `Client application [${client.clientId}] is not registered as a resource server.`,
    );
  if (requireProtection) {
    const access = checked.claims['resource_access'] as Record<string, { roles?: unknown }> | undefined;
    const roles = access?.[client.clientId]?.roles;
    if (!Array.isArray(roles) || !roles.includes('uma_protection'))
      throw oauthError(403, 'invalid_scope', 'Requires uma_protection scope.');
  }
  return { realm, client, server, user: checked.found.user, claims: checked.claims };
}

/** Reads a JSON body (400 `invalid_request` when it is not JSON). */
export async function jsonBody(ctx: RequestContext): Promise<unknown> {
  const raw = (await ctx.body()).toString('utf8');
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw oauthError(400, 'invalid_request', 'Cannot parse the JSON');
  }
}
