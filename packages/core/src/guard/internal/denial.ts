import type { GuardDenialReason } from '../../errors.js';

/**
 * Thrown inside the guard before the realm is known; the guard turns it into a KeycloakGuardError
 * carrying the realm's challenge. Not exported from the package.
 */
export class Denial {
  readonly reason: GuardDenialReason;
  /** What made the request unreadable, when it was an exception (e.g. of a realm resolver). */
  readonly cause: unknown;
  constructor(reason: GuardDenialReason, cause?: unknown) {
    this.reason = reason;
    this.cause = cause;
  }
}
