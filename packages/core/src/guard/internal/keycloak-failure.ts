/**
 * Tells a Keycloak failure that no retry cures (Keycloak answered that the realm, the client or the resource
 * server does not exist) from an outage, and describes a failure for a log line. Keycloak's own answers are
 * the evidence: `RealmsResource` answers 404 `Realm does not exist` for any path of an unknown realm,
 * `AuthorizationTokenService` 400 `Unknown resource server id: [x]` / `Client does not support permissions` for
 * a UMA audience that is not a resource server, `ProtectionService` 403 `invalid_clientId` for a Protection API
 * client without Authorization Services, and `ClientAuthenticationFlow` 401 `invalid_client` /
 * `unauthorized_client` for client credentials it does not know.
 */
import { KeycloakError, redact } from '../../errors.js';

/** A refusal reason of a misconfiguration Keycloak reported; each is a 503 as an outage is, logged at `error`. */
export type Misconfiguration = 'realm_not_found' | 'resource_server_not_found' | 'client_rejected';

const MAX_CAUSES = 6;

function oauthFields(error: KeycloakError): { error: unknown; description: unknown } {
  const body = error.body;
  if (body === null || typeof body !== 'object') return { error: undefined, description: undefined };
  const fields = body as { error?: unknown; error_description?: unknown };
  return { error: fields.error, description: fields.error_description };
}

function ofOne(error: KeycloakError): Misconfiguration | undefined {
  const fields = oauthFields(error);
  if (error.status === 404 && fields.error === 'Realm does not exist') return 'realm_not_found';
  if (
    error.status === 400 &&
    typeof fields.description === 'string' &&
    (fields.description.startsWith('Unknown resource server id') ||
      fields.description === 'Client does not support permissions')
  )
    return 'resource_server_not_found';
  // ProtectionService: the PAT's client has no Authorization Services (a policy enforcer's resource lookups).
  if (error.status === 403 && fields.error === 'invalid_clientId') return 'resource_server_not_found';
  if (error.status === 401 && (fields.error === 'invalid_client' || fields.error === 'unauthorized_client'))
    return 'client_rejected';
  return undefined;
}

/** The misconfiguration `error` (or one of its causes) reports, or undefined for an outage or anything else. */
export function misconfigurationOf(error: unknown): Misconfiguration | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    if (current instanceof KeycloakError) {
      const found = ofOne(current);
      if (found !== undefined) return found;
    }
    current = current.cause;
  }
  return undefined;
}

/**
 * One line for a log: each error of the cause chain with its status and Keycloak's OAuth error, e.g.
 * `KeycloakInvalidTokenError: Keycloak answered 404 for the realm JWKS [404 Realm does not exist]`. Bodies are
 * already redacted by KeycloakError, and the whole line goes through `redact` for any token-looking text.
 */
export function describeFailure(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    let part = `${current.name}: ${current.message}`;
    if (current instanceof KeycloakError && current.status !== undefined) {
      const { error: code, description } = oauthFields(current);
      const said = [code, description].filter((text) => typeof text === 'string').join(' ');
      part += ` [${current.status}${said === '' ? '' : ` ${said}`}]`;
    }
    const code = (current as { code?: unknown }).code;
    if (!(current instanceof KeycloakError) && typeof code === 'string') part += ` (${code})`;
    parts.push(part);
    current = current.cause;
  }
  return redact(parts.join(' <- ')) as string;
}
