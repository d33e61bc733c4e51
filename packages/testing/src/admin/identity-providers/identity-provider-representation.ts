import type { JsonObject } from '../json-body.js';
import { IDENTITY_PROVIDER_FACTORIES, type IdentityProviderFactory } from './identity-provider-factories.js';

/**
 * IdentityProviderRepresentation as Keycloak 26.7 reads and writes it: fields are Boolean wrappers, so only those
 * a representation set come back (no `trustEmail: false` by default), `enabled` defaults to true, the deprecated
 * `updateProfileFirstLoginMode` is ignored, an empty flow alias means none, and `types` come from the factory.
 */

/** A stored identity provider: its representation (secrets included) with the fields Keycloak fills. */
export type IdentityProviderEntry = JsonObject & { alias: string; internalId: string };

// StripSecretsUtils' mask for secret config values.
export const SECRET_MASK = '**********';
export const SECRET_KEYS = new Set(['clientSecret']);

const BOOLEAN_FIELDS = [
  'trustEmail',
  'storeToken',
  'addReadTokenRoleOnCreate',
  'authenticateByDefault',
  'linkOnly',
  'hideOnLogin',
] as const;
const FLOW_FIELDS = ['firstBrokerLoginFlowAlias', 'postBrokerLoginFlowAlias'] as const;

const FACTORIES = new Map(IDENTITY_PROVIDER_FACTORIES.map((f) => [f.id, f]));

/** The factory of a provider id (IdentityProviderFactory), or undefined for one Keycloak does not deploy. */
export function identityProviderFactory(providerId: unknown): IdentityProviderFactory | undefined {
  return typeof providerId === 'string' ? FACTORIES.get(providerId) : undefined;
}

/**
 * The stored form of a representation (RepresentationToModel.toModel): the known fields it set, `enabled` true
 * unless it says otherwise, and the factory's defaults for what it left out.
 */
export function withDefaults(rep: JsonObject, internalId: string): IdentityProviderEntry {
  const factory = identityProviderFactory(rep['providerId']);
  const entry: IdentityProviderEntry = { alias: rep['alias'] as string, internalId };
  if (typeof rep['displayName'] === 'string' && rep['displayName'] !== '') entry['displayName'] = rep['displayName'];
  entry['providerId'] = rep['providerId'];
  entry['enabled'] = rep['enabled'] !== false;
  for (const field of BOOLEAN_FIELDS) if (typeof rep[field] === 'boolean') entry[field] = rep[field];
  if (entry['hideOnLogin'] === undefined && factory?.defaults?.hideOnLogin !== undefined)
    entry['hideOnLogin'] = factory.defaults.hideOnLogin;
  for (const field of FLOW_FIELDS) if (typeof rep[field] === 'string' && rep[field] !== '') entry[field] = rep[field];
  if (typeof rep['organizationId'] === 'string') entry['organizationId'] = rep['organizationId'];
  const config = Object.entries((rep['config'] ?? {}) as Record<string, unknown>).filter(
    ([, v]) => v !== null && v !== undefined,
  );
  entry['config'] = { ...factory?.defaults?.config, ...Object.fromEntries(config.map(([k, v]) => [k, String(v)])) };
  return entry;
}

/** ModelToRepresentation.toRepresentation with StripSecretsUtils: secrets masked, the factory's types added. */
export function identityProviderView(entry: IdentityProviderEntry, brief = false): JsonObject {
  if (brief) {
    const { alias, displayName, internalId, providerId, enabled } = entry;
    return {
      alias,
      ...(displayName !== undefined ? { displayName } : {}),
      internalId,
      providerId,
      enabled,
      config: {},
    };
  }
  const config = Object.fromEntries(
    Object.entries((entry['config'] ?? {}) as Record<string, string>).map(([k, v]) => [
      k,
      SECRET_KEYS.has(k) ? SECRET_MASK : v,
    ]),
  );
  return { ...structuredClone(entry), config, types: [...(identityProviderFactory(entry['providerId'])?.types ?? [])] };
}
