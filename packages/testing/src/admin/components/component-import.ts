import { randomUUID } from 'node:crypto';
import type { ComponentRepresentation } from '../../model/representations.js';
import type { RealmModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import { others, type Stored } from './components.js';

const KEY_PROVIDER = 'org.keycloak.keys.KeyProvider';
const REGISTRATION_POLICY = 'org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy';

// The protocol mapper types DefaultClientRegistrationPolicies allows anonymous and authenticated registrations.
const MAPPER_TYPES = [
  'oidc-full-name-mapper',
  'oidc-sha256-pairwise-sub-mapper',
  'oidc-address-mapper',
  'saml-user-property-mapper',
  'oidc-usermodel-property-mapper',
  'saml-role-list-mapper',
  'saml-user-attribute-mapper',
  'oidc-usermodel-attribute-mapper',
];

/**
 * The client registration policies every new realm gets (DefaultClientRegistrationPolicies.addDefaultPolicies,
 * run by RealmManager when the realm brings none): seven for anonymous registrations, three for authenticated ones.
 */
function defaultRegistrationPolicies(realm: RealmModel): Stored[] {
  const policy = (
    name: string,
    providerId: string,
    subType: string,
    config: Record<string, string[]> = {},
  ): Stored => ({
    id: randomUUID(),
    name,
    providerId,
    providerType: REGISTRATION_POLICY,
    parentId: realm.id,
    subType,
    config,
  });
  const shared = (subType: string): Stored[] => [
    policy('Allowed Protocol Mapper Types', 'allowed-protocol-mappers', subType, {
      'allowed-protocol-mapper-types': [...MAPPER_TYPES],
    }),
    policy('Allowed Client Scopes', 'allowed-client-templates', subType, { 'allow-default-scopes': ['true'] }),
    policy('Allowed Registration Web Origins', 'registration-web-origins', subType),
  ];
  return [
    policy('Trusted Hosts', 'trusted-hosts', 'anonymous', {
      'host-sending-registration-request-must-match': ['true'],
      'client-uris-must-match': ['true'],
    }),
    policy('Consent Required', 'consent-required', 'anonymous'),
    policy('Full Scope Disabled', 'scope', 'anonymous'),
    policy('Max Clients Limit', 'max-clients', 'anonymous', { 'max-clients': ['200'] }),
    ...shared('anonymous'),
    ...shared('authenticated'),
  ];
}

function configOf(value: unknown): Record<string, string[]> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as JsonObject).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]),
  );
}

/**
 * Imports the realm's non-key components (`components` of a realm representation, by provider type; key providers
 * go to the realm's keys), as RepresentationToModel.importComponents; a realm that brings no registration policy
 * gets Keycloak's defaults.
 */
export function importComponents(realm: RealmModel, rep: JsonObject): void {
  const byType =
    rep['components'] && typeof rep['components'] === 'object' ? (rep['components'] as Record<string, unknown>) : {};
  const list = others(realm);
  for (const [providerType, items] of Object.entries(byType)) {
    if (providerType === KEY_PROVIDER || !Array.isArray(items)) continue;
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const c = item as JsonObject;
      list.push({
        id: typeof c['id'] === 'string' ? c['id'] : randomUUID(),
        name: typeof c['name'] === 'string' ? c['name'] : '',
        providerId: typeof c['providerId'] === 'string' ? c['providerId'] : '',
        providerType,
        parentId: realm.id,
        ...(typeof c['subType'] === 'string' ? { subType: c['subType'] } : {}),
        config: configOf(c['config']),
      });
    }
  }
  if (!list.some((c) => c.providerType === REGISTRATION_POLICY)) list.push(...defaultRegistrationPolicies(realm));
}

/** The non-key components for a realm export, by provider type (ComponentExportRepresentation: no providerType). */
export function exportComponents(realm: RealmModel): Record<string, ComponentRepresentation[]> {
  const out: Record<string, ComponentRepresentation[]> = {};
  for (const { providerType, parentId: _parent, ...rest } of others(realm))
    (out[providerType] ??= []).push(structuredClone(rest));
  return out;
}
