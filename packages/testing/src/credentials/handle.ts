import type { KeycloakTestServer } from '../server.js';
import { otpAlgorithmOf, otpKey } from './otp-credential.js';
import { base32Decode, hotp, isOtpAlgorithm, totpAt, type OtpAlgorithm } from './totp.js';

/** Options of {@link generateTotp}; the defaults are Keycloak's OTP policy defaults. */
export interface TotpOptions {
  /** When to compute the code, in ms since the epoch; default `Date.now()` (pass `server.clock.now()` for the server's time). */
  timeMs?: number;
  /** Number of digits; default 6. */
  digits?: number;
  /** Period in seconds; default 30. */
  periodSeconds?: number;
  /** HMAC algorithm; default `HmacSHA1`. */
  algorithm?: OtpAlgorithm;
  /** How the secret is written: `utf8` (Keycloak's stored `secretData.value`, the default) or `base32` (as apps show it). */
  encoding?: 'utf8' | 'base32';
}

function check(options: TotpOptions): void {
  const { timeMs, digits, periodSeconds, algorithm, encoding } = options;
  if (timeMs !== undefined && !Number.isFinite(timeMs))
    throw new TypeError('options.timeMs must be a finite number of milliseconds');
  if (digits !== undefined && (!Number.isInteger(digits) || digits < 1 || digits > 10))
    throw new TypeError('options.digits must be an integer from 1 to 10');
  if (periodSeconds !== undefined && (!Number.isInteger(periodSeconds) || periodSeconds < 1))
    throw new TypeError('options.periodSeconds must be a positive integer');
  if (algorithm !== undefined && !isOtpAlgorithm(algorithm))
    throw new TypeError('options.algorithm must be HmacSHA1, HmacSHA256 or HmacSHA512');
  if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'base32')
    throw new TypeError("options.encoding must be 'utf8' or 'base32'");
}

/**
 * The RFC 6238 code of an OTP secret, computed as Keycloak's TimeBasedOTP does (the HMAC key is the secret's
 * UTF-8 bytes unless `encoding: 'base32'`).
 *
 * @example generateTotp('DJmQfC73VGFhw7D4QJ8A', { timeMs: server.clock.now() })
 */
export function generateTotp(secret: string, options: TotpOptions = {}): string {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('secret must be a non-empty string');
  check(options);
  const key = options.encoding === 'base32' ? base32Decode(secret) : Buffer.from(secret, 'utf8');
  if (!key) throw new TypeError('secret is not valid base32');
  return totpAt(
    key,
    options.timeMs ?? Date.now(),
    options.digits ?? 6,
    options.periodSeconds ?? 30,
    options.algorithm ?? 'HmacSHA1',
  );
}

/**
 * The code a user's authenticator app would show now on the server clock, from the user's default (first) OTP
 * credential: TOTP at `server.clock.now()`, or HOTP at the stored counter. Throws a TypeError naming what is missing.
 */
export function currentOtp(server: KeycloakTestServer, realmName: string, username: string): string {
  const realm = server.model.realm(realmName);
  if (!realm) throw new TypeError(`realm ${realmName} does not exist`);
  const wanted = username.toLowerCase();
  const user = [...realm.users.values()].find((u) => u.username === wanted);
  if (!user) throw new TypeError(`user ${username} does not exist in realm ${realmName}`);
  const credential = user.otp?.[0];
  if (!credential) throw new TypeError(`user ${username} has no OTP credential`);
  const algorithm = otpAlgorithmOf(credential);
  const key = otpKey(credential);
  if (credential.subType === 'hotp') return hotp(key, credential.counter, credential.digits, algorithm);
  return totpAt(key, server.clock.now(), credential.digits, credential.period, algorithm);
}
