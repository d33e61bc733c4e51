import { timingSafeEqual } from 'node:crypto';
import type { Kernel } from '../http/context.js';
import type { OtpCredential, RealmModel, UserModel } from '../model/types.js';
import { putIfAbsent } from '../sessions/single-use.js';
import { otpAlgorithmOf, otpKey } from './otp-credential.js';
import { otpPolicyOf } from './otp-policy.js';
import { hotp, totpAt } from './totp.js';

function same(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** TimeBasedOTP.validateTOTP: the current period and `window` periods either side. */
function totpMatches(credential: OtpCredential, code: string, nowMs: number, window: number): boolean {
  const key = otpKey(credential);
  const algorithm = otpAlgorithmOf(credential);
  const periodMs = credential.period * 1000;
  let matched = false;
  for (let step = -window; step <= window; step += 1) {
    // Compare every candidate so the answer does not leak which window matched through timing.
    if (same(totpAt(key, nowMs + step * periodMs, credential.digits, credential.period, algorithm), code))
      matched = true;
  }
  return matched;
}

/** HmacOTP.validateHOTP: the stored counter and `window` ahead; an accepted code moves the counter past it. */
function hotpMatches(credential: OtpCredential, code: string, window: number): boolean {
  const key = otpKey(credential);
  const algorithm = otpAlgorithmOf(credential);
  for (let counter = credential.counter; counter <= credential.counter + window; counter += 1) {
    if (same(hotp(key, counter, credential.digits, algorithm), code)) {
      credential.counter = counter + 1;
      return true;
    }
  }
  return false;
}

/** Whether the user has an OTP credential, which makes Keycloak's conditional OTP step run. */
export function hasOtp(user: UserModel): boolean {
  return (user.otp?.length ?? 0) > 0;
}

/**
 * OTPCredentialProvider.isValid against the user's default (first) OTP credential, with the realm policy's
 * look-around window; unless `otpPolicyCodeReusable`, a code once accepted is refused for as long as it could match.
 */
export function otpCodeValid(kernel: Kernel, realm: RealmModel, user: UserModel, code: string): boolean {
  const credential = user.otp?.[0];
  if (!credential || !/^\d{1,10}$/.test(code)) return false;
  const policy = otpPolicyOf(realm);
  const nowMs = kernel.clock.now();
  const ok =
    credential.subType === 'hotp'
      ? hotpMatches(credential, code, policy.lookAheadWindow)
      : totpMatches(credential, code, nowMs, policy.lookAheadWindow);
  if (!ok || policy.codeReusable) return ok;
  const nowSeconds = Math.floor(nowMs / 1000);
  const lifespan = credential.period * (2 * policy.lookAheadWindow + 1);
  return putIfAbsent(kernel, `otp.${realm.id}.${credential.id}.${code}`, nowSeconds + lifespan, nowSeconds);
}
