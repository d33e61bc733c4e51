import { randomUUID } from 'node:crypto';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { signJwt } from '../../tokens/jws.js';

/**
 * Admin actions pushed to clients (ResourceAdminManager): for each client with an admin URL, a POST of a signed
 * token to `<adminUrl>/k_logout` or `<adminUrl>/k_push_not_before`, as Keycloak 26.7.3 sends them: the compact JWS
 * as the body, `Content-Type: text/plain; charset=ISO-8859-1`, claims `id` (a UUID and the time in ms),
 * `expiration` (now + 30 s), `resource` (the clientId), `action` and `notBefore`, signed with the realm's default
 * algorithm. For k_push_not_before a 200 or 204 answer counts as a success, anything else as a failure; for k_logout
 * any HTTP answer counts as a success (Keycloak 26.7.3 reports an admin URL answering 500 among successRequests).
 * No answer within 5 s is a failure for both.
 */
export type AdminAction = 'LOGOUT' | 'PUSH_NOT_BEFORE';

/** GlobalRequestResult: the admin URLs that took the action and those that did not (absent when empty). */
export interface GlobalRequestResult {
  successRequests?: string[];
  failedRequests?: string[];
}

const PATHS: Record<AdminAction, string> = { LOGOUT: 'k_logout', PUSH_NOT_BEFORE: 'k_push_not_before' };
const TIMEOUT_MS = 5_000;

// ResourceAdminManager.getManagementUrl: a blank admin URL means none; a relative one is appended to rootUrl
// (ResolveRelative.resolveRelativeUri); an absolute one is used as written.
function managementUrl(client: ClientModel): string | undefined {
  const adminUrl = client.adminUrl;
  if (!adminUrl) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(adminUrl)) return adminUrl;
  return client.rootUrl ? `${client.rootUrl}${adminUrl}` : undefined;
}

async function deliver(url: string, token: string, action: AdminAction): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: token,
      headers: { 'content-type': 'text/plain; charset=ISO-8859-1' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return action === 'LOGOUT' || response.status === 200 || response.status === 204;
  } catch {
    return false;
  }
}

/**
 * Sends `action` to every client of the realm that has an admin URL; `notBeforeOf` gives each token's notBefore.
 * Resolves to the GlobalRequestResult Keycloak answers (keyed by admin URL, without the action's path).
 */
export async function pushAdminAction(
  realm: RealmModel,
  action: AdminAction,
  nowMs: number,
  notBeforeOf: (client: ClientModel) => number,
): Promise<GlobalRequestResult> {
  const result: GlobalRequestResult = {};
  const key = await realm.keys.signingKey(realm.defaultSignatureAlgorithm);
  for (const client of realm.clients.values()) {
    const base = managementUrl(client);
    if (!base) continue;
    const claims = {
      id: `${randomUUID()}-${nowMs}`,
      expiration: Math.floor(nowMs / 1000) + 30,
      resource: client.clientId,
      action,
      notBefore: notBeforeOf(client),
    };
    const ok =
      key !== undefined && (await deliver(`${base.replace(/\/$/, '')}/${PATHS[action]}`, signJwt(key, claims), action));
    (ok ? (result.successRequests ??= []) : (result.failedRequests ??= [])).push(base);
  }
  return result;
}
