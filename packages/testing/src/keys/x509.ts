import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { der, derNull, oid, positiveInteger, seq, setOf, x509Time, utf8String } from './der.js';

// The self-signed X.509 v1 certificate of Keycloak's CertificateUtils.generateV1SelfSignedCertificate (BC provider):
// CN=<name> as subject and issuer, SHA256withRSA, valid from 100 s ago until the given number of calendar years
// from now (10 for a realm's rsa-generated key, 3 for KeycloakModelUtils.generateKeyPairCertificate).

/** Now plus whole calendar years, as java.util.Calendar.add(YEAR, n) does. */
export function addYears(nowMs: number, years: number): Date {
  const end = new Date(nowMs);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end;
}

/** A DER self-signed certificate for an RSA key pair, subject and issuer `CN=<commonName>`. */
export function selfSignedRsaCertificate(
  commonName: string,
  privateKey: KeyObject,
  publicKey: KeyObject,
  nowMs: number,
  validityYears = 10,
): Buffer {
  const algorithm = seq(oid('1.2.840.113549.1.1.11'), derNull());
  const name = seq(setOf(seq(oid('2.5.4.3'), utf8String(commonName))));
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const tbs = seq(
    positiveInteger(randomBytes(8)),
    algorithm,
    name,
    seq(x509Time(new Date(nowMs - 100_000)), x509Time(addYears(nowMs, validityYears))),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, privateKey);
  return seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
}
