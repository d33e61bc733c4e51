import { isIP } from 'node:net';
import type { RequestContext } from '../http/context.js';
import { oauthError } from '../http/http-error.js';
import type { RealmModel } from '../model/types.js';

/**
 * TokenEndpoint.checkSsl: a plain-HTTP request is refused when the realm's `sslRequired` demands HTTPS:
 * `all` always, `external` unless the caller is on a local or private address (SslRequired.isRequired).
 */
export function checkSslRequired(ctx: RequestContext, realm: RealmModel): void {
  if ('encrypted' in ctx.req.socket && ctx.req.socket.encrypted) return;
  const mode = realm.sslRequired.toLowerCase();
  const required = mode === 'all' || (mode === 'external' && !isLocalAddress(ctx.req.socket.remoteAddress ?? ''));
  if (required) throw oauthError(403, 'invalid_request', 'HTTPS required');
}

/** Keycloak's notion of local: loopback, site-local (RFC 1918) and link-local addresses. */
function isLocalAddress(address: string): boolean {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
    );
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
}
