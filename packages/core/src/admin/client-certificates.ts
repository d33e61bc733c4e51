/**
 * Client certificates: python-keycloak's `upload_certificate`, the one admin call sent as a multipart form
 * (the key-info read, `get_client_certificate_key_info`, is with the other client methods in clients.ts).
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

/** The certificate upload of KeycloakAdmin. */
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
  }
  return ClientCertificatesArea;
}

/** The certificate upload KeycloakAdmin has. */
export type ClientCertificatesApi = AreaMethods<typeof ClientCertificatesArea>;
