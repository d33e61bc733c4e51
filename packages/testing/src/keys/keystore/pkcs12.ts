import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { bmpString, derNull, explicit, integer, octets, oid, seq, setOf } from '../der.js';
import type { KeystoreContent, KeystoreEntry, PrivateKeyEntry } from './keystore-entries.js';
import { pkcs12Kdf } from './pkcs12-kdf.js';

// A PKCS#12 (RFC 7292) keystore as Keycloak's BouncyCastle provider writes one: the private key in a
// pkcs8ShroudedKeyBag encrypted with pbeWithSHAAnd3-KeyTripleDES-CBC under the key password, the certificates in
// certBags (left unencrypted here, which every reader accepts), and a SHA-1 HMAC under the store password. A
// certificate without a key carries Oracle's trusted-key-usage attribute, without which Java's PKCS12KeyStore
// does not list it as a trustedCertEntry.

const OID = {
  data: '1.2.840.113549.1.7.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbeWithSha1And3DesCbc: '1.2.840.113549.1.12.1.3',
  sha1: '1.3.14.3.2.26',
  oracleTrustedKeyUsage: '2.16.840.1.113894.746875.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

const ITERATIONS = 10_000;
const SALT_LENGTH = 20;

const attribute = (type: string, value: Buffer): Buffer => seq(oid(type), setOf(value));

const dataContent = (content: Buffer): Buffer => seq(oid(OID.data), explicit(0, octets(content)));

function bag(type: string, value: Buffer, attributes: Buffer[]): Buffer {
  return seq(oid(type), explicit(0, value), ...(attributes.length > 0 ? [setOf(...attributes)] : []));
}

function certBag(certificate: Buffer, attributes: Buffer[]): Buffer {
  return bag(OID.certBag, seq(oid(OID.x509Certificate), explicit(0, octets(certificate))), attributes);
}

/** EncryptedPrivateKeyInfo with pbeWithSHAAnd3-KeyTripleDES-CBC: key and IV from the PKCS#12 KDF. */
function shroudedKey(entry: PrivateKeyEntry): Buffer {
  const salt = randomBytes(SALT_LENGTH);
  const key = pkcs12Kdf(entry.password, salt, 1, ITERATIONS, 24);
  const iv = pkcs12Kdf(entry.password, salt, 2, ITERATIONS, 8);
  const plain = entry.privateKey.export({ format: 'der', type: 'pkcs8' });
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return seq(seq(oid(OID.pbeWithSha1And3DesCbc), seq(octets(salt), integer(ITERATIONS))), octets(encrypted));
}

function bagsOf(entry: KeystoreEntry): { keys: Buffer[]; certificates: Buffer[] } {
  const name = attribute(OID.friendlyName, bmpString(entry.alias));
  if (entry.kind === 'trusted-certificate') {
    const trusted = attribute(OID.oracleTrustedKeyUsage, oid(OID.anyExtendedKeyUsage));
    return { keys: [], certificates: [certBag(entry.certificate, [name, trusted])] };
  }
  const [leaf, ...rest] = entry.chain;
  const keyId = attribute(
    OID.localKeyId,
    octets(
      createHash('sha1')
        .update(leaf ?? Buffer.alloc(0))
        .digest(),
    ),
  );
  return {
    keys: [bag(OID.shroudedKeyBag, shroudedKey(entry), [name, keyId])],
    certificates: [...(leaf ? [certBag(leaf, [name, keyId])] : []), ...rest.map((cert) => certBag(cert, []))],
  };
}

/** A PKCS#12 keystore (PFX version 3) holding the given entries. */
export function writePkcs12({ entries, storePassword }: KeystoreContent): Buffer {
  const keys: Buffer[] = [];
  const certificates: Buffer[] = [];
  for (const entry of entries) {
    const bags = bagsOf(entry);
    keys.push(...bags.keys);
    certificates.push(...bags.certificates);
  }
  const contents = [keys, certificates].filter((bags) => bags.length > 0).map((bags) => dataContent(seq(...bags)));
  const authenticatedSafe = seq(...contents);
  const macSalt = randomBytes(SALT_LENGTH);
  const macKey = pkcs12Kdf(storePassword, macSalt, 3, ITERATIONS, 20);
  const mac = createHmac('sha1', macKey).update(authenticatedSafe).digest();
  const macData = seq(seq(seq(oid(OID.sha1), derNull()), octets(mac)), octets(macSalt), integer(ITERATIONS));
  return seq(integer(3), dataContent(authenticatedSafe), macData);
}
