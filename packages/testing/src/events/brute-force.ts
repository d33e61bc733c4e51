import { realmSetting } from '../admin/realms/realm-representation.js';
import type { RealmModel, UserModel } from '../model/types.js';

/**
 * Brute-force detection of failed logins, after Keycloak's DefaultBruteForceProtector: failures count per user;
 * a failure sooner than `quickLoginCheckMilliSeconds` after the previous one locks the user for
 * `minimumQuickLoginWaitSeconds`; every `failureFactor` failures lock for `waitIncrementSeconds` times the number
 * of times the factor was reached, at most `maxFailureWaitSeconds`; with `permanentLockout` reaching the factor
 * disables the user instead. Failures older than `maxDeltaTimeSeconds` start a new count.
 */

/** UserLoginFailureModel. */
export interface LoginFailure {
  numFailures: number;
  /** Epoch ms of the last failure. */
  lastFailure: number;
  lastIPFailure: string;
  /** Epoch ms before which logins are refused. */
  failedLoginNotBefore: number;
}

const KEY = 'bruteForce';

/** The realm's failure records by user id. */
export function loginFailures(realm: RealmModel): Map<string, LoginFailure> {
  const existing = realm.extensions[KEY] as Map<string, LoginFailure> | undefined;
  if (existing) return existing;
  const created = new Map<string, LoginFailure>();
  realm.extensions[KEY] = created;
  return created;
}

const setting = (realm: RealmModel, name: string): number => {
  const value = realmSetting(realm, name);
  return typeof value === 'number' ? value : 0;
};

/** Whether brute-force detection is on for the realm. */
export function isProtected(realm: RealmModel): boolean {
  return realmSetting(realm, 'bruteForceProtected') === true;
}

/** Whether the user is locked out now (temporarily; a permanent lockout disables the user). */
export function isTemporarilyDisabled(realm: RealmModel, user: UserModel, nowMs: number): boolean {
  if (!isProtected(realm)) return false;
  const failure = loginFailures(realm).get(user.id);
  return failure !== undefined && nowMs < failure.failedLoginNotBefore;
}

/** Counts a failed login of `user` and locks it out as the realm's settings say. */
export function recordLoginFailure(realm: RealmModel, user: UserModel, nowMs: number, ip: string): void {
  if (!isProtected(realm)) return;
  const failures = loginFailures(realm);
  let failure = failures.get(user.id);
  if (failure && nowMs - failure.lastFailure > setting(realm, 'maxDeltaTimeSeconds') * 1000) failure = undefined;
  const previous = failure?.lastFailure ?? 0;
  failure = {
    numFailures: (failure?.numFailures ?? 0) + 1,
    lastFailure: nowMs,
    lastIPFailure: ip,
    failedLoginNotBefore: failure?.failedLoginNotBefore ?? 0,
  };
  failures.set(user.id, failure);
  let waitSeconds = 0;
  const delta = nowMs - previous;
  if (previous > 0 && delta < setting(realm, 'quickLoginCheckMilliSeconds'))
    waitSeconds = setting(realm, 'minimumQuickLoginWaitSeconds');
  const factor = setting(realm, 'failureFactor');
  if (factor > 0 && failure.numFailures % factor === 0) {
    if (realmSetting(realm, 'permanentLockout') === true) {
      user.enabled = false;
      user.attributes['disabledReason'] = ['permanentLockout'];
      return;
    }
    waitSeconds = Math.max(waitSeconds, setting(realm, 'waitIncrementSeconds') * (failure.numFailures / factor));
  }
  waitSeconds = Math.min(waitSeconds, setting(realm, 'maxFailureWaitSeconds'));
  if (waitSeconds > 0)
    failure.failedLoginNotBefore = Math.max(failure.failedLoginNotBefore, nowMs + waitSeconds * 1000);
}

/** A successful login clears the user's failures (successfulLogin). */
export function recordLoginSuccess(realm: RealmModel, user: UserModel): void {
  loginFailures(realm).delete(user.id);
}

/**
 * The attack-detection status of a user id, as `GET attack-detection/brute-force/users/{id}` answers it
 * (AttackDetectionResource.bruteForceUserStatus): zeros for a realm without brute-force protection or an id with no
 * failures (even an unknown one); keys in the order Keycloak's HashMap writes them.
 */
export function bruteForceStatus(
  realm: RealmModel,
  userId: string,
  user: UserModel | undefined,
  nowMs: number,
): Record<string, unknown> {
  const data = {
    failedLoginNotBefore: 0,
    numFailures: 0,
    numTemporaryLockouts: 0,
    disabled: false,
    numSecondaryAuthFailures: 0,
    lastIPFailure: 'n/a',
    lastFailure: 0,
  };
  const failure = loginFailures(realm).get(userId);
  if (!isProtected(realm) || !failure) return data;
  const temporarily = user !== undefined && isTemporarilyDisabled(realm, user, nowMs);
  if (temporarily || user?.attributes['disabledReason']?.[0] === 'permanentLockout') {
    data.disabled = true;
    data.failedLoginNotBefore = temporarily ? failure.failedLoginNotBefore : Number.MAX_SAFE_INTEGER;
  }
  return {
    ...data,
    numFailures: failure.numFailures,
    lastIPFailure: failure.lastIPFailure,
    lastFailure: failure.lastFailure,
  };
}
