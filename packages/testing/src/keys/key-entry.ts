import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { ComponentRepresentation } from '../model/representations.js';
import { selfSignedRsaCertificate } from './x509.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** The key providers of `org.keycloak.keys.KeyProvider` this server understands. */
export type KeyProviderId =
  | 'rsa-generated'
  | 'rsa'
  | 'rsa-enc-generated'
  | 'ecdsa-generated'
  | 'eddsa-generated'
  | 'hmac-generated'
  | 'aes-generated';

/** One realm key, materialised from its provider component. */
export interface KeyEntry {
  /** Id of the component the key comes from. */
  componentId: string;
  componentName: string;
  providerId: KeyProviderId;
  kid: string;
  alg: string;
  use: 'sig' | 'enc';
  priority: number;
  /** Signs new tokens (only the highest-priority active key per algorithm does). */
  active: boolean;
  /** Disabled keys neither sign nor verify and leave the JWKS. */
  enabled: boolean;
  privateKey?: KeyObject;
  publicKey?: KeyObject;
  secret?: Buffer;
  /** DER certificate chain for x5c (RSA keys). */
  certificate?: Buffer;
}

const SUPPORTED = new Set<string>([
  'rsa-generated',
  'rsa',
  'rsa-enc-generated',
  'ecdsa-generated',
  'eddsa-generated',
  'hmac-generated',
  'aes-generated',
]);

/** Whether a component's providerId is one this server makes keys for (others are kept but unused). */
export function isSupportedKeyProvider(providerId: string): providerId is KeyProviderId {
  return SUPPORTED.has(providerId);
}

const first = (config: Record<string, string[]> | undefined, key: string): string | undefined => config?.[key]?.[0];

/** Keycloak's KeyUtils.createKeyId: base64url(SHA-256(SubjectPublicKeyInfo DER)). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('base64url');
}

/** A private key as Keycloak stores one in an attribute: PEM, or base64 DER in PKCS#1 or PKCS#8. */
export function decodePrivateKey(text: string): KeyObject {
  if (text.includes('-----BEGIN')) return createPrivateKey(text);
  const der = Buffer.from(text, 'base64');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  }
}

function decodeCertificate(text: string): Buffer {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

// The encryption key is never used by the kernel (nothing is encrypted), so one per process is safe and
// saves a 2048-bit generation per realm.
let sharedEncryptionKey: Promise<{ privateKey: KeyObject; publicKey: KeyObject }> | undefined;

async function rsaPair(bits: number): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return generateKeyPairAsync('rsa', { modulusLength: bits });
}

/**
 * Turns a key provider component into a key, generating key material when the component carries none.
 * `commonName` is the realm name, used as the certificate subject as Keycloak does.
 */
export async function materialiseKey(
  component: ComponentRepresentation & { id: string },
  commonName: string,
  nowMs: number,
): Promise<KeyEntry> {
  const config = component.config;
  const providerId = component.providerId as KeyProviderId;
  const base = {
    componentId: component.id,
    componentName: component.name ?? providerId,
    providerId,
    priority: Number(first(config, 'priority') ?? '0') || 0,
    active: first(config, 'active') !== 'false',
    enabled: first(config, 'enabled') !== 'false',
  };
  switch (providerId) {
    case 'hmac-generated': {
      const secretText = first(config, 'secret');
      const secret = secretText ? Buffer.from(secretText, 'base64url') : randomBytes(64);
      return {
        ...base,
        kid: first(config, 'kid') ?? randomUUID(),
        alg: first(config, 'algorithm') ?? 'HS512',
        use: 'sig',
        secret,
      };
    }
    case 'aes-generated': {
      // GeneratedAesKeyProviderFactory: an `enc` secret of secretSize bytes (16 by default), kid a UUID. It
      // encrypts Keycloak's own state (cookies, action tokens), never a token of a client, so it is listed only.
      const secretText = first(config, 'secret');
      const size = Number(first(config, 'secretSize') ?? '16');
      const secret = secretText
        ? Buffer.from(secretText, 'base64url')
        : randomBytes(Number.isInteger(size) && size > 0 ? size : 16);
      return { ...base, kid: first(config, 'kid') ?? randomUUID(), alg: 'AES', use: 'enc', secret };
    }
    case 'ecdsa-generated':
    case 'eddsa-generated': {
      const existing = first(config, 'ecdsaPrivateKey') ?? first(config, 'eddsaPrivateKey');
      let privateKey: KeyObject;
      let alg: string;
      if (providerId === 'ecdsa-generated') {
        const curve = first(config, 'ecdsaEllipticCurveKey') ?? 'P-256';
        alg = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[curve] ?? 'ES256';
        privateKey = existing
          ? decodePrivateKey(existing)
          : (await generateKeyPairAsync('ec', { namedCurve: curve })).privateKey;
      } else {
        const curve = first(config, 'eddsaEllipticCurveKey') ?? 'Ed25519';
        alg = 'EdDSA';
        privateKey = existing
          ? decodePrivateKey(existing)
          : (curve === 'Ed448' ? await generateKeyPairAsync('ed448') : await generateKeyPairAsync('ed25519'))
              .privateKey;
      }
      const publicKey = createPublicKey(privateKey);
      return { ...base, kid: keyIdOf(publicKey), alg, use: 'sig', privateKey, publicKey };
    }
    default: {
      const encryption = providerId === 'rsa-enc-generated';
      const imported = first(config, 'privateKey');
      let pair: { privateKey: KeyObject; publicKey: KeyObject };
      if (imported) {
        const privateKey = decodePrivateKey(imported);
        pair = { privateKey, publicKey: createPublicKey(privateKey) };
      } else if (encryption) {
        sharedEncryptionKey ??= rsaPair(2048);
        pair = await sharedEncryptionKey;
      } else {
        pair = await rsaPair(Number(first(config, 'keySize') ?? '2048') || 2048);
      }
      const certificateText = first(config, 'certificate');
      const certificate = certificateText
        ? decodeCertificate(certificateText)
        : selfSignedRsaCertificate(commonName, pair.privateKey, pair.publicKey, nowMs);
      return {
        ...base,
        kid: keyIdOf(pair.publicKey),
        alg: first(config, 'algorithm') ?? (encryption ? 'RSA-OAEP' : 'RS256'),
        use: encryption || first(config, 'keyUse') === 'ENC' ? 'enc' : 'sig',
        ...pair,
        certificate,
      };
    }
  }
}
