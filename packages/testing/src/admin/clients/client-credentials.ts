import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import { parseMultipart, requireMultipart } from '../../http/multipart.js';
import type { Route } from '../../http/router.js';
import { serviceAccountOf } from '../../model/store.js';
import { ensureServiceAccount } from '../../model/import.js';
import { applyCertificateUpload, certificateInfoOfClient } from './certificate-upload.js';
import { MANAGEMENT_PERMISSION_SHAPE } from './client-fields.js';
import { clientAdminRequest } from './client-lookup.js';
import { installation } from './client-installation.js';
import { setGeneratedSecret } from './client-write.js';
import { errorMessage } from '../errors.js';
import { readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { userToAdminRepresentation } from '../users/user-representation.js';

const CLIENT = '/admin/realms/{realm}/clients/{id}';

// ClientResource.getClientSecret: a CredentialRepresentation of type "secret"; a client without one has no value.
async function getClientSecret(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  return { status: 200, body: { type: 'secret', ...(client.secret !== undefined ? { value: client.secret } : {}) } };
}

// ClientResource.regenerateSecret: the old secret stops working at once (no rotation policy here).
async function regenerateSecret(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  setGeneratedSecret(client, ctx.kernel.clock.now());
  return { status: 200, body: { type: 'secret', value: client.secret } };
}

// ClientResource.getServiceAccountUser: made on demand when the client allows one, 400 when it does not.
async function getServiceAccountUser(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  let user = serviceAccountOf(realm, client);
  if (!user && client.serviceAccountsEnabled) {
    ensureServiceAccount(realm, client, ctx.kernel.clock.now());
    user = serviceAccountOf(realm, client);
  }
  if (!user) throw errorMessage(400, `Service account not enabled for the client '${client.clientId}'`);
  // ClientResource.getServiceAccountUser answers ModelToRepresentation.toRepresentation without the owning client.
  const { serviceAccountClientId: _owner, ...rep } = userToAdminRepresentation(realm, user);
  return { status: 200, body: rep };
}

// ClientResource.getInstallationProvider: the OIDC adapter formats (client-installation.ts).
async function getInstallation(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  return installation(realm, client, ctx.params['provider'] ?? '', ctx.baseUrl);
}

// Fine-grained admin permissions (a preview feature, off by default) are not modelled: nothing is ever enabled.
async function getManagementPermissions(ctx: RequestContext): Promise<Reply> {
  const { perms } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  return { status: 200, body: { enabled: false } };
}

// ClientResource.setManagementPermissionsEnabled starts with ProfileHelper.requireFeature(ADMIN_FINE_GRAINED_AUTHZ).
async function setManagementPermissions(ctx: RequestContext): Promise<Reply> {
  await clientAdminRequest(ctx);
  await readJsonObject(ctx, MANAGEMENT_PERMISSION_SHAPE);
  throw errorMessage(501, 'Feature not enabled');
}

// ClientAttributeCertificateResource.getKeyInfo: the key info stored under `<attr>.` (or the client's JWKS string).
async function getKeyInfo(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canViewClients());
  return { status: 200, body: certificateInfoOfClient(client, ctx.params['attr'] ?? '') };
}

// ClientAttributeCertificateResource.uploadJksCertificate and uploadJks, one code path in Keycloak 26. The media
// type is matched before the method runs, so 415 comes before the manage check; the form is read after it.
async function uploadCertificate(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  requireMultipart(ctx.req);
  allowIf(perms.canManageClients());
  const form = parseMultipart(ctx.req, await ctx.body());
  return { status: 200, body: applyCertificateUpload(client, ctx.params['attr'] ?? '', form) };
}

/** A client's credentials, key info and certificate uploads, service account, adapter installation and permission switches. */
export const clientCredentialRoutes: Route[] = [
  { method: 'GET', path: `${CLIENT}/client-secret`, endpoint: 'admin', handler: getClientSecret },
  { method: 'POST', path: `${CLIENT}/client-secret`, endpoint: 'admin', handler: regenerateSecret },
  { method: 'GET', path: `${CLIENT}/service-account-user`, endpoint: 'admin', handler: getServiceAccountUser },
  { method: 'GET', path: `${CLIENT}/installation/providers/{provider}`, endpoint: 'admin', handler: getInstallation },
  { method: 'GET', path: `${CLIENT}/management/permissions`, endpoint: 'admin', handler: getManagementPermissions },
  { method: 'PUT', path: `${CLIENT}/management/permissions`, endpoint: 'admin', handler: setManagementPermissions },
  { method: 'GET', path: `${CLIENT}/certificates/{attr}`, endpoint: 'admin', handler: getKeyInfo },
  {
    method: 'POST',
    path: `${CLIENT}/certificates/{attr}/upload-certificate`,
    endpoint: 'admin',
    handler: uploadCertificate,
  },
  { method: 'POST', path: `${CLIENT}/certificates/{attr}/upload`, endpoint: 'admin', handler: uploadCertificate },
];
