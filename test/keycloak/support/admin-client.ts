import { KeycloakAdmin } from '@keycloak-ts/core';
import { BOOTSTRAP_ADMIN, type KeycloakTarget } from './target.js';

/** Our python-keycloak-style admin client, logged in as the master admin, acting on `realm` of the target. */
export function adminClientFor(target: KeycloakTarget, realm: string): KeycloakAdmin {
  return new KeycloakAdmin({ serverUrl: target.url, ...BOOTSTRAP_ADMIN, realmName: realm, userRealmName: 'master' });
}
