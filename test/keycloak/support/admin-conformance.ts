import { KeycloakAdmin } from '@keycloak-ts/core';
import { BOOTSTRAP_ADMIN, type KeycloakTarget, type RawRequest, type RawResponse } from './target.js';

/** Shared plumbing of the admin-area conformance files: raw calls under one realm, ids, a KeycloakAdmin. */
export interface RealmAdmin {
  /** A raw admin call under `/admin/realms/{realm}` as the master admin. */
  call(method: string, path: string, init?: Omit<RawRequest, 'token'>): Promise<RawResponse>;
  /** Creates with POST and answers the id at the end of the Location header. */
  create(path: string, json: unknown): Promise<string>;
  /** python-keycloak's methods through our KeycloakAdmin, pointed at the target (closed by the caller). */
  keycloakAdmin(): KeycloakAdmin;
}

export function realmAdmin(target: KeycloakTarget, realm: string): RealmAdmin {
  const base = `/admin/realms/${encodeURIComponent(realm)}`;
  const call = (method: string, path: string, init: Omit<RawRequest, 'token'> = {}) =>
    target.request(method, `${base}${path}`, { token: 'admin', ...init });
  return {
    call,
    async create(path, json) {
      const answer = await call('POST', path, { json });
      if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
      return (answer.headers.get('location') ?? '').split('/').pop() ?? '';
    },
    keycloakAdmin() {
      return new KeycloakAdmin({
        serverUrl: target.url,
        ...BOOTSTRAP_ADMIN,
        realmName: realm,
        userRealmName: 'master',
      });
    },
  };
}

/** JSON success answers of the admin API carry RESTEasy's charset. */
export const ADMIN_JSON = 'application/json;charset=UTF-8';

/** Sorts representations by name (Keycloak does not order some listings), for order-free comparison. */
export function byName<T extends { name?: unknown }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** The names of a list of representations, sorted. */
export function namesOf(body: unknown): string[] {
  return (body as { name: string }[]).map((x) => x.name).sort();
}
