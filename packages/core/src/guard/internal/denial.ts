import type { GuardDenialReason } from '../../errors.js';

/**
 * Thrown inside the guard before the realm is known; the guard turns it into a KeycloakGuardError
 * carrying the realm's challenge. Not exported from the package.
 */
export class Denial {
  readonly reason: GuardDenialReason;
  constructor(reason: GuardDenialReason) {
    this.reason = reason;
  }
}
