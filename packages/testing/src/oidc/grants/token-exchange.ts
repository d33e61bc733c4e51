import { oauthError } from '../../http/http-error.js';
import { isValidScope } from '../internal/scope-check.js';
import { allValues } from '../../http/body.js';
import type { ClientModel } from '../../model/types.js';
import { checkAccessToken } from '../bearer.js';
import {
  ACCESS_TYPE,
  ID_TYPE,
  mintExchanged,
  REFRESH_TYPE,
  requireWithinAudience,
  targetAudiences,
} from './exchange-mint.js';
import { legacyTokenExchange } from './token-exchange-v1.js';
import type { GrantContext } from '../../http/grant-registry.js';

const ACCESS = ACCESS_TYPE;
const REFRESH = REFRESH_TYPE;
const ID = ID_TYPE;

// StandardTokenExchangeProvider.supports: the first reason this request is not a standard (V2) exchange.
function unsupportedReason(form: Map<string, string>, client: ClientModel): string | undefined {
  if (form.has('requested_subject'))
    return "Parameter 'requested_subject' is not supported for standard token exchange";
  if (form.has('requested_issuer')) return "Parameter 'requested_issuer' is not supported for standard token exchange";
  if (form.has('subject_issuer')) return "Parameter 'subject_issuer' is not supported for standard token exchange";
  if (client.attributes['standard.token.exchange.enabled'] !== 'true')
    return 'Standard token exchange is not enabled for the requested client';
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
  const refreshAllowed =
    client.attributes['standard.token.exchange.enableRefreshRequestedTokenType'] === 'SAME_SESSION' &&
    client.attributes['use.refresh.tokens'] !== 'false';
  if (type === REFRESH && refreshAllowed) return type;
  throw oauthError(400, 'invalid_request', 'requested_token_type unsupported');
}

/**
 * grant_type=urn:ietf:params:oauth:grant-type:token-exchange. Keycloak 26 asks its providers in turn: the
 * standard token exchange (V2, StandardTokenExchangeProvider) takes a request it supports; any other goes to
 * the legacy V1 provider (V1TokenExchangeProvider) when feature token-exchange:v1 is on, else it is refused
 * with the standard provider's reason.
 */
export async function tokenExchangeGrant(grant: GrantContext) {
  const { ctx, realm, form, client } = grant;
  const reason = unsupportedReason(form, client);
  if (reason) {
    if (ctx.kernel.features?.has('token-exchange')) return legacyTokenExchange(grant);
    throw oauthError(400, 'invalid_request', reason);
  }
  const checked = await checkAccessToken(ctx, realm, form.get('subject_token') ?? '');
  if (!checked.ok) throw oauthError(400, 'invalid_request', 'Invalid token');
  const { claims } = checked;
  const { user } = checked.found;
  const tokenType = requestedTokenType(form, client);
  const audienceNames = allValues(await ctx.body(), 'audience');
  const targets = targetAudiences(realm, audienceNames);
  if (client.publicClient) throw oauthError(400, 'invalid_client', 'Public client is not allowed to exchange token');
  if (targets.some((t) => !t.enabled)) throw oauthError(400, 'invalid_client', 'Client disabled');
  requireWithinAudience(client, claims);
  // getRequestedScope: the `scope` parameter as is, checked against the client's scopes.
  const scope = form.get('scope');
  if (!isValidScope(client, scope)) throw oauthError(400, 'invalid_scope', `Invalid scopes: ${scope}`);
  return mintExchanged({
    ctx,
    realm,
    client,
    user,
    subjectSession: checked.found.session,
    tokenType,
    scope,
    audienceNames: targets.map((t) => t.clientId),
  });
}
