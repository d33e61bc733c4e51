import { createPublicKey, X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';
import { oauthError } from '../../http/http-error.js';
import type { MultipartForm } from '../../http/multipart.js';
import { pemToDer, publicKeyOfPem, removeBeginEnd } from '../../keys/pem.js';
import type { ClientModel } from '../../model/types.js';
import { errorMessage } from '../errors.js';

/** Keycloak's CertificateRepresentation as ClientAttributeCertificateResource answers it (null fields left out). */
export interface CertificateInfo {
  privateKey?: string;
  publicKey?: string;
  certificate?: string;
  kid?: string;
}

const CERTIFICATE_PEM = 'Certificate PEM';
const PUBLIC_KEY_PEM = 'Public Key PEM';
const JSON_WEB_KEY_SET = 'JSON Web Key Set';
/** KeystoreUtil.KeystoreFormat: key stores Keycloak opens with the JCA, which this server does not parse. */
const KEY_STORE_FORMATS: ReadonlySet<string> = new Set(['JKS', 'PKCS12', 'BCFKS']);
const OIDC = 'openid-connect';
const FIELDS = { privateKey: 'private.key', publicKey: 'public.key', certificate: 'certificate', kid: 'kid' } as const;

/** The IllegalStateException of CertificateInfoHelper, as uploadJksCertificate turns it into a 400. */
const certificateNotFound = () =>
  oauthError(400, 'certificate-not-found', 'Certificate or key with given alias not found in the keystore');

/**
 * CertificateInfoHelper.getCertificateFromClient: the signing key of an OIDC client that uses a JWKS string, else
 * the attributes stored under `<prefix>.`.
 */
export function certificateInfoOfClient(client: ClientModel, prefix: string): CertificateInfo {
  if (client.protocol === OIDC && client.attributes['use.jwks.string'] === 'true') {
    try {
      return sigKeyOfJwks(client.attributes['jwks.string'] ?? '');
    } catch {
      // A JWKS string without a signing key shows as no key info rather than an error on a read.
      return {};
    }
  }
  const info: CertificateInfo = {};
  for (const [field, suffix] of Object.entries(FIELDS) as [keyof CertificateInfo, string][]) {
    const value = client.attributes[`${prefix}.${suffix}`];
    if (value !== undefined) info[field] = value;
  }
  return info;
}

/**
 * ClientAttributeCertificateResource.updateCertFromRequest: reads `keystoreFormat` and `file`, stores the
 * certificate or public key under `<prefix>.` (a JWKS of an OIDC client goes to `jwks.string`) and answers what
 * was read. Where Keycloak fails with a 500 (a certificate or key that does not parse), this answers 400; JKS,
 * PKCS12 and BCFKS key stores are refused with 400, as this server has no key-store reader.
 */
export function applyCertificateUpload(client: ClientModel, prefix: string, form: MultipartForm): CertificateInfo {
  const format = form.get('keystoreFormat')?.[0]?.data.toString('utf8');
  if (format === undefined) throw errorMessage(400, 'keystoreFormat cannot be null');
  const file = form.get('file')?.[0]?.data;
  if (file === undefined || file.length === 0) throw errorMessage(400, 'file cannot be empty');
  const text = file.toString('utf8');
  if (format === CERTIFICATE_PEM) {
    const certificate = removeBeginEnd(text);
    parseOrReject(() => new X509Certificate(pemToDer(certificate)), 'Invalid certificate PEM');
    return storeCertificateInfo(client, prefix, { certificate });
  }
  if (format === PUBLIC_KEY_PEM) {
    parseOrReject(() => publicKeyOfPem(text), 'Invalid public key PEM');
    return storeCertificateInfo(client, prefix, { publicKey: text });
  }
  if (format === JSON_WEB_KEY_SET) {
    const info = sigKeyOfJwks(text);
    if (client.protocol !== OIDC) return storeCertificateInfo(client, prefix, info);
    storeJwksString(client, prefix, text);
    return info;
  }
  if (KEY_STORE_FORMATS.has(format))
    throw errorMessage(400, `Key store format ${format} is not supported by the in-memory Keycloak`);
  // KeystoreFormat.valueOf fails inside the key-store loading block.
  throw errorMessage(400, 'error loading keystore');
}

function parseOrReject(parse: () => unknown, message: string): void {
  try {
    parse();
  } catch {
    throw errorMessage(400, message);
  }
}

/** CertificateInfoHelper.jwksStringToSigCertificateRepresentation: the first key with `use` "sig" (JWKSUtils.getKeyForUse). */
function sigKeyOfJwks(jwks: string): CertificateInfo {
  let keys: unknown;
  try {
    keys = (JSON.parse(jwks) as { keys?: unknown } | null)?.keys;
  } catch {
    throw certificateNotFound();
  }
  if (!Array.isArray(keys)) throw certificateNotFound();
  const jwk = keys.find(
    (key: unknown): key is JsonWebKey & { kid?: unknown } =>
      typeof key === 'object' &&
      key !== null &&
      (key as JsonWebKey)['use'] === 'sig' &&
      ['RSA', 'EC', 'OKP'].includes(String((key as JsonWebKey).kty)),
  );
  if (jwk === undefined) throw certificateNotFound();
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw certificateNotFound();
  }
  const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { publicKey: der, ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}) };
}

/** CertificateInfoHelper.updateClientModelCertificateInfo: set or remove each `<prefix>.` attribute; an OIDC client stops using a JWKS string. */
function storeCertificateInfo(client: ClientModel, prefix: string, info: CertificateInfo): CertificateInfo {
  for (const [field, suffix] of Object.entries(FIELDS) as [keyof CertificateInfo, string][]) {
    setOrRemove(client, `${prefix}.${suffix}`, info[field]);
  }
  if (client.protocol === OIDC) {
    setOrRemove(client, 'use.jwks.string', undefined);
    setOrRemove(client, 'jwks.string', undefined);
  }
  return info;
}

/** CertificateInfoHelper.updateClientModelJwksString. */
function storeJwksString(client: ClientModel, prefix: string, jwks: string): void {
  for (const suffix of Object.values(FIELDS)) setOrRemove(client, `${prefix}.${suffix}`, undefined);
  setOrRemove(client, 'use.jwks.string', 'true');
  setOrRemove(client, 'jwks.string', jwks);
}

function setOrRemove(client: ClientModel, name: string, value: string | undefined): void {
  if (value === undefined) delete client.attributes[name];
  else client.attributes[name] = value;
}
