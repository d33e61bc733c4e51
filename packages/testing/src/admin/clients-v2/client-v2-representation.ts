import type { ClientModel, RealmModel } from '../../model/types.js';
import { serviceAccountOf } from '../../model/store.js';

/**
 * The v2 client representation (admin-v2 `BaseClientRepresentation`, `OIDCClientRepresentation`,
 * `SAMLClientRepresentation`) read from the same ClientModel the v1 API serves, as the admin-v2 model mappers
 * (BaseClientModelMapper.java, OIDCClientModelMapper.java, SAMLClientModelMapper.java) do. Keycloak writes it
 * with empty values left out: no empty list, no null.
 */

/** The login flows in the order Keycloak 26.7.3 lists them, with the model flag each one stands for. */
export const LOGIN_FLOWS = [
  ['STANDARD', 'standardFlowEnabled'],
  ['IMPLICIT', 'implicitFlowEnabled'],
  ['DIRECT_GRANT', 'directAccessGrantsEnabled'],
  ['SERVICE_ACCOUNT', 'serviceAccountsEnabled'],
] as const;

/** Every login flow name the `Flow` enum accepts (the last three have no model flag in 26.7.3's mapper). */
export const FLOW_NAMES: ReadonlySet<string> = new Set([
  ...LOGIN_FLOWS.map(([name]) => name),
  'TOKEN_EXCHANGE',
  'DEVICE',
  'CIBA',
]);

/** The fields of BaseClientRepresentation (uuid and the timestamps are read-only: accepted, never applied). */
export const BASE_FIELDS = [
  'uuid',
  'clientId',
  'displayName',
  'description',
  'enabled',
  'appUrl',
  'redirectUris',
  'roles',
  'protocol',
  'createdTimestamp',
  'updatedTimestamp',
] as const;

/** The fields OIDCClientRepresentation adds. */
export const OIDC_FIELDS = ['loginFlows', 'auth', 'webOrigins', 'serviceAccountRoles'] as const;

/** The SAMLClientRepresentation fields kept as client attributes, with the attribute each one is stored under. */
export const SAML_ATTRIBUTES = {
  nameIdFormat: 'saml_name_id_format',
  forceNameIdFormat: 'saml_force_name_id_format',
  includeAuthnStatement: 'saml.authnstatement',
  signDocuments: 'saml.server.signature',
  signAssertions: 'saml.assertion.signature',
  clientSignatureRequired: 'saml.client.signature',
  forcePostBinding: 'saml.force.post.binding',
  signatureAlgorithm: 'saml.signature.algorithm',
  signatureCanonicalizationMethod: 'saml_signature_canonicalization_method',
  signingCertificate: 'saml.signing.certificate',
  allowEcpFlow: 'saml.allow.ecp.flow',
} as const;

/** The fields SAMLClientRepresentation adds (`frontChannelLogout` is the model's own flag). */
export const SAML_FIELDS = ['frontChannelLogout', ...Object.keys(SAML_ATTRIBUTES)] as const;

/** Creation and last-update times (ms) of clients; a client the v2 API has not seen yet is stamped on first read. */
const stamps = new WeakMap<ClientModel, { created: number; updated: number }>();

export function stampClient(client: ClientModel, nowMs: number): void {
  stamps.set(client, { created: nowMs, updated: nowMs });
}

function stampOf(client: ClientModel, nowMs: number): { created: number; updated: number } {
  let stamp = stamps.get(client);
  if (!stamp) {
    stamp = { created: nowMs, updated: nowMs };
    stamps.set(client, stamp);
  }
  return stamp;
}

// The role names of the service account's direct role mappings (OIDCClientModelMapper.getServiceAccountRoles).
function serviceAccountRoles(realm: RealmModel, client: ClientModel): string[] {
  if (!client.serviceAccountsEnabled) return [];
  const user = serviceAccountOf(realm, client);
  return user ? [...user.roleMappings].map((role) => role.name) : [];
}

function samlFields(client: ClientModel): Record<string, unknown> {
  const out: Record<string, unknown> = { frontChannelLogout: client.frontchannelLogout };
  for (const [field, attribute] of Object.entries(SAML_ATTRIBUTES)) {
    const value = client.attributes[attribute];
    if (value === undefined || value === '') continue;
    out[field] = value === 'true' || value === 'false' ? value === 'true' : value;
  }
  return out;
}

function oidcFields(realm: RealmModel, client: ClientModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const flows = LOGIN_FLOWS.filter(([, flag]) => client[flag]).map(([name]) => name);
  if (flows.length > 0) out['loginFlows'] = flows;
  // A confidential client shows its authentication; a public one has none (OIDCClientModelMapper.getAuth).
  if (!client.publicClient) {
    const auth: Record<string, string> = { method: client.clientAuthenticatorType };
    if (client.secret !== undefined) auth['secret'] = client.secret;
    out['auth'] = auth;
  }
  if (client.webOrigins.length > 0) out['webOrigins'] = [...client.webOrigins];
  const accountRoles = serviceAccountRoles(realm, client);
  if (accountRoles.length > 0) out['serviceAccountRoles'] = accountRoles;
  return out;
}

/** A client as the v2 API answers it. */
export function clientToV2Representation(
  realm: RealmModel,
  client: ClientModel,
  nowMs: number,
): Record<string, unknown> {
  const stamp = stampOf(client, nowMs);
  const rep: Record<string, unknown> = { uuid: client.id, clientId: client.clientId };
  if (client.name) rep['displayName'] = client.name;
  if (client.description) rep['description'] = client.description;
  rep['enabled'] = client.enabled;
  if (client.baseUrl) rep['appUrl'] = client.baseUrl;
  if (client.redirectUris.length > 0) rep['redirectUris'] = [...client.redirectUris];
  if (client.roles.size > 0) rep['roles'] = [...client.roles.keys()];
  rep['protocol'] = client.protocol;
  rep['createdTimestamp'] = stamp.created;
  rep['updatedTimestamp'] = stamp.updated;
  Object.assign(rep, client.protocol === 'saml' ? samlFields(client) : oidcFields(realm, client));
  return rep;
}
