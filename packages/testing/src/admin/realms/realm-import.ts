import { randomUUID } from 'node:crypto';
import type { RealmModel } from '../../model/types.js';
import { identityProvidersOf, withDefaults } from '../identity-providers/identity-providers.js';
import { objectsOf, type ImportFailure } from '../import-support.js';
import type { JsonObject } from '../json-body.js';
import { importOrganizations } from '../organizations/organization-import.js';
import { importComponents } from '../components/component-import.js';
import { applyRealmSettings } from './realm-representation.js';

/**
 * The parts of a realm representation that the admin areas keep in `realm.extensions`, imported as
 * RealmManager.importRealm does after the model content (users included, which organization members need):
 * every realm setting through the realm PUT's own `applyRealmSettings`, identity providers and their mappers,
 * then organizations with their members and identity-provider links.
 */
export function importRealmExtensions(realm: RealmModel, rep: JsonObject, fail: ImportFailure): void {
  applyRealmSettings(realm, rep, (key) => fail(`the realm setting "${key}" has the wrong JSON type`));
  importIdentityProviders(realm, rep, fail);
  importSocialLinks(realm, rep, fail);
  importOrganizations(realm, rep, fail);
  importComponents(realm, rep);
}

// RepresentationToModel.createFederatedIdentities: each user's links, kept even for an alias no provider holds
// (the admin API lists only the links whose provider exists).
function importSocialLinks(realm: RealmModel, rep: JsonObject, fail: ImportFailure): void {
  for (const [index, userRep] of objectsOf(rep, 'users', fail).entries()) {
    const where = `users[${index}].federatedIdentities`;
    const links = objectsOf(userRep, 'federatedIdentities', fail, where);
    if (links.length === 0) continue;
    const username = String(userRep['username'] ?? '').toLowerCase();
    const user = [...realm.users.values()].find((u) => u.username === username);
    if (!user) continue;
    user.federatedIdentities = links.map((link, i) => {
      const { identityProvider, userId, userName } = link;
      if (typeof identityProvider !== 'string') throw fail(`${where}[${i}] needs an "identityProvider"`);
      return {
        identityProvider,
        ...(typeof userId === 'string' ? { userId } : {}),
        ...(typeof userName === 'string' ? { userName } : {}),
      };
    });
  }
}

function checkStringMap(value: unknown, where: string, fail: ImportFailure): void {
  if (value === undefined || value === null) return;
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((v) => v !== null && typeof v !== 'string')
  ) {
    throw fail(`"${where}" must be an object of strings`);
  }
}

function importIdentityProviders(realm: RealmModel, rep: JsonObject, fail: ImportFailure): void {
  const store = identityProvidersOf(realm);
  for (const [index, provider] of objectsOf(rep, 'identityProviders', fail).entries()) {
    const where = `identityProviders[${index}]`;
    const alias = provider['alias'];
    if (typeof alias !== 'string' || alias === '' || /\s/.test(alias))
      throw fail(`${where} needs an "alias" without whitespace`);
    if (typeof provider['providerId'] !== 'string') throw fail(`${where} needs a "providerId"`);
    checkStringMap(provider['config'], `${where}.config`, fail);
    if (store.providers.has(alias)) throw fail(`${where}: identity provider ${alias} already exists`);
    const internalId = typeof provider['internalId'] === 'string' ? provider['internalId'] : randomUUID();
    store.providers.set(alias, withDefaults(structuredClone(provider), internalId));
  }
  for (const [index, mapper] of objectsOf(rep, 'identityProviderMappers', fail).entries()) {
    const where = `identityProviderMappers[${index}]`;
    const alias = mapper['identityProviderAlias'];
    if (typeof mapper['name'] !== 'string' || typeof mapper['identityProviderMapper'] !== 'string')
      throw fail(`${where} needs a "name" and an "identityProviderMapper"`);
    if (typeof alias !== 'string' || !store.providers.has(alias))
      throw fail(`${where} names no identity provider of the realm`);
    checkStringMap(mapper['config'], `${where}.config`, fail);
    const id = typeof mapper['id'] === 'string' ? mapper['id'] : randomUUID();
    store.mappers.set(id, { config: {}, ...structuredClone(mapper), id, identityProviderAlias: alias });
  }
}
