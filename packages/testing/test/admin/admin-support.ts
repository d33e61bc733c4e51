import type { KeycloakTestServer } from '@keycloak-ts/testing';
import { postForm } from '../support.js';

/** A password-grant access token from a realm's token endpoint (admin-cli by default, as admin tools use). */
export async function tokenFor(
  kc: KeycloakTestServer,
  realm: string,
  username: string,
  password: string,
  clientId = 'admin-cli',
): Promise<string> {
  const { status, body } = await postForm(`${kc.url}/realms/${realm}/protocol/openid-connect/token`, {
    grant_type: 'password',
    client_id: clientId,
    username,
    password,
  });
  if (status !== 200) throw new Error(`token request failed with ${status}: ${JSON.stringify(body)}`);
  return String(body['access_token']);
}

/** What an admin call answered: status, headers and the parsed JSON body (undefined when empty). */
export interface AdminAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Calls the admin API with a bearer token (or none) and a JSON body. */
export async function adminCall(
  kc: KeycloakTestServer,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<AdminAnswer> {
  const init: RequestInit = {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
  };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${kc.url}/admin/realms${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Adds a user holding the named roles of a realm's management client (`realm-management`, or `<realm>-realm` in master). */
export function addAdminUser(
  kc: KeycloakTestServer,
  realmName: string,
  username: string,
  password: string,
  client: string,
  roles: string[],
): void {
  const realm = kc.model.realm(realmName);
  if (!realm) throw new Error(`no realm ${realmName}`);
  const management = realm.clients.get(client);
  const user = {
    id: `${username}-id`,
    username,
    enabled: true,
    emailVerified: false,
    attributes: {},
    requiredActions: [],
    password: { kind: 'plain' as const, id: `${username}-cred`, value: password, createdDate: 0 },
    roleMappings: new Set(
      roles.map((name) => {
        const role = management?.roles.get(name) ?? realm.roles.get(name);
        if (!role) throw new Error(`no role ${name}`);
        return role;
      }),
    ),
    groups: new Set<never>(),
    createdTimestamp: 0,
    notBefore: 0,
  };
  realm.users.set(user.id, user);
}
