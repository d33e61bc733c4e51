import { randomBytes, sign, type KeyObject } from 'node:crypto';

// Just enough DER to write the self-signed X.509 v1 certificate Keycloak's rsa-generated provider makes
// (CertificateUtils.generateV1SelfSignedCertificate: CN=<realm>, SHA256withRSA, 10 years), so the JWKS can
// carry x5c/x5t like Keycloak's. No dependency is worth it for ~50 lines.

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

const seq = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let n = arc >>> 7; n > 0; n >>>= 7) chunk.unshift(0x80 | (n & 0x7f));
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
  return der(0x17, Buffer.from(text, 'ascii'));
}

function positiveInteger(bytes: Buffer): Buffer {
  return der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** A DER self-signed certificate for an RSA key pair, subject and issuer `CN=<commonName>`. */
export function selfSignedRsaCertificate(
  commonName: string,
  privateKey: KeyObject,
  publicKey: KeyObject,
  nowMs: number,
): Buffer {
  const algorithm = seq(oid('1.2.840.113549.1.1.11'), der(0x05, Buffer.alloc(0)));
  const name = seq(der(0x31, seq(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const tbs = seq(
    positiveInteger(randomBytes(8)),
    algorithm,
    name,
    seq(utcTime(new Date(nowMs)), utcTime(new Date(nowMs + TEN_YEARS_MS))),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, privateKey);
  return seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
}
