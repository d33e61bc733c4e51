import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { selfSignedRsaCertificate } from '../../keys/x509.js';
import { allowIf } from '../permissions.js';
import { clientAdminRequest } from './client-lookup.js';

const generateRsa = promisify(generateKeyPair);

/**
 * POST certificates/{attr}/generate (ClientAttributeCertificateResource.generate): a new 4096-bit RSA key pair and a
 * self-signed certificate for the clientId, stored as `<attr>.private.key` (PKCS#1) and `<attr>.certificate` in
 * place of any earlier key info, and answered as a CertificateRepresentation.
 */
async function generate(ctx: RequestContext): Promise<Reply> {
  const { perms, client } = await clientAdminRequest(ctx);
  allowIf(perms.canManageClients());
  const prefix = ctx.params['attr'] ?? '';
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 4096 });
  // KeycloakModelUtils.generateKeyPairCertificate: valid 3 years (DEFAULT_CERTIFICATE_VALIDITY_YEARS).
  const certificate = selfSignedRsaCertificate(
    client.clientId,
    privateKey,
    publicKey,
    ctx.kernel.clock.now(),
    3,
  ).toString('base64');
  const key = privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
  for (const suffix of ['private.key', 'public.key', 'certificate', 'kid'])
    delete client.attributes[`${prefix}.${suffix}`];
  client.attributes[`${prefix}.private.key`] = key;
  client.attributes[`${prefix}.certificate`] = certificate;
  const info = { privateKey: key, certificate };
  return { status: 200, body: info, eventRepresentation: info };
}

export const certificateGenerateRoutes: Route[] = [
  {
    method: 'POST',
    path: '/admin/realms/{realm}/clients/{id}/certificates/{attr}/generate',
    endpoint: 'admin',
    handler: generate,
  },
];
