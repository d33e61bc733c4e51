import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../http/context.js';
import { type HttpError, oauthError, type Reply } from '../http/http-error.js';
import type { Route } from '../http/router.js';
import { createClient } from '../model/factory.js';
import { clientToRepresentation } from '../model/export.js';
import { ensureServiceAccount } from '../model/import.js';
import type { ClientRepresentation } from '../model/representations.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { bearerToken } from '../oidc/bearer.js';
import { initialAccessStore, rotateRegistrationToken } from './tokens.js';

const NOT_AUTHORIZED = 'Not authorized to view client. Not valid token or client credentials provided.';

async function tokenClaims(ctx: RequestContext, realm: RealmModel): Promise<Record<string, unknown> | undefined> {
  const token = bearerToken(ctx);
  if (!token) return undefined;
  const verified = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!verified.ok) throw oauthError(401, 'invalid_token', 'Failed decode token');
  return verified.claims;
}

// Anonymous registration passes Keycloak's default "Trusted Hosts" policy only from trusted hosts; none are.
function anonymousRefused(): HttpError {
  return oauthError(
    403,
    'insufficient_scope',
    "Policy 'Trusted Hosts' rejected request to client-registration service. Details: Host not trusted.",
  );
}

async function jsonBody(ctx: RequestContext): Promise<ClientRepresentation> {
  let rep: unknown;
  try {
    rep = JSON.parse((await ctx.body()).toString('utf8'));
  } catch {
    throw oauthError(400, 'invalid_client_metadata', 'Cannot parse the JSON');
  }
  if (!rep || typeof rep !== 'object' || Array.isArray(rep))
    throw oauthError(400, 'invalid_client_metadata', 'Cannot parse the JSON');
  return rep as ClientRepresentation;
}

function checkUris(rep: ClientRepresentation): void {
  for (const uri of rep.redirectUris ?? []) {
    if (typeof uri !== 'string' || /^(javascript|data):/i.test(uri))
      throw oauthError(400, 'invalid_redirect_uri', 'A redirect URI uses an illegal scheme');
    if (uri.includes('#'))
      throw oauthError(400, 'invalid_redirect_uri', 'Redirect URIs must not contain an URI fragment');
  }
}

async function answer(
  ctx: RequestContext,
  realm: RealmModel,
  client: ClientModel,
  status: number,
  rotate: boolean,
): Promise<Reply> {
  const rep = clientToRepresentation(client) as ClientRepresentation & { registrationAccessToken?: string };
  if (rotate)
    rep.registrationAccessToken = await rotateRegistrationToken(
      realm,
      client,
      ctx.issuer(realm),
      ctx.nowSeconds,
      'anonymous',
    );
  return { status, body: rep };
}

/** POST default: creates a client with an initial access token; answers it with a registration access token. */
async function register(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const claims = await tokenClaims(ctx, realm);
  if (!claims) throw anonymousRefused();
  if (claims['typ'] !== 'InitialAccessToken') throw oauthError(401, 'invalid_token', 'Failed decode token');
  const store = initialAccessStore(ctx.kernel);
  const access = store.get(String(claims['jti']), ctx.nowSeconds);
  if (!access || access.realmId !== realm.id || access.remainingCount <= 0)
    throw oauthError(401, 'invalid_token', 'Initial Access Token not found');
  const rep = await jsonBody(ctx);
  if (rep.clientId !== undefined && (typeof rep.clientId !== 'string' || !rep.clientId))
    throw oauthError(400, 'invalid_client_metadata', 'Invalid clientId');
  if (rep.clientId && realm.clients.has(rep.clientId))
    throw oauthError(400, 'invalid_client_metadata', 'Client Identifier in use');
  checkUris(rep);
  const { id: _ignored, ...rest } = rep;
  const client = createClient({ ...rest, clientId: rep.clientId || randomUUID() }, realm);
  realm.clients.set(client.clientId, client);
  if (client.serviceAccountsEnabled) ensureServiceAccount(realm, client, ctx.kernel.clock.now());
  access.remainingCount -= 1;
  if (access.remainingCount === 0) store.delete(access.id);
  return answer(ctx, realm, client, 201, true);
}

/** The client a registration access token is for; 401 unless the token is that client's current one. */
async function authorisedClient(ctx: RequestContext, realm: RealmModel): Promise<ClientModel> {
  const claims = await tokenClaims(ctx, realm);
  const client = realm.clients.get(ctx.params['clientId'] ?? '');
  if (
    claims?.['typ'] !== 'Registration' ||
    !client ||
    client.extensions['registrationAccessTokenId'] !== claims['jti']
  ) {
    throw oauthError(401, 'invalid_token', NOT_AUTHORIZED);
  }
  return client;
}

async function read(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const client = await authorisedClient(ctx, realm);
  return answer(ctx, realm, client, 200, false);
}

/** PUT default/{clientId}: replaces the client's settings and rotates its registration access token. */
async function update(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const client = await authorisedClient(ctx, realm);
  const rep = await jsonBody(ctx);
  if (rep.clientId !== undefined && rep.clientId !== client.clientId)
    throw oauthError(400, 'invalid_client_metadata', 'Client Identifier modified');
  checkUris(rep);
  const updated = createClient(
    { ...clientToRepresentation(client), ...rep, id: client.id, clientId: client.clientId },
    realm,
  );
  updated.roles = client.roles;
  updated.scopeMappings = client.scopeMappings;
  updated.extensions = client.extensions;
  realm.clients.set(client.clientId, updated);
  if (updated.serviceAccountsEnabled) ensureServiceAccount(realm, updated, ctx.kernel.clock.now());
  return answer(ctx, realm, updated, 200, true);
}

async function remove(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const client = await authorisedClient(ctx, realm);
  realm.clients.delete(client.clientId);
  for (const [id, user] of realm.users) if (user.serviceAccountClientId === client.id) realm.users.delete(id);
  return { status: 204 };
}

/** Keycloak's "default" client registration provider. */
export const registrationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/realms/{realm}/clients-registrations/default',
    endpoint: 'registration',
    handler: register,
  },
  {
    method: 'GET',
    path: '/realms/{realm}/clients-registrations/default/{clientId}',
    endpoint: 'registration',
    handler: read,
  },
  {
    method: 'PUT',
    path: '/realms/{realm}/clients-registrations/default/{clientId}',
    endpoint: 'registration',
    handler: update,
  },
  {
    method: 'DELETE',
    path: '/realms/{realm}/clients-registrations/default/{clientId}',
    endpoint: 'registration',
    handler: remove,
  },
];
