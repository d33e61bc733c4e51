import { exportRealm } from '../model/export.js';
import type { RealmRepresentation } from '../model/representations.js';
import type { RealmModel } from '../model/types.js';
import { identityProvidersOf } from './identity-providers.js';
import { exportOrganizations } from './organization-import.js';
import { realmToRepresentation } from './realm-representation.js';

/**
 * The realm as `kc.sh export` writes it: the model's content (`model/export.ts`) plus what the admin areas keep
 * in `realm.extensions`: every realm setting in Keycloak's order (as `GET /admin/realms/{realm}` answers it),
 * identity providers (secrets included, as a full export has them) with their mappers, and organizations.
 * Importing the result into another server gives the same realm.
 */
export async function exportFullRealm(realm: RealmModel): Promise<RealmRepresentation> {
  const store = identityProvidersOf(realm);
  return {
    ...realmToRepresentation(realm),
    ...(await exportRealm(realm)),
    identityProviders: [...store.providers.values()].map((p) => structuredClone(p)),
    identityProviderMappers: [...store.mappers.values()].map((m) => structuredClone(m)),
    organizations: exportOrganizations(realm),
  };
}
