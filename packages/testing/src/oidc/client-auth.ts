import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../http/context.js';
import { oauthError } from '../http/http-error.js';
import type { ClientModel, RealmModel } from '../model/types.js';

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
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    return undefined;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authenticates the calling client as Keycloak's client authenticators do: client_secret_basic,
 * client_secret_post, or a public client naming itself. Errors and their statuses follow errors.json.
 */
export function authenticateClient(ctx: RequestContext, realm: RealmModel, form: Map<string, string>): ClientModel {
  const basic = basicCredentials(ctx);
  const clientId = basic?.id ?? form.get('client_id');
  if (!clientId) throw oauthError(400, 'invalid_client', 'Missing client_id parameter');
  const client = realm.clients.get(clientId);
  if (!client || !client.enabled) throw oauthError(401, 'invalid_client', INVALID);
  if (client.bearerOnly) throw oauthError(400, 'invalid_client', 'Bearer-only not allowed');
  if (client.publicClient) return client;
  const secret = basic?.secret ?? form.get('client_secret');
  if (secret === undefined || !client.secret || !sameSecret(secret, client.secret)) throw oauthError(401, 'unauthorized_client', INVALID);
  return client;
}
