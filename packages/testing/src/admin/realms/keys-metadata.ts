import { X509Certificate } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { allowIf } from '../permissions.js';

const TYPE: Record<string, string> = { rsa: 'RSA', ec: 'EC', ed25519: 'OKP', ed448: 'OKP' };

// KeysMetadataRepresentation.validTo: the certificate's notAfter in epoch milliseconds.
function validTo(der: Buffer): number | undefined {
  try {
    return Date.parse(new X509Certificate(der).validTo);
  } catch {
    return undefined;
  }
}

// GET /keys (KeyResource.getKeyMetadata): the active kid per algorithm and every key with its status.
async function getKeys(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  const entries = await realm.keys.all();
  const active: Record<string, string> = {};
  for (const entry of entries)
    if (entry.enabled && entry.active && active[entry.alg] === undefined) active[entry.alg] = entry.kid;
  const keys = entries.map((entry) => ({
    providerId: entry.componentId,
    providerPriority: entry.priority,
    kid: entry.kid,
    status: !entry.enabled ? 'DISABLED' : entry.active ? 'ACTIVE' : 'PASSIVE',
    type: entry.secret ? 'OCT' : (TYPE[entry.publicKey?.asymmetricKeyType ?? ''] ?? 'RSA'),
    algorithm: entry.alg,
    ...(entry.publicKey
      ? { publicKey: entry.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }
      : {}),
    ...(entry.certificate ? { certificate: entry.certificate.toString('base64') } : {}),
    use: entry.use.toUpperCase(),
    ...(entry.certificate ? { validTo: validTo(entry.certificate) } : {}),
  }));
  return { status: 200, body: { active, keys } };
}

/** The realm's key metadata. */
export const keyRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/keys', endpoint: 'admin', handler: getKeys },
];
