import { oauthError } from '../../http/http-error.js';
import { isValidScope } from '../internal/scope-check.js';
import { allValues } from '../../http/body.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import type { UserSession } from '../../sessions/session-store.js';
import { issueTokens } from '../../tokens/issuer.js';
import { checkAccessToken } from '../bearer.js';
import { tokenReply } from './token-reply.js';
import type { GrantContext } from '../../http/grant-registry.js';

const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const REFRESH = 'urn:ietf:params:oauth:token-type:refresh_token';
const ID = 'urn:ietf:params:oauth:token-type:id_token';

// StandardTokenExchangeProvider.supports: the first reason this request is not a standard (V2) exchange.
function unsupportedReason(form: Map<string, string>, client: ClientModel): string | undefined {
  if (form.has('requested_subject')) return "Parameter 'requested_subject' is not supported for standard token exchange";
  if (form.has('requested_issuer')) return "Parameter 'requested_issuer' is not supported for standard token exchange";
  if (form.has('subject_issuer')) return "Parameter 'subject_issuer' is not supported for standard token exchange";
  if (client.attributes['standard.token.exchange.enabled'] !== 'true') return 'Standard token exchange is not enabled for the requested client';
  if (!form.get('subject_token')) return "Parameter 'subject_token' required for standard token exchange";
  const type = form.get('subject_token_type');
  if (!type) return "Parameter 'subject_token_type' required for standard token exchange";
  if (type !== ACCESS) return "Parameter 'subject_token' supports access tokens only";
  return undefined;
}

// getRequestedTokenType: refresh tokens only when the client allows them for exchange.
function requestedTokenType(form: Map<string, string>, client: ClientModel): string {
  const type = form.get('requested_token_type') ?? ACCESS;
  if (type === ACCESS || type === ID) return type;
  const refreshAllowed = client.attributes['standard.token.exchange.enableRefreshRequestedTokenType'] === 'SAME_SESSION' && client.attributes['use.refresh.tokens'] !== 'false';
  if (type === REFRESH && refreshAllowed) return type;
  throw oauthError(400, 'invalid_request', 'requested_token_type unsupported');
}

function targetAudiences(realm: RealmModel, names: string[]): ClientModel[] {
  return names.map((name) => {
    const target = realm.clients.get(name);
    if (!target) throw oauthError(400, 'invalid_client', 'Audience not found');
    return target;
  });
}

/**
 * grant_type=urn:ietf:params:oauth:grant-type:token-exchange, Keycloak 26's standard token exchange (V2,
 * StandardTokenExchangeProvider): an access token of this realm for a token of the calling client, optionally
 * narrowed to requested audiences and scopes. Checks and descriptions follow the provider's order.
 */
export async function tokenExchangeGrant({ ctx, realm, form, client }: GrantContext) {
  const reason = unsupportedReason(form, client);
  if (reason) throw oauthError(400, 'invalid_request', reason);
  const checked = await checkAccessToken(ctx, realm, form.get('subject_token') ?? '');
  if (!checked.ok) throw oauthError(400, 'invalid_request', 'Invalid token');
  const { claims } = checked;
  const { user } = checked.found;
  const tokenType = requestedTokenType(form, client);
  const audienceNames = allValues(await ctx.body(), 'audience');
  const targets = targetAudiences(realm, audienceNames);
  if (client.publicClient) throw oauthError(400, 'invalid_client', 'Public client is not allowed to exchange token');
  if (targets.some((t) => !t.enabled)) throw oauthError(400, 'invalid_client', 'Client disabled');
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [];
  if (claims['azp'] !== client.clientId && !audiences.includes(client.clientId)) throw oauthError(403, 'access_denied', 'Client is not within the token audience');
  const scope = form.get('scope');
  if (!isValidScope(client, scope)) throw oauthError(400, 'invalid_scope', `Invalid scopes: ${scope}`);

  const now = ctx.nowSeconds;
  const subjectSession = checked.found.session;
  const transient = subjectSession.id === '' || subjectSession.offline;
  if (transient && tokenType === REFRESH) throw oauthError(400, 'invalid_request', 'Refresh token not valid as requested_token_type because creating a new session is needed');
  const session: UserSession = transient ? { ...subjectSession, id: '', offline: false, clientSessions: new Map() } : subjectSession;
  const clientSession = { clientId: client.id, started: now, timestamp: now, scope: scope ?? '', currentRefreshTokenUseCount: 0 };
  const created = !transient && !session.clientSessions.has(client.id);
  if (!transient) session.clientSessions.set(client.id, session.clientSessions.get(client.id) ?? clientSession);
  if (tokenType === REFRESH && (scope ?? '').split(' ').includes('offline_access')) {
    if (created) session.clientSessions.delete(client.id);
    throw oauthError(400, 'invalid_request', 'Scope offline_access not allowed for token exchange');
  }
  const wantsId = tokenType === ID && !(scope ?? '').split(' ').includes('openid');
  const response = await issueTokens({
    realm, client, user, session, clientSession: session.clientSessions.get(client.id) ?? clientSession, transient, issuer: ctx.issuer(realm),
    scope: wantsId ? ['openid', scope].filter(Boolean).join(' ') : scope, nowSeconds: now, grant: 'te', withRefreshToken: tokenType === REFRESH,
    ...(audienceNames.length > 0 ? { audience: targets.map((t) => t.clientId) } : {}),
  });
  const issued = JSON.parse(Buffer.from(response.access_token.split('.')[1] ?? '', 'base64url').toString()) as { aud?: string | string[] };
  const granted = Array.isArray(issued.aud) ? issued.aud : issued.aud ? [issued.aud] : [];
  const missing = audienceNames.filter((a) => !granted.includes(a));
  if (missing.length > 0) {
    if (created) session.clientSessions.delete(client.id);
    throw oauthError(400, 'invalid_request', `Requested audience not available: ${missing.join(', ')}`);
  }
  if (tokenType === ID) {
    const { id_token: idToken, refresh_token: _r, ...rest } = response;
    return tokenReply({ ...rest, access_token: idToken ?? '', token_type: 'N_A', issued_token_type: ID });
  }
  return tokenReply({ ...response, issued_token_type: tokenType });
}

