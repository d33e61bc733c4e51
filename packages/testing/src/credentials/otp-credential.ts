import { randomUUID } from 'node:crypto';
import type { CredentialRepresentation } from '../model/representations.js';
import type { OtpCredential } from '../model/types.js';
import { base32Decode, isOtpAlgorithm, type OtpAlgorithm } from './totp.js';

const int = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) ? value : fallback;

function parseObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the `otp` credentials of a user representation (realm import form: `secretData` `{"value"}` and
 * `credentialData` `{"digits","counter","period","algorithm","subType"}`), skipping malformed ones as import would
 * fail on them. Defaults are OTPCredentialModel's: TOTP, 6 digits, 30 s, HmacSHA1.
 */
export function otpCredentialsFrom(
  credentials: readonly CredentialRepresentation[] | undefined,
  nowMs: number,
): OtpCredential[] {
  const out: OtpCredential[] = [];
  for (const rep of credentials ?? []) {
    if (rep.type !== 'otp') continue;
    const secret = parseObject(rep.secretData)?.['value'];
    const data = parseObject(rep.credentialData) ?? {};
    if (typeof secret !== 'string' || secret.length === 0) continue;
    const credential: OtpCredential = {
      id: rep.id ?? randomUUID(),
      secret,
      subType: data['subType'] === 'hotp' ? 'hotp' : 'totp',
      digits: int(data['digits'], 6),
      period: int(data['period'], 30),
      counter: int(data['counter'], 0),
      algorithm: typeof data['algorithm'] === 'string' ? data['algorithm'] : 'HmacSHA1',
      createdDate: typeof rep['createdDate'] === 'number' ? rep['createdDate'] : nowMs,
    };
    if (typeof rep['userLabel'] === 'string') credential.userLabel = rep['userLabel'];
    if (typeof data['secretEncoding'] === 'string') credential.secretEncoding = data['secretEncoding'];
    out.push(credential);
  }
  return out;
}

/** The credential back in export form, for realm export and re-import. */
export function otpCredentialToRepresentation(credential: OtpCredential): CredentialRepresentation {
  const { id, userLabel, secret, secretEncoding, subType, digits, period, counter, algorithm, createdDate } =
    credential;
  return {
    id,
    type: 'otp',
    ...(userLabel !== undefined ? { userLabel } : {}),
    createdDate,
    secretData: JSON.stringify({ value: secret }),
    credentialData: JSON.stringify({
      subType,
      digits,
      counter,
      period,
      algorithm,
      ...(secretEncoding !== undefined ? { secretEncoding } : {}),
    }),
  };
}

/** The HMAC key of a credential. */
export function otpKey(credential: OtpCredential): Buffer {
  if (credential.secretEncoding?.toUpperCase() === 'BASE32') return base32Decode(credential.secret) ?? Buffer.alloc(0);
  return Buffer.from(credential.secret, 'utf8');
}

/** The credential's HMAC algorithm; an unknown name falls back to HmacSHA1 as OTPCredentialModel's default. */
export function otpAlgorithmOf(credential: OtpCredential): OtpAlgorithm {
  return isOtpAlgorithm(credential.algorithm) ? credential.algorithm : 'HmacSHA1';
}
