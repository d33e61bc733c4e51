import { KeycloakInvalidTokenError, type InvalidTokenReason } from '../../errors.js';

/** Builds the one error type verification throws. Messages describe the check, never the token. */
export function invalidToken(reason: InvalidTokenReason, message: string, cause?: unknown): KeycloakInvalidTokenError {
  return new KeycloakInvalidTokenError(message, reason, cause === undefined ? undefined : { cause });
}
