/**
 * Client certificates: python-keycloak's `upload_certificate`, the one admin call sent as a multipart form
 * (the key-info read, `get_client_certificate_key_info`, is with the other client methods in clients.ts), and the
 * key store downloads python-keycloak lacks (`download`, `generate-and-download`).
 */
import { KeycloakOperationError } from '../errors.js';
import type { MultipartFields } from '../http/types.js';
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import type { CertificateRepresentation } from './representations/client.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const UPLOAD_CERTIFICATE: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clients/{id}/certificates/{attr}/upload-certificate',
};

/**
 * The `keystoreFormat`s Keycloak's ClientAttributeCertificateResource reads: PEM texts, a JWKS (for an OIDC
 * client it becomes the client's JWKS string), or a key store whose certificate entry `keyAlias` is taken.
 */
export type KeystoreFormat = 'Certificate PEM' | 'Public Key PEM' | 'JSON Web Key Set' | 'JKS' | 'PKCS12' | 'BCFKS';

const DOWNLOAD_KEYSTORE: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clients/{id}/certificates/{attr}/download',
  expect: 'bytes',
};

const GENERATE_AND_DOWNLOAD_KEYSTORE: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clients/{id}/certificates/{attr}/generate-and-download',
  expect: 'bytes',
};

/** Keycloak's `KeyStoreConfig`: what a key store download holds and how it is protected. */
export interface KeyStoreConfig {
  /** `JKS`, `PKCS12` or `BCFKS`, in upper case; Keycloak answers 500 without one. */
  format: 'JKS' | 'PKCS12' | 'BCFKS';
  /** Protects the private key entry; required when the store holds a private key. Trimmed by Keycloak. */
  keyPassword?: string;
  /** Protects the store; always required. Trimmed by Keycloak. */
  storePassword: string;
  /** Alias of the client's entry. Default the clientId (a JKS store lower-cases aliases). */
  keyAlias?: string;
  /** Adds the realm's active RSA certificate as a trusted entry. Default true. */
  realmCertificate?: boolean;
  /** Alias of the realm certificate. Default the realm's name. */
  realmAlias?: string;
  /** generate-and-download only: RSA key size in bits. Default 4096. */
  keySize?: number;
  /** generate-and-download only: certificate validity in years. Default 3. */
  validity?: number;
}

/** Options of the key store downloads. */
export interface KeystoreDownloadOptions extends AdminCallOptions {
  /** Attribute prefix of the key info. Default `jwt.credential`. */
  attr?: string;
}

/** Options of {@link KeycloakAdmin.uploadCertificate}. */
export interface UploadCertificateOptions extends AdminCallOptions {
  /**
   * Attribute prefix the key info is stored under. Default `jwt.credential`, the key a client authenticating
   * with signed JWTs (`private_key_jwt`) is checked against, and the only one python-keycloak uses.
   */
  attr?: string;
  /** How `certcont` is encoded. Default `Certificate PEM`, as python-keycloak sends. */
  keystoreFormat?: KeystoreFormat;
  /** Key stores only: the alias of the entry whose certificate is taken. */
  keyAlias?: string;
  /** Key stores only: the store's password. */
  storePassword?: string;
  /** Key stores only: the entry's password. */
  keyPassword?: string;
}

/** The certificate upload and key store downloads of KeycloakAdmin. */
export function ClientCertificatesArea<B extends AreaBase>(Base: B) {
  abstract class ClientCertificatesArea extends Base {
    /**
     * python-keycloak's `upload_certificate`: posts `certcont` as the file `cert.pem` of a multipart form, and
     * resolves to what Keycloak read from it (for a Certificate PEM, `{ certificate }` without the PEM lines).
     * Keycloak stores it under `attr` on the client (internal id `clientId`); the previous key info is replaced.
     * @throws KeycloakPostError with status 400 when Keycloak cannot read the file (Keycloak 26 itself answers a
     *   PEM that does not parse with 500); KeycloakOperationError when `certcont` is neither text nor bytes.
     * @example
     * await admin.uploadCertificate(clientUuid, await readFile('client.crt', 'utf8'));
     */
    async uploadCertificate(
      clientId: string,
      certcont: string | Uint8Array,
      options: UploadCertificateOptions = {},
    ): Promise<CertificateRepresentation> {
      if (typeof certcont !== 'string' && !(certcont instanceof Uint8Array)) {
        throw new KeycloakOperationError('certcont must be the certificate as a string or a Uint8Array');
      }
      const {
        attr = 'jwt.credential',
        keystoreFormat = 'Certificate PEM',
        keyAlias,
        storePassword,
        keyPassword,
        ...call
      } = options;
      const multipart: MultipartFields = {
        keystoreFormat,
        keyAlias,
        storePassword,
        keyPassword,
        file: { filename: 'cert.pem', content: certcont },
      };
      return this[REQUESTER].call<CertificateRepresentation>(UPLOAD_CERTIFICATE, {
        ...call,
        params: { id: clientId, attr },
        multipart,
      });
    }

    /**
     * The key info stored under `attr` as a key store (Keycloak's `certificates/{attr}/download`): the private key
     * with its certificate, or the certificate alone when no private key is stored, plus by default the realm's
     * RSA certificate. Needs view rights on the client.
     * @throws KeycloakPostError with status 404 when no key info is stored, 400 `password-missing` without the
     *   passwords the store needs, 406 for a format Keycloak does not write.
     * @example
     * const jks = await admin.downloadClientKeystore(clientUuid, { format: 'JKS', keyPassword: 'k', storePassword: 's' });
     */
    async downloadClientKeystore(
      clientId: string,
      config: KeyStoreConfig,
      options: KeystoreDownloadOptions = {},
    ): Promise<Uint8Array> {
      const { attr = 'jwt.credential', ...call } = options;
      return this[REQUESTER].call<Uint8Array>(DOWNLOAD_KEYSTORE, {
        ...call,
        params: { id: clientId, attr },
        body: config,
      });
    }

    /**
     * A new key pair and self-signed certificate as a key store (Keycloak's `certificates/{attr}/generate-and-download`).
     * Keycloak keeps only the certificate under `attr` (replacing the earlier key info); the private key exists
     * only in the answered store. Needs configure rights on the client.
     * @throws KeycloakPostError with status 400 `password-missing` without `keyPassword` or `storePassword`, 406 for
     *   a format Keycloak does not write.
     */
    async generateAndDownloadClientKeystore(
      clientId: string,
      config: KeyStoreConfig & { keyPassword: string },
      options: KeystoreDownloadOptions = {},
    ): Promise<Uint8Array> {
      const { attr = 'jwt.credential', ...call } = options;
      return this[REQUESTER].call<Uint8Array>(GENERATE_AND_DOWNLOAD_KEYSTORE, {
        ...call,
        params: { id: clientId, attr },
        body: config,
      });
    }
  }
  return ClientCertificatesArea;
}

/** The certificate upload KeycloakAdmin has. */
export type ClientCertificatesApi = AreaMethods<typeof ClientCertificatesArea>;
