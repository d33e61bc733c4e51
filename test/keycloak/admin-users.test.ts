import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_JSON, realmAdmin, type RealmAdmin } from './support/admin-conformance.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let api: RealmAdmin;

const FULL_ACCESS = {
  manageGroupMembership: true,
  view: true,
  mapRoles: true,
  impersonate: true,
  manage: true,
  resetPassword: true,
};
const NO_SENDER =
  "Failed to send execute actions email: Invalid sender address 'null'. If the address contains UTF-8 characters in the local part please ensure the SMTP server supports the SMTPUTF8 extension and enable 'Allow UTF-8' in the email realm configuration.";

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-users');
  api = realmAdmin(target, realm);
});
afterAll(() => target.close());

const newUser = (username: string, extra: Record<string, unknown> = {}) =>
  api.create('/users', { username, enabled: true, ...extra });

describe(`users (${targetKind})`, () => {
  it('creates a user with 201 and a Location, and answers its full representation with every access right', async () => {
    const created = await api.call('POST', '/users', {
      json: { username: 'Alice', email: 'Alice@Example.com', firstName: 'Alice', lastName: 'Liddell', enabled: true },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`/admin/realms/${realm}/users/[0-9a-f-]{36}$`));
    const id = (created.headers.get('location') ?? '').split('/').pop();
    const got = await api.call('GET', `/users/${id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(ADMIN_JSON);
    expect(got.json).toEqual({
      id,
      username: 'alice',
      firstName: 'Alice',
      lastName: 'Liddell',
      email: 'alice@example.com',
      emailVerified: false,
      createdTimestamp: expect.any(Number),
      enabled: true,
      totp: false,
      disableableCredentialTypes: [],
      requiredActions: [],
      notBefore: 0,
      access: FULL_ACCESS,
    });
  });

  it('lists users with the listing access only, full or brief', async () => {
    const [full] = (await api.call('GET', '/users?username=alice&exact=true')).json as Record<string, unknown>[];
    expect(full).toMatchObject({ username: 'alice', access: { manage: true } });
    expect(full?.['access']).toEqual({ manage: true });
    const [brief] = (await api.call('GET', '/users?username=alice&exact=true&briefRepresentation=true')).json as Record<
      string,
      unknown
    >[];
    expect(Object.keys(brief ?? {}).sort()).toEqual([
      'access',
      'createdTimestamp',
      'email',
      'emailVerified',
      'enabled',
      'firstName',
      'id',
      'lastName',
      'username',
    ]);
  });

  it('answers 409 for a taken username or e-mail and 400 without a username', async () => {
    expect(await api.call('POST', '/users', { json: { username: 'ALICE' } })).toMatchObject({
      status: 409,
      json: { errorMessage: 'User exists with same username' },
    });
    expect(
      await api.call('POST', '/users', { json: { username: 'alice2', email: 'alice@example.com' } }),
    ).toMatchObject({ status: 409, json: { errorMessage: 'User exists with same email' } });
    expect(await api.call('POST', '/users', { json: { email: 'nobody@example.com' } })).toMatchObject({
      status: 400,
      json: { errorMessage: 'User name is missing' },
    });
  });

  it('answers bytes that are not JSON with invalid_request, JSON that does not bind with unknown_error', async () => {
    expect((await api.call('POST', '/users', { json: '{bad' })).json).toEqual({
      error: 'invalid_request',
      error_description: 'Cannot parse the JSON',
    });
    expect((await api.call('POST', '/users', { json: ['bad'] })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
    expect((await api.call('POST', '/users', { json: { username: 'typed', enabled: 'maybe' } })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
    expect((await api.call('POST', '/users', { json: { username: 'grouped', groups: 'g' } })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
  });

  it('coerces scalars as Jackson does: "TRUE" and 1 are true, 0 false, a number a name', async () => {
    const read = async (json: Record<string, unknown>) =>
      (await api.call('GET', `/users/${await api.create('/users', json)}`)).json as Record<string, unknown>;
    expect(await read({ username: 'coerce-1', enabled: 'TRUE' })).toMatchObject({ enabled: true });
    expect(await read({ username: 'coerce-2', enabled: 1 })).toMatchObject({ enabled: true });
    expect(await read({ username: 'coerce-3', enabled: 0 })).toMatchObject({ enabled: false });
    expect(await read({ username: 'coerce-4', firstName: 5, enabled: true })).toMatchObject({ firstName: '5' });
    expect((await api.call('POST', '/users', { json: { username: 'coerce-5', enabled: '1' } })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
  });

  it('refuses an unknown field, naming where Jackson stood in the body', async () => {
    expect(await api.call('POST', '/users', { json: '{"username":"uf","colour":"red"}' })).toMatchObject({
      status: 400,
      json: {
        error: 'Invalid json representation for UserRepresentation. Unrecognized field "colour" at line 1 column 28.',
      },
    });
    expect(await api.call('POST', '/users', { json: '{\n  "username": "uf",\n  "colour": {"a": 1}\n}' })).toMatchObject(
      {
        status: 400,
        json: {
          error: 'Invalid json representation for UserRepresentation. Unrecognized field "colour" at line 3 column 14.',
        },
      },
    );
    expect(await api.call('POST', '/users', { json: '{"colour":5}' })).toMatchObject({
      status: 400,
      json: {
        error: 'Invalid json representation for UserRepresentation. Unrecognized field "colour" at line 1 column 12.',
      },
    });
  });

  it("answers another media type with 415 and RESTEasy's message", async () => {
    const answer = await api.call('POST', '/users', {
      json: '{"username":"plain"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer).toMatchObject({
      status: 415,
      json: { error: 'The content-type header value did not match the value in @Consumes' },
    });
  });

  it('drops attributes the user profile does not declare, unless unmanaged attributes are enabled', async () => {
    const id = await newUser('attr-user', { attributes: { dept: ['sales'] } });
    expect((await api.call('GET', `/users/${id}`)).json).not.toHaveProperty('attributes');
    expect((await api.call('GET', '/users?q=dept:sales')).json).toEqual([]);
    const profile = (await api.call('GET', '/users/profile')).json as Record<string, unknown>;
    expect(
      (await api.call('PUT', '/users/profile', { json: { ...profile, unmanagedAttributePolicy: 'ENABLED' } })).status,
    ).toBe(200);
    expect((await api.call('PUT', `/users/${id}`, { json: { attributes: { dept: ['sales'] } } })).status).toBe(204);
    expect((await api.call('GET', `/users/${id}`)).json).toMatchObject({ attributes: { dept: ['sales'] } });
    expect(
      ((await api.call('GET', '/users?q=dept:sales')).json as { username: string }[]).map((u) => u.username),
    ).toEqual(['attr-user']);
    expect((await api.call('PUT', '/users/profile', { json: profile })).status).toBe(200);
    expect((await api.call('GET', `/users/${id}`)).json).not.toHaveProperty('attributes');
  });

  it('adds the user profile metadata on request', async () => {
    const id = await newUser('meta-user');
    const { userProfileMetadata } = (await api.call('GET', `/users/${id}?userProfileMetadata=true`)).json as {
      userProfileMetadata: { attributes: Record<string, unknown>[]; groups: unknown[] };
    };
    expect(userProfileMetadata.groups).toEqual([
      {
        name: 'user-metadata',
        displayHeader: 'User metadata',
        displayDescription: 'Attributes, which refer to user metadata',
      },
    ]);
    expect(userProfileMetadata.attributes.map((a) => a['name'])).toEqual([
      'username',
      'email',
      'firstName',
      'lastName',
    ]);
    expect(userProfileMetadata.attributes[0]).toEqual({
      name: 'username',
      displayName: '${username}',
      required: true,
      readOnly: true,
      multivalued: false,
      validators: {
        length: { 'ignore.empty.value': true, min: 3, max: 255 },
        multivalued: { max: '1' },
        'up-username-not-idn-homograph': { 'ignore.empty.value': true },
        'username-prohibited-characters': { 'ignore.empty.value': true },
      },
    });
    expect(userProfileMetadata.attributes[1]).toEqual({
      name: 'email',
      displayName: '${email}',
      required: false,
      readOnly: false,
      multivalued: false,
      validators: {
        email: { 'ignore.empty.value': true },
        length: { 'ignore.empty.value': true, max: 255 },
        multivalued: { max: '1' },
      },
    });
  });

  it('searches built-in fields with q=, by infix unless exact', async () => {
    const names = async (query: string) =>
      ((await api.call('GET', `/users?${query}`)).json as { username: string }[]).map((u) => u.username);
    expect(await names('q=email:alice@example.com')).toEqual(['alice']);
    expect(await names('q=email:alice@')).toEqual(['alice']);
    expect(await names('q=email:alice@&exact=true')).toEqual([]);
    expect(await names('q=firstName:Alice')).toEqual(['alice']);
    expect(await names('search=ali')).toEqual(['alice']);
    expect((await api.call('GET', '/users/count?search=ali')).json).toBe(1);
  });

  it('updates only what a PUT sends', async () => {
    const id = await newUser('put-user', { firstName: 'Old', lastName: 'Name' });
    expect((await api.call('PUT', `/users/${id}`, { json: { firstName: 'New' } })).status).toBe(204);
    expect((await api.call('GET', `/users/${id}`)).json).toMatchObject({
      firstName: 'New',
      lastName: 'Name',
      enabled: true,
    });
  });

  it('takes a PUT with attributes as the whole profile: names come from fields or attributes, the e-mail only from its field', async () => {
    const id = await newUser('whole-profile', { firstName: 'First', lastName: 'Last', email: 'whole@example.org' });
    const read = async () => {
      const user = (await api.call('GET', `/users/${id}`)).json as Record<string, unknown>;
      return { firstName: user['firstName'], lastName: user['lastName'], email: user['email'] };
    };
    expect((await api.call('PUT', `/users/${id}`, { json: { firstName: 'Only', attributes: {} } })).status).toBe(204);
    expect(await read()).toEqual({ firstName: 'Only', lastName: undefined, email: undefined });
    const fromAttributes = { attributes: { lastName: ['Attr'], email: ['attr@example.org'] } };
    expect((await api.call('PUT', `/users/${id}`, { json: fromAttributes })).status).toBe(204);
    expect(await read()).toEqual({ firstName: undefined, lastName: 'Attr', email: undefined });
    const both = { lastName: 'Field', email: 'field@example.org', attributes: { lastName: ['Attr'] } };
    expect((await api.call('PUT', `/users/${id}`, { json: both })).status).toBe(204);
    expect(await read()).toEqual({ firstName: undefined, lastName: 'Field', email: 'field@example.org' });
  });

  it('answers 404 "User not found" on read, update and delete of an unknown id', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await api.call(
        method,
        '/users/00000000-0000-0000-0000-000000000000',
        method === 'PUT' ? { json: {} } : {},
      );
      expect(answer).toMatchObject({ status: 404, json: { error: 'User not found' } });
    }
  });

  it('deletes a user, after which it is not found', async () => {
    const id = await newUser('gone-user');
    expect((await api.call('DELETE', `/users/${id}`)).status).toBe(204);
    expect(await api.call('GET', `/users/${id}`)).toMatchObject({ status: 404, json: { error: 'User not found' } });
  });
});

describe(`user credentials (${targetKind})`, () => {
  let id: string;
  let credentialId: string;
  beforeAll(async () => {
    id = await newUser('cred-user');
  });

  it('sets a password, and refuses a missing or blank one', async () => {
    expect(
      (
        await api.call('PUT', `/users/${id}/reset-password`, {
          json: { type: 'password', value: 'Secret-1', temporary: false },
        })
      ).status,
    ).toBe(204);
    expect(await api.call('PUT', `/users/${id}/reset-password`, { json: { type: 'password' } })).toMatchObject({
      status: 400,
      json: { error: 'No password provided' },
    });
    expect(
      await api.call('PUT', `/users/${id}/reset-password`, { json: { type: 'password', value: '  ' } }),
    ).toMatchObject({ status: 400, json: { error: 'Empty password not allowed' } });
  });

  it('lists the password credential without its secret', async () => {
    const list = (await api.call('GET', `/users/${id}/credentials`)).json as Record<string, unknown>[];
    expect(list).toEqual([
      { id: expect.any(String), type: 'password', createdDate: expect.any(Number), credentialData: expect.any(String) },
    ]);
    credentialId = String(list[0]?.['id']);
  });

  it('labels a credential with a text/plain body', async () => {
    expect(
      (
        await api.call('PUT', `/users/${id}/credentials/${credentialId}/userLabel`, {
          json: 'My password',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(204);
    expect(((await api.call('GET', `/users/${id}/credentials`)).json as Record<string, unknown>[])[0]).toMatchObject({
      userLabel: 'My password',
    });
  });

  it('refuses a blank label, a JSON body and an unknown credential', async () => {
    expect(
      await api.call('PUT', `/users/${id}/credentials/${credentialId}/userLabel`, {
        json: ' ',
        headers: { 'content-type': 'text/plain' },
      }),
    ).toMatchObject({
      status: 400,
      json: { error: 'missingCredentialLabel', error_description: 'Credential label must not be empty' },
    });
    expect(await api.call('PUT', `/users/${id}/credentials/${credentialId}/userLabel`, { json: '"x"' })).toMatchObject({
      status: 415,
      json: { error: 'The content-type header value did not match the value in @Consumes' },
    });
    expect(
      await api.call('PUT', `/users/${id}/credentials/nope/userLabel`, {
        json: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
    ).toMatchObject({ status: 404, json: { error: 'Credential not found' } });
  });

  it('moves a credential first or after another, an unknown previous one changing nothing', async () => {
    expect((await api.call('POST', `/users/${id}/credentials/${credentialId}/moveToFirst`)).status).toBe(204);
    expect((await api.call('POST', `/users/${id}/credentials/${credentialId}/moveAfter/nope`)).status).toBe(204);
    expect(await api.call('POST', `/users/${id}/credentials/nope/moveToFirst`)).toMatchObject({
      status: 404,
      json: { error: 'Credential not found' },
    });
  });

  it('lists no user-storage credential types for a local user', async () => {
    expect(await api.call('GET', `/users/${id}/configured-user-storage-credential-types`)).toMatchObject({
      status: 200,
      json: [],
    });
  });

  it('removes a credential, and answers 404 "Credential not found" for an unknown one', async () => {
    expect(await api.call('DELETE', `/users/${id}/credentials/nope`)).toMatchObject({
      status: 404,
      json: { error: 'Credential not found' },
    });
    expect((await api.call('DELETE', `/users/${id}/credentials/${credentialId}`)).status).toBe(204);
    expect((await api.call('GET', `/users/${id}/credentials`)).json).toEqual([]);
  });
});

describe(`user sessions, consents and links (${targetKind})`, () => {
  let id: string;
  beforeAll(async () => {
    id = await newUser('sess-user');
  });

  it('has no sessions, consents or social links at first', async () => {
    expect((await api.call('GET', `/users/${id}/sessions`)).json).toEqual([]);
    expect((await api.call('GET', `/users/${id}/consents`)).json).toEqual([]);
    expect((await api.call('GET', `/users/${id}/federated-identity`)).json).toEqual([]);
  });

  it('lists offline sessions per client by its internal id, 404 "Client not found" for another', async () => {
    const [account] = (await api.call('GET', '/clients?clientId=account')).json as { id: string }[];
    expect(await api.call('GET', `/users/${id}/offline-sessions/${account?.id}`)).toMatchObject({
      status: 200,
      json: [],
    });
    expect(await api.call('GET', `/users/${id}/offline-sessions/account`)).toMatchObject({
      status: 404,
      json: { error: 'Client not found' },
    });
  });

  it("answers Keycloak's 404s when revoking a consent", async () => {
    expect(await api.call('DELETE', `/users/${id}/consents/nope`)).toMatchObject({
      status: 404,
      json: { error: 'Client not found' },
    });
    expect(await api.call('DELETE', `/users/${id}/consents/account`)).toMatchObject({
      status: 404,
      json: { error: 'Consent nor offline token not found' },
    });
  });

  it('stores a link to an unknown provider without listing it, and removes it', async () => {
    expect(
      (
        await api.call('POST', `/users/${id}/federated-identity/ghost`, {
          json: { identityProvider: 'ghost', userId: 'g-1', userName: 'g' },
        })
      ).status,
    ).toBe(204);
    expect((await api.call('GET', `/users/${id}/federated-identity`)).json).toEqual([]);
    expect((await api.call('DELETE', `/users/${id}/federated-identity/ghost`)).status).toBe(204);
  });

  it('impersonates a user: a new SSO session, its cookie, and the account console to go to', async () => {
    const answer = await api.call('POST', `/users/${id}/impersonation`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ redirect: `${target.url}/realms/${realm}/account`, sameRealm: false });
    expect(answer.headers.get('set-cookie')).toMatch(/^KEYCLOAK_IDENTITY=[\w-]+\.[\w-]+\.[\w-]+;/);
    const sessions = (await api.call('GET', `/users/${id}/sessions`)).json as Record<string, unknown>[];
    expect(sessions).toEqual([
      expect.objectContaining({ username: 'sess-user', userId: id, clients: {}, rememberMe: false }),
    ]);
  });

  it('logs the user out of every session', async () => {
    expect((await api.call('POST', `/users/${id}/logout`)).status).toBe(204);
    expect((await api.call('GET', `/users/${id}/sessions`)).json).toEqual([]);
  });
});

describe(`user e-mail actions (${targetKind})`, () => {
  it('answers 500 while the realm names no sender, after the request checks pass', async () => {
    const id = await newUser('mail-user', { email: 'mail-user@example.com' });
    expect(await api.call('PUT', `/users/${id}/execute-actions-email`, { json: ['UPDATE_PASSWORD'] })).toMatchObject({
      status: 500,
      json: { errorMessage: NO_SENDER },
    });
    expect(await api.call('PUT', `/users/${id}/reset-password-email`)).toMatchObject({
      status: 500,
      json: { errorMessage: NO_SENDER },
    });
    expect(await api.call('PUT', `/users/${id}/send-verify-email`)).toMatchObject({
      status: 500,
      json: { errorMessage: 'Failed to send verify email' },
    });
  });

  it('refuses unknown actions, a user without e-mail, a disabled user, an unknown client and a redirect without client', async () => {
    const id = await newUser('mail-user2', { email: 'mail-user2@example.com' });
    expect(await api.call('PUT', `/users/${id}/execute-actions-email`, { json: ['NOPE'] })).toMatchObject({
      status: 400,
      json: { errorMessage: 'Provided invalid required actions' },
    });
    expect(await api.call('PUT', `/users/${id}/execute-actions-email?client_id=nope`, { json: [] })).toMatchObject({
      status: 400,
      json: { errorMessage: "Client doesn't exist" },
    });
    expect(
      await api.call('PUT', `/users/${id}/execute-actions-email?redirect_uri=http://x`, { json: [] }),
    ).toMatchObject({ status: 400, json: { errorMessage: 'Client id missing' } });
    const noMail = await newUser('no-mail');
    expect(await api.call('PUT', `/users/${noMail}/send-verify-email`)).toMatchObject({
      status: 400,
      json: { errorMessage: 'User email missing' },
    });
    const off = await api.create('/users', { username: 'off-user', email: 'off@example.com', enabled: false });
    expect(await api.call('PUT', `/users/${off}/send-verify-email`)).toMatchObject({
      status: 400,
      json: { errorMessage: 'User is disabled' },
    });
  });
});

describe(`python-keycloak user methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, finds, reads, updates, counts and deletes a user', async () => {
    const admin = api.keycloakAdmin();
    try {
      const id = await admin.createUser({ username: 'py-user', email: 'py@example.com', enabled: true });
      expect(await admin.getUserId('py-user')).toBe(id);
      expect(await admin.getUser(id)).toMatchObject({
        id,
        username: 'py-user',
        email: 'py@example.com',
        access: FULL_ACCESS,
      });
      await admin.updateUser(id, { firstName: 'Py' });
      expect((await admin.getUsers({ username: 'py-user', exact: true })).map((u) => u.firstName)).toEqual(['Py']);
      await admin.setUserPassword(id, 'Py-secret-1', { temporary: true });
      expect((await admin.getCredentials(id)).map((c) => c.type)).toEqual(['password']);
      expect((await admin.getUser(id)).requiredActions).toEqual(['UPDATE_PASSWORD']);
      expect(await admin.getSessions(id)).toEqual([]);
      await admin.deleteUser(id);
      await expect(admin.getUser(id)).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
    } finally {
      await admin.close();
    }
  });

  it('fails a duplicate user with KeycloakPostError 409, and resolves to the existing id with existOk', async () => {
    const admin = api.keycloakAdmin();
    try {
      const id = await admin.createUser({ username: 'py-dup', enabled: true });
      await expect(admin.createUser({ username: 'py-dup' })).rejects.toMatchObject({
        name: 'KeycloakPostError',
        status: 409,
      });
      await expect(admin.createUser({ username: 'py-dup' }, { existOk: true })).resolves.toBe(id);
    } finally {
      await admin.close();
    }
  });
});
