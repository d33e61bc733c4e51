import { roleToRepresentation } from '../../model/export.js';
import type { RealmModel, RealmTokenSettings, RoleModel } from '../../model/types.js';
import { cannotParseJson } from '../errors.js';
import type { JsonObject } from '../json-body.js';
import { REALM_FIELDS } from '../known-fields.js';
import { REALM_DEFAULTS } from './realm-defaults.js';

// Parts of a realm representation that are content, not settings: their own endpoints (or import) handle them.
const STRUCTURAL = new Set([
  'id',
  'realm',
  'roles',
  'groups',
  'users',
  'clients',
  'clientScopes',
  'components',
  'scopeMappings',
  'clientScopeMappings',
  'defaultRole',
  'defaultRoles',
  'defaultGroups',
  'identityProviders',
  'identityProviderMappers',
  'authenticationFlows',
  'authenticatorConfig',
  'requiredActions',
  'federatedUsers',
  'organizations',
  'applications',
  'oauthClients',
  'clientTemplates',
  'applicationScopeMappings',
  'socialProviders',
  'userFederationProviders',
  'userFederationMappers',
  'protocolMappers',
  'privateKey',
  'publicKey',
  'certificate',
  'codeSecret',
  'keycloakVersion',
  'defaultDefaultClientScopes',
  'defaultOptionalClientScopes',
]);

// Realm settings the model does not hold (themes, policies, flags) live here so a GET answers what a PUT set.
const SETTINGS_KEY = 'admin.realmSettings';

function settings(realm: RealmModel): JsonObject {
  const existing = realm.extensions[SETTINGS_KEY];
  if (existing && typeof existing === 'object') return existing as JsonObject;
  const created: JsonObject = {};
  realm.extensions[SETTINGS_KEY] = created;
  return created;
}

/** The realm's own settings object (what PUTs and imports set), for areas that keep a setting up to date. */
export function ownRealmSettings(realm: RealmModel): JsonObject {
  return settings(realm);
}

// Settings a realm import and export carry that `GET /admin/realms/{realm}` does not answer (their own endpoints do).
const NOT_IN_GET = new Set(['localizationTexts']);

/** A realm setting: what was set through the admin API, else Keycloak's default for a new realm. */
export function realmSetting(realm: RealmModel, name: string): unknown {
  return settings(realm)[name] ?? REALM_DEFAULTS[name];
}

function modelled(realm: RealmModel): JsonObject {
  return {
    notBefore: realm.notBefore,
    defaultSignatureAlgorithm: realm.defaultSignatureAlgorithm,
    ...realm.tokens,
    enabled: realm.enabled,
    sslRequired: realm.sslRequired,
  };
}

// ModelToRepresentation.toBriefRepresentation: the realm's default role without its composites or attributes.
function briefRole(realm: RealmModel, role: RoleModel): JsonObject {
  const { composites: _composites, attributes: _attributes, ...brief } = roleToRepresentation(realm, role);
  return { ...brief };
}

/** The realm as `GET /admin/realms/{realm}` answers it (no roles, clients, users or components), in Keycloak's key order. */
export function realmToRepresentation(realm: RealmModel): JsonObject {
  const own = settings(realm);
  const model = modelled(realm);
  const rep: JsonObject = { id: realm.id, realm: realm.name };
  if (realm.displayName !== undefined) rep['displayName'] = realm.displayName;
  if (own['displayNameHtml'] !== undefined) rep['displayNameHtml'] = own['displayNameHtml'];
  for (const [key, fallback] of Object.entries(REALM_DEFAULTS)) {
    if (key === 'requiredCredentials') rep['defaultRole'] = briefRole(realm, realm.defaultRole);
    if (key === 'userManagedAccessAllowed') rep['attributes'] = { ...realm.attributes };
    rep[key] = model[key] ?? own[key] ?? structuredClone(fallback);
  }
  for (const [key, value] of Object.entries(own))
    if (!(key in rep) && !NOT_IN_GET.has(key)) rep[key] = structuredClone(value);
  return rep;
}

/** The realm as the list answers it with `briefRepresentation=true` (ModelToRepresentation.toBriefRepresentation). */
export function realmToBriefRepresentation(realm: RealmModel): JsonObject {
  const rep: JsonObject = { id: realm.id, realm: realm.name };
  if (realm.displayName !== undefined) rep['displayName'] = realm.displayName;
  const html = settings(realm)['displayNameHtml'];
  if (html !== undefined) rep['displayNameHtml'] = html;
  rep['enabled'] = realm.enabled;
  return rep;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/**
 * Applies the settings of a representation as RepresentationToModel.updateRealm does: only fields present are
 * changed; `attributes` are merged. A value of the wrong JSON type cannot bind: `invalid(key)` makes the error
 * (by default the admin API's 400). Structural fields (roles, clients, users, ...) are not settings and are left
 * to their own endpoints. The realm PUT and every realm import (start options, `importRealm`, `--import`,
 * `POST /admin/realms`) come through here, so an import honours every setting a PUT does.
 */
export function applyRealmSettings(
  realm: RealmModel,
  rep: JsonObject,
  invalid: (key: string) => Error = cannotParseJson,
): void {
  const own = settings(realm);
  const tokens = realm.tokens as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(rep)) {
    if (value === null || value === undefined) continue;
    if (key === 'displayName') {
      if (typeof value !== 'string') throw invalid(key);
      realm.displayName = value;
    } else if (key === 'displayNameHtml') {
      if (typeof value !== 'string') throw invalid(key);
      own[key] = value;
    } else if (key === 'attributes') {
      if (kindOf(value) !== 'object') throw invalid(key);
      for (const [name, v] of Object.entries(value as JsonObject)) if (v !== null) realm.attributes[name] = String(v);
    } else if (key in tokens) {
      if (typeof value !== typeof tokens[key]) throw invalid(key);
      tokens[key as keyof RealmTokenSettings] = value as never;
    } else if (
      key === 'enabled' ||
      key === 'sslRequired' ||
      key === 'notBefore' ||
      key === 'defaultSignatureAlgorithm'
    ) {
      if (typeof value !== typeof realm[key]) throw invalid(key);
      (realm as unknown as JsonObject)[key] = value;
    } else if (REALM_FIELDS.has(key) && !STRUCTURAL.has(key)) {
      if (key in REALM_DEFAULTS && kindOf(value) !== kindOf(REALM_DEFAULTS[key])) throw invalid(key);
      own[key] = structuredClone(value);
    }
  }
}
