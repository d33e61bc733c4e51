import { createHmac } from 'node:crypto';

/** The HMAC algorithms of Keycloak's OTP policy, by their Java names. */
export type OtpAlgorithm = 'HmacSHA1' | 'HmacSHA256' | 'HmacSHA512';

const DIGEST: Record<OtpAlgorithm, string> = { HmacSHA1: 'sha1', HmacSHA256: 'sha256', HmacSHA512: 'sha512' };

/** Whether a string names one of the supported OTP algorithms. */
export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
  return typeof value === 'string' && value in DIGEST;
}

/** RFC 4226 HOTP: HMAC of the 8-byte counter, dynamic truncation, `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits: number, algorithm: OtpAlgorithm): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(DIGEST[algorithm], key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 TOTP: HOTP over the number of whole periods since the epoch. */
export function totpAt(
  key: Uint8Array,
  timeMs: number,
  digits: number,
  periodSeconds: number,
  algorithm: OtpAlgorithm,
): string {
  return hotp(key, Math.floor(timeMs / 1000 / periodSeconds), digits, algorithm);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps show secrets; undefined when not base32. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
