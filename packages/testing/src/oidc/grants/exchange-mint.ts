import { oauthError, type Reply } from '../../http/http-error.js';
import type { ClientModel, RealmModel, UserModel } from '../../model/types.js';
import type { UserSession } from '../../sessions/session-store.js';
import { dpopBinding } from '../dpop/binding.js';
import { issueTokens } from '../../tokens/issuer.js';
import type { RequestContext } from '../../http/context.js';
import { tokenReply } from './token-reply.js';

export const ACCESS_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const REFRESH_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';
export const ID_TYPE = 'urn:ietf:params:oauth:token-type:id_token';

/** What both token exchange providers hand to the common minting step. */
export interface ExchangeMint {
  ctx: RequestContext;
  realm: RealmModel;
  client: ClientModel;
  user: UserModel;
  subjectSession: UserSession;
  tokenType: string;
  scope: string | undefined;
  /** The `audience` parameters, already resolved to clients. */
  audienceNames: string[];
}

/**
 * AbstractTokenExchangeProvider.exchangeClientToOIDCClient: attaches the requesting client to the subject's
 * session (a transient one for offline or session-less subjects), mints the requested token and answers it
 * with `issued_token_type`. Without a `scope` parameter an existing client session keeps the scope it was
 * created with (its `scope` note), as TokenManager.attachAuthenticationSession reuses it.
 */
export async function mintExchanged({
  ctx,
  realm,
  client,
  user,
  subjectSession,
  tokenType,
  scope,
  audienceNames,
}: ExchangeMint): Promise<Reply> {
  const now = ctx.nowSeconds;
  const transient = subjectSession.id === '' || subjectSession.offline;
  if (transient && tokenType === REFRESH_TYPE)
    throw oauthError(
      400,
      'invalid_request',
      'Refresh token not valid as requested_token_type because creating a new session is needed',
    );
  const session: UserSession = transient
    ? { ...subjectSession, id: '', offline: false, clientSessions: new Map() }
    : subjectSession;
  const existing = transient ? undefined : session.clientSessions.get(client.id);
  const effectiveScope = scope ?? (existing?.scope || undefined);
  const clientSession = {
    clientId: client.id,
    started: now,
    timestamp: now,
    scope: effectiveScope ?? '',
    currentRefreshTokenUseCount: 0,
  };
  const created = !transient && !existing;
  if (!transient) session.clientSessions.set(client.id, existing ?? clientSession);
  if (tokenType === REFRESH_TYPE && (effectiveScope ?? '').split(' ').includes('offline_access')) {
    if (created) session.clientSessions.delete(client.id);
    throw oauthError(400, 'invalid_request', 'Scope offline_access not allowed for token exchange');
  }
  const wantsId = tokenType === ID_TYPE && !(effectiveScope ?? '').split(' ').includes('openid');
  const response = await issueTokens({
    dpop: dpopBinding(ctx),
    realm,
    client,
    user,
    session,
    clientSession: session.clientSessions.get(client.id) ?? clientSession,
    transient,
    issuer: ctx.issuer(realm),
    scope: wantsId ? ['openid', effectiveScope].filter(Boolean).join(' ') : effectiveScope,
    nowSeconds: now,
    grant: 'te',
    withRefreshToken: tokenType === REFRESH_TYPE,
    ...(audienceNames.length > 0 ? { audience: audienceNames } : {}),
  });
  const issued = JSON.parse(Buffer.from(response.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
    aud?: string | string[];
  };
  const granted = Array.isArray(issued.aud) ? issued.aud : issued.aud ? [issued.aud] : [];
  const missing = audienceNames.filter((a) => !granted.includes(a));
  if (missing.length > 0) {
    if (created) session.clientSessions.delete(client.id);
    throw oauthError(400, 'invalid_request', `Requested audience not available: ${missing.join(', ')}`);
  }
  if (tokenType === ID_TYPE) {
    const { id_token: idToken, refresh_token: _r, ...rest } = response;
    return tokenReply({ ...rest, access_token: idToken ?? '', token_type: 'N_A', issued_token_type: ID_TYPE });
  }
  // Only a refresh token exchange answers an ID token alongside (the access token exchange leaves it out).
  const { id_token: _id, ...withoutId } = response;
  return tokenReply({ ...(tokenType === REFRESH_TYPE ? response : withoutId), issued_token_type: tokenType });
}

/** The `audience` parameters as clients; an unknown one is 400 invalid_client "Audience not found". */
export function targetAudiences(realm: RealmModel, names: string[]): ClientModel[] {
  return names.map((name) => {
    const target = realm.clients.get(name);
    if (!target) throw oauthError(400, 'invalid_client', 'Audience not found');
    return target;
  });
}

/** AbstractTokenExchangeProvider.forbiddenIfClientIsNotWithinTokenAudience. */
export function requireWithinAudience(client: ClientModel, claims: Record<string, unknown>): void {
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [];
  if (claims['azp'] !== client.clientId && !audiences.includes(client.clientId))
    throw oauthError(403, 'access_denied', 'Client is not within the token audience');
}
