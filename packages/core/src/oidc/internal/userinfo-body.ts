/**
 * The userinfo answer: JSON claims, or a compact JWT when the client is configured for signed (or
 * encrypted) userinfo, which python-keycloak 7.0.3+ returns as is.
 */
import { KeycloakGetError } from '../../errors.js';
import { dropProtoKeys } from '../../shared/json.js';
import type { UserInfo } from '../types.js';

export function userinfoBody(text: string, contentType: string | undefined): UserInfo | string {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/jwt')) return text.trim();
  let value: unknown;
  try {
    value = JSON.parse(text, dropProtoKeys);
  } catch {
    // No cause: V8's SyntaxError quotes the text, which holds the user's claims.
    throw new KeycloakGetError('The userinfo answer is not JSON', { code: 'ERR_INVALID_RESPONSE' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KeycloakGetError('The userinfo answer is not a JSON object', { code: 'ERR_INVALID_RESPONSE' });
  }
  return value as UserInfo;
}
