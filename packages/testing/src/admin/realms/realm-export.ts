import { clientAuthorizationExport } from '../../authz/settings-export.js';
import { exportRealm } from '../../model/export.js';
import type { RealmRepresentation } from '../../model/representations.js';
import type { RealmModel } from '../../model/types.js';
import { identityProvidersOf } from '../identity-providers/identity-providers.js';
import { exportOrganizations } from '../organizations/organization-import.js';
import { ownRealmSettings, realmToRepresentation } from './realm-representation.js';
import { exportComponents } from '../components/component-import.js';

/**
 * The realm as `kc.sh export` writes it: the model's content (`model/export.ts`) plus what the admin areas keep
 * in `realm.extensions`: every realm setting in Keycloak's order (as `GET /admin/realms/{realm}` answers it),
 * identity providers (secrets included, as a full export has them) with their mappers, and organizations.
 * Importing the result into another server gives the same realm.
 */
export async function exportFullRealm(realm: RealmModel): Promise<RealmRepresentation> {
  const store = identityProvidersOf(realm);
  const content = await exportRealm(realm, clientAuthorizationExport);
  // ExportUtils.exportUser writes a user's social links as `federatedIdentities`.
  for (const user of content.users ?? []) {
    const links = user.id === undefined ? undefined : realm.users.get(user.id)?.federatedIdentities;
    if (links?.length) user['federatedIdentities'] = links.map((link) => ({ ...link }));
  }
  const texts = ownRealmSettings(realm)['localizationTexts'];
  return {
    ...realmToRepresentation(realm),
    localizationTexts: texts !== undefined ? structuredClone(texts) : {},
    ...content,
    components: { ...content.components, ...exportComponents(realm) },
    identityProviders: [...store.providers.values()].map((p) => structuredClone(p)),
    identityProviderMappers: [...store.mappers.values()].map((m) => structuredClone(m)),
    organizations: exportOrganizations(realm),
  };
}
