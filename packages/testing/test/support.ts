import type { RealmRepresentation } from '@keycloak-ts/testing';

/**
 * The demo realm under another name: users' `default-roles-demo` becomes the new realm's default role, which a
 * file import would otherwise refuse as a role the realm does not hold.
 */
export function demoRealmNamed(name: string, settings: Omit<RealmRepresentation, 'realm'> = {}): RealmRepresentation {
  const users = (demoRealm.users ?? []).map((user) => ({
    ...user,
    realmRoles: user.realmRoles?.map((role) => (role === 'default-roles-demo' ? `default-roles-${name}` : role)),
  }));
  return { ...demoRealm, users, ...settings, realm: name };
}

/** A small realm used across the testing package's suites. */
export const demoRealm: RealmRepresentation = {
  realm: 'demo',
  enabled: true,
  roles: {
    realm: [{ name: 'user' }, { name: 'boss', composite: true, composites: { realm: ['user'] } }],
    client: { api: [{ name: 'reader' }] },
  },
  groups: [{ name: 'staff', realmRoles: ['boss'], subGroups: [{ name: 'readers', clientRoles: { api: ['reader'] } }] }],
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      emailVerified: true,
      firstName: 'Alice',
      lastName: 'Liddell',
      credentials: [{ type: 'password', value: 'wonder' }],
      realmRoles: ['default-roles-demo'],
      groups: ['/staff/readers'],
    },
    {
      username: 'bob',
      enabled: true,
      credentials: [{ type: 'password', value: 'builder' }],
      realmRoles: ['user'],
      requiredActions: ['UPDATE_PASSWORD'],
    },
  ],
  clients: [
    {
      clientId: 'web',
      publicClient: true,
      directAccessGrantsEnabled: true,
      redirectUris: ['http://localhost:3000/*'],
      webOrigins: ['+'],
    },
    { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true, serviceAccountsEnabled: true },
    { clientId: 'api', bearerOnly: true },
  ],
};

export interface FormResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** POSTs a form and returns status, headers and parsed JSON (or text). */
export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<FormResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> };
}

/** Basic credentials header value. */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}
