import { allValues } from '../../http/body.js';
import { oauthError, type Reply } from '../../http/http-error.js';
import type { ClientModel } from '../../model/types.js';
import { checkAccessToken } from '../bearer.js';
import { ACCESS_TYPE, mintExchanged, REFRESH_TYPE, requireWithinAudience, targetAudiences } from './exchange-mint.js';
import type { GrantContext } from '../../http/grant-registry.js';

const NOT_ALLOWED = 'Client not allowed to exchange';

// V1TokenExchangeProvider.getRequestedTokenType: a refresh token unless asked otherwise (SAML is not served here).
function requestedTokenType(form: Map<string, string>): string {
  const type = form.get('requested_token_type');
  if (type === undefined) return REFRESH_TYPE;
  if (type === ACCESS_TYPE || type === REFRESH_TYPE) return type;
  throw oauthError(400, 'invalid_request', 'requested_token_type unsupported');
}

/**
 * V1TokenExchangeProvider.getRequestedScope: without a `scope` parameter, the subject token's scopes that the
 * target client also has (default or optional), and `openid`; with one, the union of both.
 */
function requestedScope(target: ClientModel, tokenScope: string, param: string | undefined): string {
  const allowed = (name: string): boolean =>
    name === 'openid' || target.defaultClientScopes.includes(name) || target.optionalClientScopes.includes(name);
  const names = [...tokenScope.split(' '), ...(param ?? '').split(' ')].filter(Boolean);
  return [...new Set(names)].filter(allowed).join(' ');
}

/**
 * The legacy (V1) token exchange, for requests the standard provider does not take, as a Keycloak with feature
 * token-exchange:v1 and no fine-grained admin permission granted answers them: a client may exchange a token
 * it holds (or is an audience of) for its own tokens; impersonation (`requested_subject`) and exchanges to
 * another client need a permission (AdminPermissions ... canImpersonate / canExchangeTo), so they are 403
 * access_denied "Client not allowed to exchange". External issuers (`requested_issuer`, `subject_issuer`) are
 * not served and answer the same 403.
 */
export async function legacyTokenExchange({ ctx, realm, form, client }: GrantContext): Promise<Reply> {
  const subjectToken = form.get('subject_token');
  if (subjectToken === undefined) {
    // Keycloak 26.7 fails with a 500 here (no token to exchange and no requested_subject); answer a clear 400.
    if (!form.has('requested_subject')) throw oauthError(400, 'invalid_request', "Parameter 'subject_token' required");
  }
  if (form.has('subject_issuer') || form.has('requested_issuer')) throw oauthError(403, 'access_denied', NOT_ALLOWED);
  const type = form.get('subject_token_type');
  if (subjectToken !== undefined && type !== undefined && type !== ACCESS_TYPE)
    throw oauthError(400, 'invalid_request', 'Invalid token type, must be access token');
  const checked = subjectToken === undefined ? undefined : await checkAccessToken(ctx, realm, subjectToken);
  if (checked && !checked.ok) throw oauthError(400, 'invalid_request', 'Invalid token');
  const requestedSubject = form.get('requested_subject');
  // Found or not, an impersonation without permission answers the same, so usernames cannot be fished.
  if (requestedSubject !== undefined) throw oauthError(403, 'access_denied', NOT_ALLOWED);
  if (!checked?.ok) throw oauthError(400, 'invalid_request', 'Invalid token');
  const { claims } = checked;
  const tokenType = requestedTokenType(form);
  const names = allValues(await ctx.body(), 'audience');
  const targets = names.length > 0 ? targetAudiences(realm, names) : [client];
  for (const target of targets) {
    if (target.consentRequired) throw oauthError(400, 'invalid_client', 'Client requires user consent');
    if (!target.enabled) throw oauthError(400, 'invalid_client', 'Client disabled');
    const holder = claims['azp'] === client.clientId;
    if (client.publicClient && !holder) throw oauthError(403, 'access_denied', 'Client is not the holder of the token');
    if (target === client) {
      if (!client.publicClient && !holder) requireWithinAudience(client, claims);
    } else {
      throw oauthError(403, 'access_denied', NOT_ALLOWED);
    }
  }
  const scope = requestedScope(targets[0] ?? client, String(claims['scope'] ?? ''), form.get('scope'));
  return mintExchanged({
    ctx,
    realm,
    client,
    user: checked.found.user,
    subjectSession: checked.found.session,
    tokenType,
    scope: scope || undefined,
    audienceNames: names.length > 0 ? targets.map((t) => t.clientId) : [],
  });
}
