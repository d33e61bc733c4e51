import { createHash } from 'node:crypto';
import { KeycloakInvalidTokenError } from '../errors.js';
import type { RemoteKeySet } from '../jwks/remote-key-set.js';
import { verifySignedJws, type SignedJws } from '../token/signed-jws.js';
import { AdminActionRefused, checkAdminAction, type AdminActionName } from './admin-action.js';
import { checkLogoutToken, LogoutTokenRefused } from './logout-token.js';
import type { RevocationEntry } from './revocation-list.js';

/** The three callbacks the receivers answer, by the last segment of their path. */
export type RevocationEndpoint = 'backchannel-logout' | 'k_logout' | 'k_push_not_before';

/** A realm the callback may come from: its issuer and its keys. */
export interface RevocationRealm {
  readonly issuer: string;
  keySet(): RemoteKeySet;
}

/** The request as the adapters read it: the body already read (a string), or parsed by the app's body parser. */
export interface RevocationRequest {
  contentType: string | undefined;
  body: unknown;
}

/** What an adapter sends back. */
export interface RevocationAnswer {
  status: 200 | 400 | 401 | 415 | 503;
  headers: Readonly<Record<string, string>>;
  /** The body, ready to send (JSON or text as `content-type` says); undefined for none. */
  body: string | undefined;
}

/** What the receiver needs of the guard. */
export interface ReceiverContext {
  clientId: string;
  logoutTokenAudiences: readonly string[];
  algorithms: ReadonlySet<string>;
  advertisedAlgorithms: boolean;
  clockToleranceSeconds: number;
  maxTokenLifetime: number;
  now: () => number;
  /** Claims `key` once across the instances; false for a replay. */
  claim(key: string, ttl: number): Promise<boolean>;
  revoke(entries: readonly RevocationEntry[]): Promise<void>;
}

const NO_STORE = { 'cache-control': 'no-store' } as const;
const MAX_TOKEN_SIZE = 16_384;

/**
 * Answers Keycloak's revocation callbacks. Back-channel logout answers as OpenID Connect Back-Channel Logout 1.0
 * section 2.8 says: 200 when the session or user is revoked, 400 `{"error":"invalid_request"}` otherwise, both
 * with `Cache-Control: no-store`. The admin URL callbacks answer as keycloak-connect's admin.js: 200 `ok`, 400
 * for a body that is no admin action of this endpoint, 401 for a token that does not verify.
 */
export async function receiveRevocation(
  endpoint: RevocationEndpoint,
  request: RevocationRequest,
  realms: readonly RevocationRealm[],
  context: ReceiverContext,
): Promise<RevocationAnswer> {
  return endpoint === 'backchannel-logout'
    ? backchannelLogout(request, realms, context)
    : adminAction(endpoint === 'k_logout' ? 'LOGOUT' : 'PUSH_NOT_BEFORE', request, realms, context);
}

async function backchannelLogout(
  request: RevocationRequest,
  realms: readonly RevocationRealm[],
  context: ReceiverContext,
): Promise<RevocationAnswer> {
  const token = logoutTokenOf(request);
  if (token === undefined) return invalidRequest('The request has no logout_token form parameter');
  if (realms.length === 0) return invalidRequest('The logout token comes from no realm this API accepts');
  const nowSeconds = Math.floor(context.now() / 1000);
  let lastError: unknown;
  for (const realm of realms) {
    let verified: SignedJws;
    try {
      verified = await verify(token, realm, context);
    } catch (error) {
      lastError = error;
      continue;
    }
    let checked;
    try {
      checked = checkLogoutToken(verified.header, verified.claims, {
        issuer: realm.issuer,
        audiences: context.logoutTokenAudiences,
        clockToleranceSeconds: context.clockToleranceSeconds,
        nowSeconds,
      });
    } catch (error) {
      if (error instanceof LogoutTokenRefused) return invalidRequest(error.message);
      throw error;
    }
    // Remembered until the token expires (the longest token lifetime when it has no exp): a replay is refused.
    const ttl =
      checked.exp === undefined
        ? context.maxTokenLifetime
        : (checked.exp + context.clockToleranceSeconds) * 1000 - context.now();
    const digest = createHash('sha256').update(`${realm.issuer}\n${checked.jti}`).digest('base64url');
    if (!(await context.claim(`logout-jti:${digest}`, Math.max(1, ttl))))
      return invalidRequest('The logout token was already used');
    const entries: RevocationEntry[] = [];
    if (checked.sid !== undefined)
      entries.push({ kind: 'sid', issuer: realm.issuer, value: checked.sid, at: checked.iat });
    // With a sid, the logout ends that session only (section 2.7): the user's other sessions stay.
    if (checked.sid === undefined && checked.sub !== undefined)
      entries.push({ kind: 'sub', issuer: realm.issuer, value: checked.sub, at: checked.iat });
    await context.revoke(entries);
    return { status: 200, headers: NO_STORE, body: undefined };
  }
  return invalidRequest(describe(lastError));
}

async function adminAction(
  action: AdminActionName,
  request: RevocationRequest,
  realms: readonly RevocationRealm[],
  context: ReceiverContext,
): Promise<RevocationAnswer> {
  const token = typeof request.body === 'string' ? request.body.trim() : undefined;
  if (token === undefined || token === '') return text(400, 'The body is not an admin action token');
  let lastError: unknown;
  for (const realm of realms) {
    let verified: SignedJws;
    try {
      verified = await verify(token, realm, context);
    } catch (error) {
      lastError = error;
      continue;
    }
    try {
      const checked = checkAdminAction(
        verified.claims,
        action,
        context.clientId,
        Math.floor(context.now() / 1000),
        context.clockToleranceSeconds,
      );
      // A k_logout for keycloak-connect sessions names them; a bearer API keeps none, so only a notBefore acts.
      if (checked.notBefore > 0)
        await context.revoke([{ kind: 'notBefore', issuer: realm.issuer, at: checked.notBefore }]);
      return text(200, 'ok');
    } catch (error) {
      if (error instanceof AdminActionRefused) return text(error.status, error.message);
      throw error;
    }
  }
  if (lastError instanceof KeycloakInvalidTokenError && lastError.isUpstreamFailure)
    return text(503, 'The realm keys cannot be fetched now');
  if (lastError instanceof KeycloakInvalidTokenError && lastError.reason === 'malformed')
    return text(400, lastError.message);
  return text(
    401,
    lastError instanceof KeycloakInvalidTokenError ? lastError.message : 'The token could not be verified',
  );
}

function verify(token: string, realm: RevocationRealm, context: ReceiverContext): Promise<SignedJws> {
  return verifySignedJws(token, {
    keySet: realm.keySet(),
    algorithms: context.algorithms,
    advertised: context.advertisedAlgorithms,
    maxTokenSize: MAX_TOKEN_SIZE,
  });
}

/** `logout_token` of a form body: the raw text, or what the app's urlencoded parser made of it. */
function logoutTokenOf({ contentType, body }: RevocationRequest): string | undefined {
  if (typeof body === 'string') {
    if (mediaType(contentType) !== 'application/x-www-form-urlencoded') return undefined;
    const params = new URLSearchParams(body);
    const values = params.getAll('logout_token');
    return values.length === 1 && values[0] !== '' ? values[0] : undefined;
  }
  if (body !== null && typeof body === 'object') {
    const value = (body as Record<string, unknown>).logout_token;
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
  return undefined;
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

function describe(error: unknown): string {
  if (error instanceof KeycloakInvalidTokenError) {
    if (error.isUpstreamFailure) return 'The realm keys cannot be fetched now';
    return error.message.replace(/^The token/, 'The logout token');
  }
  return 'The token could not be verified';
}

function invalidRequest(description: string): RevocationAnswer {
  return {
    status: 400,
    headers: { ...NO_STORE, 'content-type': 'application/json' },
    body: JSON.stringify({ error: 'invalid_request', error_description: description }),
  };
}

function text(status: RevocationAnswer['status'], body: string): RevocationAnswer {
  return { status, headers: { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8' }, body };
}
