import { createHash, randomUUID } from 'node:crypto';
import { effectiveUserRoles } from '../model/roles.js';
import type { ClientModel, RealmModel, UserModel } from '../model/types.js';
import type { ClientSession, UserSession } from '../sessions/session-store.js';
import { signJwt } from './jws.js';
import { applyMappers, type TokenKind } from './mappers.js';
import { appliedScopes, refreshScope, rolesInScope, scopeClaim } from './scopes.js';

/** Grant shortcuts of the access-token jti prefix (AccessTokenContext). */
export type GrantShortcut = 'ac' | 'cc' | 'rt' | 'ro' | 'te' | 'ci' | 'dg' | 'uma';

/** Everything needed to mint tokens for one request. */
export interface TokenRequest {
  realm: RealmModel;
  client: ClientModel;
  user: UserModel;
  session?: UserSession;
  /** A session that is never stored (client credentials without refresh token): no sid, no session_state. */
  transient?: boolean;
  clientSession?: ClientSession;
  issuer: string;
  /** The `scope` parameter. */
  scope: string | undefined;
  nowSeconds: number;
  grant: GrantShortcut;
  nonce?: string;
  /** Mint a refresh token (typ Refresh, or Offline for an offline session). */
  withRefreshToken: boolean;
  /** A DPoP proof's binding (DPoPUtil's DpopProtocolMapper): `cnf.jkt`, `typ` and `token_type` DPoP. */
  dpop?: { readonly jkt: string; readonly bindRefreshToken: boolean } | undefined;
  /** Token exchange's requested audiences: the access token's `aud` keeps only these (REQUESTED_AUDIENCE_CLIENTS). */
  audience?: readonly string[];
}

/** A token endpoint answer, fields in Keycloak's order. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_expires_in: number;
  refresh_token?: string;
  token_type: 'Bearer' | 'DPoP';
  id_token?: string;
  'not-before-policy': number;
  session_state?: string;
  scope: string;
}

const ORDER = [
  'exp',
  'iat',
  'auth_time',
  'jti',
  'iss',
  'aud',
  'sub',
  'typ',
  'azp',
  'nonce',
  'sid',
  'at_hash',
  'acr',
  'allowed-origins',
  'realm_access',
  'resource_access',
  'authorization',
  'cnf',
  'scope',
  'email_verified',
  'name',
  'preferred_username',
  'given_name',
  'family_name',
  'email',
];

/** Puts claims in Keycloak's serialisation order and collapses a single audience to a string. */
export function orderClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const aud = claims['aud'];
  if (Array.isArray(aud)) {
    if (aud.length === 0) delete claims['aud'];
    else if (aud.length === 1) claims['aud'] = aud[0];
  }
  const out: Record<string, unknown> = {};
  for (const key of ORDER) if (claims[key] !== undefined) out[key] = claims[key];
  for (const [key, value] of Object.entries(claims)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

/** Claims produced by the mappers of the applied scopes and the client, for one kind of token. */
export function mappedClaims(
  req: Omit<TokenRequest, 'grant' | 'withRefreshToken' | 'issuer' | 'nowSeconds'>,
  kind: TokenKind,
  lightweight = false,
): Record<string, unknown> {
  const scopes = appliedScopes(req.realm, req.client, req.scope);
  const roles = rolesInScope(req.client, scopes, effectiveUserRoles(req.user));
  const claims: Record<string, unknown> = {};
  const mappers = [...scopes.flatMap((s) => s.protocolMappers), ...req.client.protocolMappers];
  applyMappers(
    mappers,
    {
      realm: req.realm,
      client: req.client,
      user: req.user,
      ...(req.session ? { session: req.session } : {}),
      roles,
      claims,
      kind,
    },
    lightweight,
  );
  return claims;
}

function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function restrictAudience(
  claims: Record<string, unknown>,
  audience: readonly string[] | undefined,
): Record<string, unknown> {
  if (!audience) return claims;
  const aud = claims['aud'];
  const present = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  return { ...claims, aud: present.filter((a) => audience.includes(String(a))) };
}

/** AccessToken.Confirmation of a DPoP-bound token, as Keycloak 26.7 serialises it. */
function confirmation(jkt: string): Record<string, string> {
  return { jkt, 'kc-jkt-type': 'DPoP' };
}

/**
 * An ID token's audience: the client (TokenManager.initIDToken), then what Audience mappers with "Add to ID
 * token" on appended (orderClaims collapses a single one to a string).
 */
function idAudience(clientId: string, mapped: unknown): string[] {
  const extra = Array.isArray(mapped) ? mapped.map(String) : typeof mapped === 'string' ? [mapped] : [];
  return [...new Set([clientId, ...extra])];
}

/** Whether the client issues lightweight access tokens (client.use.lightweight.access.token.enabled). */
export function isLightweight(client: ClientModel): boolean {
  return client.attributes['client.use.lightweight.access.token.enabled'] === 'true';
}

/** Mints the access token (and refresh / ID token as asked) and builds the token response. */
export async function issueTokens(req: TokenRequest): Promise<TokenResponse> {
  const { realm, client, session, nowSeconds: iat } = req;
  const lightweight = isLightweight(client);
  const scopes = appliedScopes(realm, client, req.scope);
  const scope = scopeClaim(scopes, req.scope);
  const sessionType = !session || req.transient ? 'tr' : session.offline ? 'of' : 'on';
  let exp = iat + realm.tokens.accessTokenLifespan;
  if (session && !session.offline) exp = Math.min(exp, session.started + realm.tokens.ssoSessionMaxLifespan);

  const access = orderClaims({
    ...restrictAudience(mappedClaims(req, 'access', lightweight), req.audience),
    exp,
    iat,
    jti: `${sessionType}${lightweight ? 'lt' : 'rt'}${req.grant}:${randomUUID()}`,
    iss: req.issuer,
    typ: req.dpop ? 'DPoP' : 'Bearer',
    azp: client.clientId,
    sid: req.transient ? undefined : session?.id,
    cnf: req.dpop ? confirmation(req.dpop.jkt) : undefined,
    scope,
  });
  const signing = await realm.keys.signingKey(realm.defaultSignatureAlgorithm);
  if (!signing) throw new Error(`realm ${realm.name} has no active ${realm.defaultSignatureAlgorithm} key`);
  const accessToken = signJwt(signing, access);

  const response: TokenResponse = {
    access_token: accessToken,
    expires_in: exp - iat,
    refresh_expires_in: 0,
    token_type: 'Bearer',
    'not-before-policy': realm.notBefore,
    scope,
  };
  if (req.withRefreshToken && session && !req.transient) {
    const refreshExp = session.offline
      ? realm.tokens.offlineSessionMaxLifespanEnabled
        ? Math.min(
            iat + realm.tokens.offlineSessionIdleTimeout,
            session.started + realm.tokens.offlineSessionMaxLifespan,
          )
        : undefined
      : Math.min(iat + realm.tokens.ssoSessionIdleTimeout, session.started + realm.tokens.ssoSessionMaxLifespan);
    const hmac = await realm.keys.signingKey('HS512');
    if (!hmac) throw new Error(`realm ${realm.name} has no active HS512 key`);
    const refresh = orderClaims({
      exp: refreshExp,
      iat,
      jti: randomUUID(),
      iss: req.issuer,
      aud: req.issuer,
      sub: req.user.id,
      typ: session.offline ? 'Offline' : 'Refresh',
      azp: client.clientId,
      sid: session.id,
      cnf: req.dpop?.bindRefreshToken ? confirmation(req.dpop.jkt) : undefined,
      scope: refreshScope(scopes, req.scope),
    });
    response.refresh_token = signJwt(hmac, refresh);
    response.refresh_expires_in = refreshExp === undefined ? 0 : refreshExp - iat;
  }
  if (scope.split(' ').includes('openid')) {
    const idClaims = mappedClaims(req, 'id');
    const id = orderClaims({
      ...idClaims,
      exp,
      iat,
      auth_time: req.grant === 'ac' && session ? Number(session.notes['AUTH_TIME']) : undefined,
      jti: randomUUID(),
      iss: req.issuer,
      aud: idAudience(client.clientId, idClaims['aud']),
      sub: req.user.id,
      typ: 'ID',
      azp: client.clientId,
      nonce: req.nonce,
      sid: req.transient ? undefined : session?.id,
      at_hash: atHash(accessToken),
    });
    response.id_token = signJwt(signing, id);
  }
  if (session && !req.transient) response.session_state = session.id;
  return {
    access_token: response.access_token,
    expires_in: response.expires_in,
    refresh_expires_in: response.refresh_expires_in,
    ...(response.refresh_token ? { refresh_token: response.refresh_token } : {}),
    token_type: req.dpop ? 'DPoP' : 'Bearer',
    ...(response.id_token ? { id_token: response.id_token } : {}),
    'not-before-policy': realm.notBefore,
    ...(response.session_state ? { session_state: response.session_state } : {}),
    scope,
  };
}
