import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm, postForm } from '../../support.js';
import { adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;

const users = async (query = ''): Promise<Record<string, unknown>[]> =>
  (await adminCall(kc, 'GET', `/demo/users${query}`, token)).body as Record<string, unknown>[];
const names = async (query: string): Promise<unknown[]> => (await users(query)).map((u) => u['username']);
const create = (rep: Record<string, unknown>) => adminCall(kc, 'POST', '/demo/users', token, rep);

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  // Attributes the user profile does not declare are kept only under an unmanaged-attribute policy (Keycloak 26).
  const profile = (await adminCall(kc, 'GET', '/demo/users/profile', token)).body as Record<string, unknown>;
  await adminCall(kc, 'PUT', '/demo/users/profile', token, { ...profile, unmanagedAttributePolicy: 'ENABLED' });
  await create({
    username: 'Carol',
    email: 'Carol@Example.com',
    firstName: 'Carol',
    lastName: 'Danvers',
    enabled: true,
    attributes: { team: ['red'], level: 'senior' },
  });
  await create({
    username: 'dave',
    email: 'dave@corp.test',
    firstName: 'Dave',
    lastName: 'Lister',
    attributes: { team: ['blue'] },
  });
});
afterAll(() => kc.close());

describe('creating users', () => {
  it('answers 201 with the Location of the new user, lower-cases the username and grants the default role', async () => {
    const answer = await create({ username: 'NewUser', enabled: true, id: 'ignored' });
    expect(answer.status).toBe(201);
    const location = answer.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${kc.url}/admin/realms/demo/users/[0-9a-f-]{36}$`));
    const id = location.split('/').pop() ?? '';
    expect(id).not.toBe('ignored');
    const user = kc.model.realm('demo')?.users.get(id);
    expect(user?.username).toBe('newuser');
    expect([...(user?.roleMappings ?? [])].map((r) => r.name)).toEqual(['default-roles-demo']);
  });

  it("answers the user in Keycloak's representation with access rights, a listing with the manage right only", async () => {
    const [carol] = await users('?username=carol&exact=true');
    expect(Object.keys(carol ?? {})).toEqual([
      'id',
      'username',
      'firstName',
      'lastName',
      'email',
      'emailVerified',
      'attributes',
      'createdTimestamp',
      'enabled',
      'totp',
      'disableableCredentialTypes',
      'requiredActions',
      'notBefore',
      'access',
    ]);
    expect(carol).toMatchObject({
      username: 'carol',
      email: 'carol@example.com',
      enabled: true,
      emailVerified: false,
      attributes: { team: ['red'], level: ['senior'] },
      access: { manage: true },
    });
    const one = await adminCall(kc, 'GET', `/demo/users/${String(carol?.['id'])}`, token);
    const access = {
      manageGroupMembership: true,
      view: true,
      mapRoles: true,
      impersonate: true,
      manage: true,
      resetPassword: true,
    };
    expect(one.body).toEqual({ ...carol, access });
  });

  it('creates a disabled user when enabled is not sent', async () => {
    const [dave] = await users('?username=dave');
    expect(dave?.['enabled']).toBe(false);
  });

  it('honours credentials so the user can log in, and temporary ones as UPDATE_PASSWORD', async () => {
    await create({
      username: 'eve',
      enabled: true,
      credentials: [{ type: 'password', value: 'secret-1', temporary: false }],
    });
    expect((await tokenFor(kc, 'demo', 'eve', 'secret-1', 'web')).length).toBeGreaterThan(0);
    await create({
      username: 'frank',
      enabled: true,
      credentials: [{ type: 'password', value: 'secret-2', temporary: true }],
    });
    expect((await users('?username=frank&exact=true'))[0]?.['requiredActions']).toEqual(['UPDATE_PASSWORD']);
  });

  it('answers 409 for a taken username or e-mail, whatever their case', async () => {
    expect(await create({ username: 'CAROL' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'User exists with same username' },
    });
    expect(await create({ username: 'carol2', email: 'CAROL@example.com' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'User exists with same email' },
    });
  });

  it('answers 400 without a username, with an invalid e-mail, or with an unknown field', async () => {
    expect(await create({ email: 'x@example.com' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'User name is missing' },
    });
    expect(await create({ username: 'bad-mail', email: 'not-an-email' })).toMatchObject({
      status: 400,
      body: { field: 'email', errorMessage: 'error-invalid-email' },
    });
    expect(await create({ username: 'x', wrong: 'payload' })).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(
          /^Invalid json representation for UserRepresentation\. Unrecognized field "wrong" at line 1 column \d+\.$/,
        ),
      },
    });
    expect(await create({ username: 'x', enabled: 'yes' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });
});

describe('searching users', () => {
  it('lists users by username without service accounts, 100 at most by default', async () => {
    const all = await names('');
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(['alice', 'bob', 'carol', 'dave']));
    expect(all).not.toContain('service-account-app');
  });

  it('matches search as a prefix, with * wildcards and "quoted" exact terms', async () => {
    expect(await names('?search=car')).toEqual(['carol']);
    expect(await names('?search=danv')).toEqual(['carol']);
    expect(await names('?search=arol')).toEqual([]);
    expect(await names('?search=*arol')).toEqual(['carol']);
    expect(await names('?search=*corp*')).toEqual(['dave']);
    expect(await names('?search=%22dav%22')).toEqual([]);
    expect(await names('?search=%22dave%22')).toEqual(['dave']);
    expect((await names('?search=*')).length).toBeGreaterThanOrEqual(4);
  });

  it('matches field filters as substrings, or exactly with exact=true', async () => {
    expect(await names('?username=aro')).toEqual(['carol']);
    expect(await names('?username=aro&exact=true')).toEqual([]);
    expect(await names('?email=example.com&firstName=car')).toEqual(['carol']);
    expect(await names('?lastName=LISTER&exact=true')).toEqual(['dave']);
    expect(await names('?enabled=false&username=dave')).toEqual(['dave']);
    expect(await names('?emailVerified=true')).toEqual(['alice']);
  });

  it('matches q attribute filters', async () => {
    expect(await names('?q=team:red')).toEqual(['carol']);
    expect(await names('?q=team:blue%20level:senior')).toEqual([]);
    expect(await names('?q=team:RED%20level:senior')).toEqual(['carol']);
  });

  it('finds a user by id with search=id:', async () => {
    const [carol] = await users('?username=carol');
    expect(await names(`?search=id:${String(carol?.['id'])}`)).toEqual(['carol']);
  });

  it('pages with first and max', async () => {
    const all = await names('');
    expect(await names('?first=1&max=2')).toEqual(all.slice(1, 3));
    expect(await adminCall(kc, 'GET', '/demo/users?max=lots', token)).toMatchObject({ status: 404 });
  });

  it('answers brief representations on request', async () => {
    const [carol] = await users('?username=carol&briefRepresentation=true');
    expect(Object.keys(carol ?? {})).toEqual([
      'id',
      'username',
      'firstName',
      'lastName',
      'email',
      'emailVerified',
      'createdTimestamp',
      'enabled',
      'access',
    ]);
  });

  it('counts with the same filters', async () => {
    const count = async (query: string) => (await adminCall(kc, 'GET', `/demo/users/count${query}`, token)).body;
    expect(await count('')).toBe((await users('')).length);
    expect(await count('?search=car')).toBe(1);
    expect(await count('?q=team:blue')).toBe(1);
  });

  it('matches nobody for an identity provider alias, as no links exist', async () => {
    expect(await names('?idpAlias=github')).toEqual([]);
  });
});

describe('updating and deleting users', () => {
  it('leaves fields a PUT does not send unchanged', async () => {
    const [dave] = await users('?username=dave');
    const path = `/demo/users/${String(dave?.['id'])}`;
    expect((await adminCall(kc, 'PUT', path, token, { firstName: 'David', enabled: true })).status).toBe(204);
    expect((await adminCall(kc, 'GET', path, token)).body).toMatchObject({
      firstName: 'David',
      lastName: 'Lister',
      email: 'dave@corp.test',
      enabled: true,
      attributes: { team: ['blue'] },
    });
    expect(
      (await adminCall(kc, 'PUT', path, token, { attributes: { shift: ['night'] }, requiredActions: ['VERIFY_EMAIL'] }))
        .status,
    ).toBe(204);
    expect((await adminCall(kc, 'GET', path, token)).body).toMatchObject({
      attributes: { shift: ['night'] },
      requiredActions: ['VERIFY_EMAIL'],
    });
  });

  it('refuses a taken e-mail and a username change where the realm forbids it', async () => {
    const [dave] = await users('?username=dave');
    const path = `/demo/users/${String(dave?.['id'])}`;
    expect(await adminCall(kc, 'PUT', path, token, { email: 'carol@example.com' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'User exists with same email' },
    });
    expect(await adminCall(kc, 'PUT', path, token, { username: 'davey' })).toMatchObject({
      status: 400,
      body: { field: 'username', errorMessage: 'error-user-attribute-read-only' },
    });
  });

  it('answers 404 "User not found" for an unknown id on every user route', async () => {
    for (const [method, path, body] of [
      ['GET', ''],
      ['PUT', '', {}],
      ['DELETE', ''],
      ['PUT', '/reset-password', { value: 'x' }],
    ] as const) {
      expect(await adminCall(kc, method, `/demo/users/nope${path}`, token, body)).toMatchObject({
        status: 404,
        body: { error: 'User not found' },
      });
    }
  });

  it('deletes a user and ends its sessions', async () => {
    await create({ username: 'gone', enabled: true, credentials: [{ value: 'pw' }] });
    const userToken = await tokenFor(kc, 'demo', 'gone', 'pw', 'web');
    const [gone] = await users('?username=gone');
    expect((await adminCall(kc, 'DELETE', `/demo/users/${String(gone?.['id'])}`, token)).status).toBe(204);
    expect(await names('?username=gone')).toEqual([]);
    const introspect = await postForm(`${kc.url}/realms/demo/protocol/openid-connect/token/introspect`, {
      token: userToken,
      client_id: 'app',
      client_secret: 'app-secret',
    });
    expect(introspect.body).toEqual({ active: false });
  });
});

describe('resetting passwords', () => {
  it('sets a new password the user can log in with', async () => {
    const [eve] = await users('?username=eve');
    const path = `/demo/users/${String(eve?.['id'])}/reset-password`;
    expect(
      (await adminCall(kc, 'PUT', path, token, { type: 'password', value: 'secret-3', temporary: false })).status,
    ).toBe(204);
    expect((await tokenFor(kc, 'demo', 'eve', 'secret-3', 'web')).length).toBeGreaterThan(0);
    expect(await tokenFor(kc, 'demo', 'eve', 'secret-1', 'web').catch((e: Error) => e.message)).toContain('400');
  });

  it('adds UPDATE_PASSWORD for a temporary password and removes it for a permanent one', async () => {
    const [eve] = await users('?username=eve');
    const path = `/demo/users/${String(eve?.['id'])}`;
    await adminCall(kc, 'PUT', `${path}/reset-password`, token, { value: 'temp', temporary: true });
    expect((await adminCall(kc, 'GET', path, token)).body).toMatchObject({ requiredActions: ['UPDATE_PASSWORD'] });
    await adminCall(kc, 'PUT', `${path}/reset-password`, token, { value: 'final' });
    expect((await adminCall(kc, 'GET', path, token)).body).toMatchObject({ requiredActions: [] });
  });

  it('answers 400 for a missing or blank password', async () => {
    const [eve] = await users('?username=eve');
    const path = `/demo/users/${String(eve?.['id'])}/reset-password`;
    expect(await adminCall(kc, 'PUT', path, token, { type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'No password provided' },
    });
    expect(await adminCall(kc, 'PUT', path, token, { value: '  ' })).toMatchObject({
      status: 400,
      body: { error: 'Empty password not allowed' },
    });
  });
});
