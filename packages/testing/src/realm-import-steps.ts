/**
 * The parts of a realm import that belong to the REST layer's areas, in the order Keycloak's
 * RepresentationToModel/RealmManager applies them after the core content: authorization settings of the
 * clients, then the realm settings, identity providers and organizations the admin areas keep. They live
 * here, above both the model and the REST layer, so `model/` imports no REST code.
 */
import { importRealmExtensions } from './admin/realms/realm-import.js';
import { importRealmAuthorization } from './authz/realm-import.js';
import { RealmImportError, type RealmImportStep } from './model/import.js';

export const REALM_IMPORT_STEPS: readonly RealmImportStep[] = [
  (realm, rep, nowMs, options) =>
    importRealmAuthorization(realm, rep.clients ?? [], nowMs, options.createMissingRoles === true),
  (realm, rep) => importRealmExtensions(realm, rep, (message) => new RealmImportError(message)),
];
