import type { Reply } from '../../http/http-error.js';
import type { TokenResponse } from '../../tokens/issuer.js';

/** A token endpoint success with Keycloak's no-store headers. */
export function tokenReply(body: TokenResponse | Record<string, unknown>): Reply {
  return { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body };
}
