import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * PemUtils.removeBeginEnd: the base64 body of a PEM text, without its BEGIN/END lines and line breaks. Keycloak
 * stores certificates and public keys of clients this way (and also accepts them with the lines).
 */
export function removeBeginEnd(pem: string): string {
  return pem
    .replace(/-----BEGIN [^-]*-----/g, '')
    .replace(/-----END [^-]*-----/g, '')
    .replace(/\r?\n/g, '')
    .trim();
}

/** The DER bytes of a PEM text or of a bare base64 body. */
export function pemToDer(pem: string): Buffer {
  return Buffer.from(removeBeginEnd(pem).replace(/\s+/g, ''), 'base64');
}

/** A public key from PEM text, with or without its BEGIN/END lines (PemUtils.decodePublicKey). */
export function publicKeyOfPem(pem: string): KeyObject {
  return createPublicKey({ key: pemToDer(pem), format: 'der', type: 'spki' });
}
