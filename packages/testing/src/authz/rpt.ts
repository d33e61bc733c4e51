import type { RequestContext } from '../http/context.js';
import { oauthError } from '../http/http-error.js';
import type { RealmModel } from '../model/types.js';
import { issueTokens, orderClaims, type TokenResponse } from '../tokens/issuer.js';
import { decodeJwt, signJwt } from '../tokens/jws.js';
import { verifyRealmToken } from '../tokens/verify.js';
import type { UmaCaller } from './caller.js';
import type { GrantedPermission } from './evaluator.js';
import type { ResourceServerModel } from './types.js';

/**
 * Mints the RPT (AuthorizationTokenService.createRequestingPartyToken): an access token of the caller's client
 * and session whose audience adds the resource server and that carries `authorization.permissions`.
 */
export async function issueRpt(
  ctx: RequestContext,
  realm: RealmModel,
  caller: UmaCaller,
  server: ResourceServerModel,
  permissions: GrantedPermission[],
): Promise<TokenResponse> {
  const session = caller.session;
  const clientSession = session?.clientSessions.get(caller.client.id);
  const scope = typeof caller.claims['scope'] === 'string' ? caller.claims['scope'] : undefined;
  const response = await issueTokens({
    realm,
    client: caller.client,
    user: caller.user,
    issuer: ctx.issuer(realm),
    scope,
    nowSeconds: ctx.nowSeconds,
    grant: 'uma',
    ...(session ? { session } : { transient: true }),
    ...(clientSession ? { clientSession } : {}),
    withRefreshToken: !!clientSession,
  });
  const payload = decodeJwt(response.access_token)?.payload ?? {};
  const aud = payload['aud'] === undefined ? [] : Array.isArray(payload['aud']) ? payload['aud'] : [payload['aud']];
  if (!aud.includes(server.clientId)) aud.push(server.clientId);
  const key = await realm.keys.signingKey(realm.defaultSignatureAlgorithm);
  if (!key) throw new Error(`realm ${realm.name} has no active signing key`);
  // The RPT is built outside a token request's client session context: no web origins, and a jti whose
  // prefix says "no session type, regular token, no grant type" (TokenContextEncoderProvider's `ntrtna`).
  const { 'allowed-origins': _origins, ...claims } = payload;
  const jti = typeof claims['jti'] === 'string' ? claims['jti'].replace(/^[a-z]+:/, 'ntrtna:') : claims['jti'];
  response.access_token = signJwt(key, orderClaims({ ...claims, jti, aud, authorization: { permissions } }));
  if (response.refresh_token) {
    // Its refresh token carries the permissions too, so a refresh keeps them (before `scope`, as Keycloak writes it).
    const refresh = decodeJwt(response.refresh_token)?.payload ?? {};
    const hmac = await realm.keys.signingKey('HS512');
    if (hmac) response.refresh_token = signJwt(hmac, withBefore(refresh, 'scope', 'authorization', { permissions }));
  }
  // AuthorizationTokenService answers the token response without session_state and scope.
  const { session_state: _state, scope: _scope, ...rest } = response;
  return rest as TokenResponse;
}

function withBefore(
  claims: Record<string, unknown>,
  before: string,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(claims)) {
    if (name === before) out[key] = value;
    out[name] = v;
  }
  if (!(key in out)) out[key] = value;
  return out;
}

/** The permissions of a previously issued RPT (403 `invalid_rpt` when it is not one of this realm's). */
export async function previousPermissions(
  ctx: RequestContext,
  realm: RealmModel,
  rpt: string,
): Promise<GrantedPermission[]> {
  const verified = await verifyRealmToken(realm, rpt, ctx.issuer(realm), ctx.nowSeconds);
  if (!verified.ok)
    throw oauthError(403, 'invalid_rpt', verified.reason === 'expired' ? 'RPT is expired' : 'RPT signature is invalid');
  const authorization = verified.claims['authorization'] as { permissions?: unknown } | undefined;
  return Array.isArray(authorization?.permissions) ? (authorization.permissions as GrantedPermission[]) : [];
}

/**
 * RPTIntrospectionProvider: the token's claims without realm_access/resource_access/authorization, and
 * `permissions` in both Keycloak's and UMA's names.
 */
export function rptIntrospection(claims: Record<string, unknown>): Record<string, unknown> {
  const { realm_access: _realm, resource_access: _resource, authorization, ...rest } = claims;
  const list = (authorization as { permissions?: GrantedPermission[] } | undefined)?.permissions ?? [];
  const permissions = list.map((p) => ({
    ...p,
    ...(p.rsid ? { resource_id: p.rsid } : {}),
    ...(p.scopes ? { resource_scopes: p.scopes } : {}),
  }));
  return { ...rest, permissions };
}
