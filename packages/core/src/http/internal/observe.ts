/**
 * The connection's side of `keycloak-ts:http:request` (see shared/diagnostics.ts): one message per call, built
 * only when someone subscribed. The endpoint is read from the URL's path, and for the token endpoint from the
 * form's `grant_type`, so a UMA decision is told from a login.
 */
import { KeycloakError } from '../../errors.js';
import {
  httpRequests,
  preciseNow,
  realmOfPath,
  type KeycloakEndpointKind,
  type KeycloakHttpRequestMessage,
} from '../../shared/diagnostics.js';
import type { KeycloakResponse, RequestOptions } from '../types.js';
import { describeUrl, resolveUrl } from '../url.js';

const UMA_GRANT = 'urn:ietf:params:oauth:grant-type:uma-ticket';

function grantType(call: RequestOptions): string | undefined {
  const body = call.body;
  if (body === undefined || !('form' in body)) return undefined;
  const { form } = body;
  if (form instanceof URLSearchParams) return form.get('grant_type') ?? undefined;
  const value = form['grant_type'];
  return typeof value === 'string' ? value : undefined;
}

/** The endpoint of a call, from its path (and the grant type at the token endpoint). */
export function endpointKind(pathname: string, call: RequestOptions): KeycloakEndpointKind {
  if (pathname.includes('/admin/realms')) return 'admin';
  if (pathname.endsWith('/.well-known/openid-configuration')) return 'discovery';
  if (pathname.endsWith('/.well-known/uma2-configuration')) return 'uma-discovery';
  if (pathname.includes('/authz/protection/')) return 'protection';
  const oidc = pathname.indexOf('/protocol/openid-connect/');
  if (oidc === -1) return 'other';
  const rest = pathname.slice(oidc + '/protocol/openid-connect/'.length);
  switch (rest) {
    case 'certs':
      return 'jwks';
    case 'token':
      return grantType(call) === UMA_GRANT ? 'uma' : 'token';
    case 'token/introspect':
      return 'introspection';
    case 'userinfo':
      return 'userinfo';
    case 'revoke':
      return 'revocation';
    case 'logout':
      return 'logout';
    default:
      return 'other';
  }
}

/** Runs `send` and publishes its outcome; called only when the channel has subscribers. */
export async function observeCall<T>(
  baseUrl: URL,
  call: RequestOptions,
  send: () => Promise<KeycloakResponse<T>>,
): Promise<KeycloakResponse<T>> {
  const startTime = preciseNow();
  let url: URL | undefined;
  try {
    url = resolveUrl(baseUrl, call.path, undefined);
  } catch {
    // send() reports the bad path itself; the message names the base URL.
  }
  const describe = (status: number | undefined, error: unknown): void => {
    const pathname = url?.pathname ?? baseUrl.pathname;
    const message: KeycloakHttpRequestMessage = {
      method: call.method,
      endpoint: endpointKind(pathname, call),
      realm: realmOfPath(pathname),
      url: describeUrl(url ?? baseUrl),
      status,
      error: error instanceof KeycloakError ? error.code : error === undefined ? undefined : 'ERR_OPERATION',
      startTime,
      durationMs: preciseNow() - startTime,
    };
    httpRequests.publish(message);
  };
  let response: KeycloakResponse<T>;
  try {
    response = await send();
  } catch (error) {
    describe(error instanceof KeycloakError ? error.status : undefined, error);
    throw error;
  }
  describe(response.status, undefined);
  return response;
}
