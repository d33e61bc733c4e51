import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { RequestContext } from '../../http/context.js';
import { HttpError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { decodePrivateKey } from '../../keys/key-entry.js';
import { writeJks } from '../../keys/keystore/jks.js';
import type { KeystoreEntry } from '../../keys/keystore/keystore-entries.js';
import { writePkcs12 } from '../../keys/keystore/pkcs12.js';
import { selfSignedRsaCertificate } from '../../keys/x509.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { errorMessage } from '../errors.js';
import { expectTypes, readJsonObject, type JsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { clientAdminRequest } from './client-lookup.js';

const generateRsa = promisify(generateKeyPair);

// POST certificates/{attr}/download and /generate-and-download (ClientAttributeCertificateResource.getKeystore and
// generateAndGetKeystore): the client's key and certificate, and the realm's RSA certificate, as a key store.

const KEY_STORE_CONFIG = {
  className: 'org.keycloak.representations.KeyStoreConfig',
  fields: new Set([
    'realmCertificate',
    'storePassword',
    'keyPassword',
    'keyAlias',
    'realmAlias',
    'format',
    'keySize',
    'validity',
  ]),
};

/**
 * The formats this server writes. Keycloak's default crypto provider also writes BCFKS (BouncyCastle's own
 * format); a Keycloak whose provider lacks one leaves it out of this list and refuses it, as this server does.
 */
const WRITERS = { JKS: writeJks, PKCS12: writePkcs12 } as const;
type Format = keyof typeof WRITERS;

/** KeycloakModelUtils.DEFAULT_RSA_KEY_SIZE and DEFAULT_CERTIFICATE_VALIDITY_YEARS. */
const DEFAULT_KEY_SIZE = 4096;
const DEFAULT_VALIDITY_YEARS = 3;

/** A RuntimeException out of the resource: Keycloak answers its generic 500. */
const serverError = (): HttpError =>
  new HttpError({
    status: 500,
    body: { error: 'unknown_error', error_description: 'For more on this error consult the server log.' },
  });

const passwordMissing = (description: string): HttpError =>
  new HttpError({ status: 400, body: { error: 'password-missing', error_description: description } });

async function readConfig(ctx: RequestContext): Promise<JsonObject> {
  const config = await readJsonObject(ctx, KEY_STORE_CONFIG);
  expectTypes(config, {
    realmCertificate: 'boolean',
    storePassword: 'string',
    keyPassword: 'string',
    keyAlias: 'string',
    realmAlias: 'string',
    format: 'string',
    keySize: 'number',
    validity: 'number',
  });
  return config;
}

const text = (config: JsonObject, key: string): string | undefined =>
  typeof config[key] === 'string' ? (config[key] as string) : undefined;

/**
 * checkKeystoreFormat: a format named in any case must be a supported one (406 otherwise); KeystoreFormat.valueOf
 * later takes only the exact upper-case name, so a missing or lower-case one fails there with a 500.
 */
function checkFormat(config: JsonObject): void {
  const format = text(config, 'format');
  if (format !== undefined && !(format.toUpperCase() in WRITERS))
    throw errorMessage(
      406,
      `Not supported keystore format. Supported keystore formats: [${Object.keys(WRITERS).join(', ')}]`,
    );
}

function writerOf(config: JsonObject): (typeof WRITERS)[Format] {
  const format = text(config, 'format');
  if (format === undefined || !(format in WRITERS)) throw serverError();
  return WRITERS[format as Format];
}

function certificateBytes(text: string): Buffer {
  return Buffer.from(text.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''), 'base64');
}

/** The key store of getKeystore(config, privatePem, certPem): the client's entry, then the realm certificate. */
async function keystore(
  ctx: RequestContext,
  realm: RealmModel,
  client: ClientModel,
  config: JsonObject,
  key: { privateKey?: KeyObject; certificate: Buffer },
): Promise<Buffer> {
  const write = writerOf(config);
  const alias = text(config, 'keyAlias') ?? client.clientId;
  const entries: KeystoreEntry[] = [
    key.privateKey
      ? {
          kind: 'private-key',
          alias,
          privateKey: key.privateKey,
          password: (text(config, 'keyPassword') ?? '').trim(),
          chain: [key.certificate],
        }
      : { kind: 'trusted-certificate', alias, certificate: key.certificate },
  ];
  if (config['realmCertificate'] !== false) {
    const realmKey = await realm.keys.signingKey('RS256');
    if (!realmKey?.certificate) throw serverError();
    entries.push({
      kind: 'trusted-certificate',
      alias: text(config, 'realmAlias') ?? realm.name,
      certificate: realmKey.certificate,
    });
  }
  return write({ entries, storePassword: (text(config, 'storePassword') ?? '').trim(), nowMs: ctx.kernel.clock.now() });
}

const keystoreReply = (bytes: Buffer, eventRepresentation?: object): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/octet-stream' },
  body: bytes,
  ...(eventRepresentation ? { eventRepresentation } : {}),
});

/** POST download: the stored key info of `attr` (a certificate entry alone when no private key is stored). */
async function download(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  const config = await readConfig(ctx);
  allowIf(perms.canViewClients());
  checkFormat(config);
  const prefix = ctx.params['attr'] ?? '';
  const privatePem = client.attributes[`${prefix}.private.key`];
  const certPem = client.attributes[`${prefix}.certificate`];
  if (privatePem === undefined && certPem === undefined) throw errorMessage(404, 'keypair not generated for client');
  if (privatePem !== undefined && config['keyPassword'] == null)
    throw passwordMissing('Need to specify a key password for jks download');
  if (config['storePassword'] == null) throw passwordMissing('Need to specify a store password for jks download');
  // PemUtils cannot decode a private key without its certificate, nor text that is no key: a RuntimeException.
  if (certPem === undefined) throw serverError();
  let privateKey: KeyObject | undefined;
  try {
    privateKey = privatePem === undefined ? undefined : decodePrivateKey(privatePem);
  } catch {
    throw serverError();
  }
  const bytes = await keystore(ctx, realm, client, config, {
    ...(privateKey ? { privateKey } : {}),
    certificate: certificateBytes(certPem),
  });
  return keystoreReply(bytes);
}

/**
 * POST generate-and-download: a new RSA key pair (`keySize`, default 4096) and a self-signed certificate valid
 * `validity` years (default 3), answered as a key store; only the certificate is kept on the client, replacing
 * the earlier key info of `attr` (the private key is not stored).
 */
async function generateAndDownload(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  const config = await readConfig(ctx);
  allowIf(perms.canManageClients());
  checkFormat(config);
  if (config['keyPassword'] == null)
    throw passwordMissing('Need to specify a key password for jks generation and download');
  if (config['storePassword'] == null)
    throw passwordMissing('Need to specify a store password for jks generation and download');
  const positive = (value: unknown, fallback: number): number =>
    typeof value === 'number' && value > 0 ? Math.trunc(value) : fallback;
  const keySize = positive(config['keySize'], DEFAULT_KEY_SIZE);
  const validity = positive(config['validity'], DEFAULT_VALIDITY_YEARS);
  // Java's RSA KeyPairGenerator refuses sizes below 512 bits (and a size that is not a whole number of bytes).
  if (keySize < 512 || keySize > 16384) throw serverError();
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: keySize });
  const now = ctx.kernel.clock.now();
  const certificate = selfSignedRsaCertificate(client.clientId, privateKey, publicKey, now, validity);
  const bytes = await keystore(ctx, realm, client, config, { privateKey, certificate });
  const prefix = ctx.params['attr'] ?? '';
  for (const suffix of ['private.key', 'public.key', 'certificate', 'kid'])
    delete client.attributes[`${prefix}.${suffix}`];
  client.attributes[`${prefix}.certificate`] = certificate.toString('base64');
  return keystoreReply(bytes, { certificate: certificate.toString('base64') });
}

export const certificateKeystoreRoutes: Route[] = [
  {
    method: 'POST',
    path: '/admin/realms/{realm}/clients/{id}/certificates/{attr}/download',
    endpoint: 'admin',
    handler: download,
  },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/clients/{id}/certificates/{attr}/generate-and-download',
    endpoint: 'admin',
    handler: generateAndDownload,
  },
];
