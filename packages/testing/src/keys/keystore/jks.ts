import { createHash, randomBytes } from 'node:crypto';
import { derNull, octets, oid, seq } from '../der.js';
import type { KeystoreContent, PrivateKeyEntry } from './keystore-entries.js';

// Java's proprietary JKS keystore (sun.security.provider.JavaKeyStore), as KeyStore.getInstance("JKS").store
// writes it: magic 0xFEEDFEED, version 2, the entries, and a SHA-1 over the password, "Mighty Aphrodite" and all
// that precedes it. Private keys are wrapped by sun.security.provider.KeyProtector.

const MAGIC = 0xfeedfeed;
const VERSION_2 = 2;
const PRIVATE_KEY_TAG = 1;
const TRUSTED_CERT_TAG = 2;
const KEY_PROTECTOR_OID = '1.3.6.1.4.1.42.2.17.1.1';
const SALT_LENGTH = 20;

/** A password as Java's JKS hashes it: each UTF-16 char as two big-endian bytes. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password, 'utf16le').swap16();
}

/** DataOutputStream.writeUTF: a 16-bit length, then modified UTF-8 (NUL and surrogates each encoded alone). */
function javaUtf(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) bytes.push(c);
    else if (c <= 0x7ff) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  if (bytes.length > 0xffff) throw new RangeError('alias too long for a JKS keystore');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, Buffer.from(bytes)]);
}

const u32 = (value: number): Buffer => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
};

const u64 = (value: number): Buffer => {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
};

const certificate = (der: Buffer): Buffer => Buffer.concat([javaUtf('X.509'), u32(der.length), der]);

/**
 * KeyProtector.protect: a 20-byte salt; a keystream of SHA-1(password || previous digest) blocks starting from the
 * salt, XORed over the PKCS#8 key; then SHA-1(password || key) so a wrong password is detected; all in an
 * EncryptedPrivateKeyInfo naming Sun's key protector algorithm.
 */
function protectKey(entry: PrivateKeyEntry): Buffer {
  const plain = entry.privateKey.export({ format: 'der', type: 'pkcs8' });
  const password = passwordBytes(entry.password);
  const salt = randomBytes(SALT_LENGTH);
  const keystream = Buffer.alloc(plain.length);
  let digest: Buffer = salt;
  for (let offset = 0; offset < plain.length; offset += digest.length) {
    digest = createHash('sha1').update(password).update(digest).digest();
    digest.copy(keystream, offset, 0, Math.min(digest.length, plain.length - offset));
  }
  const encrypted = Buffer.alloc(plain.length);
  for (let i = 0; i < plain.length; i++) encrypted[i] = (plain[i] ?? 0) ^ (keystream[i] ?? 0);
  const check = createHash('sha1').update(password).update(plain).digest();
  return seq(seq(oid(KEY_PROTECTOR_OID), derNull()), octets(Buffer.concat([salt, encrypted, check])));
}

/** A JKS keystore holding the given entries (aliases lower-cased, as JavaKeyStore.convertAlias does). */
export function writeJks({ entries, storePassword, nowMs }: KeystoreContent): Buffer {
  const parts: Buffer[] = [u32(MAGIC), u32(VERSION_2), u32(entries.length)];
  for (const entry of entries) {
    const alias = javaUtf(entry.alias.toLowerCase());
    if (entry.kind === 'private-key') {
      const key = protectKey(entry);
      parts.push(u32(PRIVATE_KEY_TAG), alias, u64(nowMs), u32(key.length), key, u32(entry.chain.length));
      for (const cert of entry.chain) parts.push(certificate(cert));
    } else parts.push(u32(TRUSTED_CERT_TAG), alias, u64(nowMs), certificate(entry.certificate));
  }
  const body = Buffer.concat(parts);
  const integrity = createHash('sha1')
    .update(passwordBytes(storePassword))
    .update(Buffer.from('Mighty Aphrodite', 'utf8'))
    .update(body)
    .digest();
  return Buffer.concat([body, integrity]);
}
