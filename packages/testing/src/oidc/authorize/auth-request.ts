import type { RequestContext } from '../../http/context.js';
import { HttpError } from '../../http/http-error.js';
import type { RealmModel } from '../../model/types.js';
import { isValidScope } from '../internal/scope-check.js';
import { errorPage } from './pages.js';
import { verifyRedirectUri } from './redirect-uri.js';
import { errorToClient, type AnswerTarget } from './respond.js';
import type { AuthRequest } from './state.js';

const CHALLENGE = /^[0-9a-zA-Z\-.~_]{43,128}$/;
const RESPONSE_TYPES = new Set([
  'code',
  'none',
  'token',
  'id_token',
  'code id_token',
  'code token',
  'id_token token',
  'code id_token token',
]);

function pageError(message: string): HttpError {
  return new HttpError(errorPage(400, message));
}

function normaliseResponseType(raw: string): string | undefined {
  const parts = raw
    .split(' ')
    .filter(Boolean)
    .sort(
      (a, b) => ['code', 'id_token', 'token', 'none'].indexOf(a) - ['code', 'id_token', 'token', 'none'].indexOf(b),
    );
  const joined = parts.join(' ');
  return RESPONSE_TYPES.has(joined) ? joined : undefined;
}

/**
 * Checks an authorization request in AuthorizationEndpoint's order. Problems before a redirect URI is trusted
 * (client, redirect_uri) answer Keycloak's error page; later ones go back to the client as OAuth errors.
 */
export function checkAuthRequest(ctx: RequestContext, realm: RealmModel, params: URLSearchParams): AuthRequest {
  const clientId = params.get('client_id');
  if (!clientId) throw pageError('Missing parameter: client_id');
  const client = realm.clients.get(clientId);
  if (!client) throw pageError('Client not found.');
  if (!client.enabled) throw pageError('Client disabled.');
  if (client.bearerOnly) throw pageError('Bearer-only clients are not allowed to initiate browser login.');
  const scope = params.get('scope') ?? undefined;
  const redirectUriParam = params.get('redirect_uri') ?? undefined;
  const isOidc = (scope ?? '').split(' ').includes('openid');
  const redirectUri = verifyRedirectUri(client.redirectUris, client, redirectUriParam, ctx.baseUrl, isOidc);
  if (!redirectUri) throw pageError('Invalid parameter: redirect_uri');

  const state = params.get('state') ?? undefined;
  const issuer = ctx.issuer(realm);
  const rawType = params.get('response_type');
  const responseType = rawType ? normaliseResponseType(rawType) : undefined;
  const implicit = responseType !== undefined && responseType !== 'code' && responseType !== 'none';
  const rawMode = params.get('response_mode');
  const mode = rawMode ?? (implicit ? 'fragment' : 'query');
  const target: AnswerTarget = {
    redirectUri,
    responseMode: mode === 'fragment' || mode === 'form_post' ? mode : 'query',
  };
  const fail = (error: string, description?: string): HttpError =>
    new HttpError(errorToClient(target, issuer, state, error, description));

  if (!rawType) throw fail('invalid_request', 'Missing parameter: response_type');
  if (!responseType) throw fail('unsupported_response_type');
  if (mode !== 'query' && mode !== 'fragment' && mode !== 'form_post')
    throw fail('invalid_request', 'Invalid parameter: response_mode');
  if (implicit && mode === 'query')
    throw fail('invalid_request', "Response_mode 'query' not allowed for implicit or hybrid flow");
  if (!implicit && !client.standardFlowEnabled) {
    throw fail(
      'unauthorized_client',
      'Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.',
    );
  }
  if (implicit && !client.implicitFlowEnabled) {
    throw fail(
      'unauthorized_client',
      'Client is not allowed to initiate browser login with given response_type. Implicit flow is disabled for the client.',
    );
  }
  if (implicit) throw fail('unsupported_response_type');
  if (!isValidScope(client, scope)) throw fail('invalid_scope', `Invalid scopes: ${scope}`);

  const codeChallenge = params.get('code_challenge') ?? undefined;
  let codeChallengeMethod = params.get('code_challenge_method') ?? undefined;
  const enforced = client.attributes['pkce.code.challenge.method'];
  if (enforced) {
    if (!codeChallengeMethod) throw fail('invalid_request', 'Missing parameter: code_challenge_method');
    if (codeChallengeMethod !== enforced)
      throw fail('invalid_request', 'Invalid parameter: code challenge method is not matching the configured one');
    if (!codeChallenge) throw fail('invalid_request', 'Missing parameter: code_challenge');
    if (!CHALLENGE.test(codeChallenge)) throw fail('invalid_request', 'Invalid parameter: code_challenge');
  } else if (codeChallenge !== undefined || codeChallengeMethod !== undefined) {
    if (!codeChallenge) throw fail('invalid_request', 'Missing parameter: code_challenge');
    if (codeChallengeMethod !== undefined && codeChallengeMethod !== 'S256' && codeChallengeMethod !== 'plain')
      throw fail('invalid_request', 'Invalid parameter: code_challenge_method');
    codeChallengeMethod ??= 'plain';
    if (!CHALLENGE.test(codeChallenge)) throw fail('invalid_request', 'Invalid parameter: code_challenge');
  }
  return {
    client,
    redirectUri,
    redirectUriParam,
    responseMode: target.responseMode,
    scope,
    state,
    nonce: params.get('nonce') ?? undefined,
    codeChallenge,
    codeChallengeMethod,
    prompt: params.get('prompt') ?? undefined,
  };
}
