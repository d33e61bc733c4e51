import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../http/context.js';
import { oauthError } from '../http/http-error.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import { parseAssertion } from './client-jwt/assertion.js';
import { jwtAuthenticatorOf, validateClientAssertion, type AssertionInput } from './client-jwt/authenticator.js';
import { assertionRejected, unknownClient } from './client-jwt/errors.js';

const INVALID = 'Invalid client or Invalid client credentials';

function basicCredentials(ctx: RequestContext): { id: string; secret: string } | undefined {
  const header = ctx.header('authorization');
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    // RFC 6749 2.3.1: both parts are form-urlencoded inside the Basic credentials.
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return undefined;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function enabledClient(realm: RealmModel, clientId: string): ClientModel {
  const client = realm.clients.get(clientId);
  if (!client?.enabled) throw oauthError(401, 'invalid_client', INVALID);
  return client;
}

/** ClientIdAndSecretAuthenticator (client_secret_basic / client_secret_post), or a public client naming itself. */
function bySecret(client: ClientModel, secret: string | undefined): ClientModel {
  if (client.bearerOnly) throw oauthError(400, 'invalid_client', 'Bearer-only not allowed');
  if (client.publicClient) return client;
  if (secret === undefined || !client.secret || !sameSecret(secret, client.secret))
    throw oauthError(401, 'unauthorized_client', INVALID);
  return client;
}

/**
 * A request carrying `client_assertion(_type)`. Keycloak's client flow runs every authenticator and keeps the
 * result of the one the client is configured for: the JWT validators for client-jwt / client-secret-jwt clients,
 * the secret check for others when they named themselves with client_id, else "client not found".
 */
async function byAssertion(
  ctx: RequestContext,
  realm: RealmModel,
  input: AssertionInput,
  secret: string | undefined,
): Promise<ClientModel> {
  const claims = input.parsed?.claims;
  // JWTClientAuthenticator ignores assertions signed by a third party (iss != sub): nobody authenticates the client.
  if (claims && claims.iss !== claims.sub) throw unknownClient();
  const clientId = input.clientIdParam ?? (typeof claims?.sub === 'string' ? claims.sub : undefined);
  if (clientId === undefined)
    throw input.parsed ? unknownClient() : oauthError(400, 'invalid_client', 'Missing client_id parameter');
  const client = enabledClient(realm, clientId);
  const type = jwtAuthenticatorOf(client);
  if (!type) {
    if (input.clientIdParam === undefined) throw unknownClient();
    return bySecret(client, secret);
  }
  await validateClientAssertion(ctx, realm, client, type, input);
  if (client.bearerOnly) throw oauthError(400, 'invalid_client', 'Bearer-only not allowed');
  return client;
}

/**
 * Authenticates the calling client as Keycloak's client authenticators do: client_secret_basic,
 * client_secret_post, private_key_jwt (`client-jwt`), client_secret_jwt (`client-secret-jwt`), or a public client
 * naming itself. Only the client's configured authenticator counts. Errors and their statuses follow errors.json
 * and the validators' literals.
 */
export async function authenticateClient(
  ctx: RequestContext,
  realm: RealmModel,
  form: Map<string, string>,
): Promise<ClientModel> {
  const basic = basicCredentials(ctx);
  const clientIdParam = basic?.id ?? form.get('client_id');
  const secret = basic?.secret ?? form.get('client_secret');
  const assertion = form.get('client_assertion');
  const assertionType = form.get('client_assertion_type');
  if (assertion !== undefined || assertionType !== undefined) {
    const parsed = assertion === undefined ? undefined : parseAssertion(assertion);
    return byAssertion(ctx, realm, { assertion, assertionType, parsed, clientIdParam }, secret);
  }
  // Without a client_id every authenticator of the client flow only "attempted": AuthorizeClientUtil's 401.
  if (!clientIdParam) throw oauthError(401, 'invalid_client', INVALID);
  const client = enabledClient(realm, clientIdParam);
  // A client-jwt or client-secret-jwt client cannot fall back to its secret: its validator wants an assertion.
  if (jwtAuthenticatorOf(client) && !client.bearerOnly)
    throw assertionRejected('Parameter client_assertion_type is missing');
  return bySecret(client, secret);
}
