import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let admin: string;

async function createOrg(body: Record<string, unknown>): Promise<string> {
  const created = await adminCall(kc, 'POST', '/corp/organizations', admin, body);
  expect(created.status).toBe(201);
  return created.headers.get('location')?.split('/').pop() ?? '';
}

async function createUser(username: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await adminCall(kc, 'POST', '/corp/users', admin, { username, enabled: true, ...extra });
  return created.headers.get('location')?.split('/').pop() ?? '';
}

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      { realm: 'corp', enabled: true },
      { realm: 'closed', enabled: true },
    ],
  });
  admin = await tokenFor(kc, 'master', 'admin', 'admin');
  await adminCall(kc, 'PUT', '/corp', admin, { organizationsEnabled: true });
  addAdminUser(kc, 'master', 'realm-viewer', 'pw', 'corp-realm', ['view-realm']);
  addAdminUser(kc, 'master', 'realm-manager', 'pw', 'corp-realm', ['manage-realm']);
  addAdminUser(kc, 'master', 'org-and-users', 'pw', 'corp-realm', ['manage-realm', 'view-users']);
});
afterAll(async () => {
  await kc.close();
});

describe('the organizations gate', () => {
  it('answers 404 "Organizations not enabled for this realm." on every path while the realm flag is off', async () => {
    for (const path of [
      '/closed/organizations',
      '/closed/organizations/count',
      '/closed/organizations/x',
      '/closed/organizations/members/u/organizations',
    ]) {
      expect(await adminCall(kc, 'GET', path, admin)).toMatchObject({
        status: 404,
        body: { errorMessage: 'Organizations not enabled for this realm.' },
      });
    }
  });

  it('answers 401 without a token and 403 to a caller with view-realm only, before the flag is looked at', async () => {
    expect(await adminCall(kc, 'GET', '/closed/organizations')).toMatchObject({
      status: 401,
      body: { error: 'HTTP 401 Unauthorized' },
    });
    const viewer = await tokenFor(kc, 'master', 'realm-viewer', 'pw');
    expect(await adminCall(kc, 'GET', '/corp/organizations', viewer)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
  });

  it('opens the whole API once the realm representation sets organizationsEnabled', async () => {
    const realm = await adminCall(kc, 'GET', '/corp', admin);
    expect(realm.body).toMatchObject({ organizationsEnabled: true });
    expect((await adminCall(kc, 'GET', '/corp/organizations', admin)).status).toBe(200);
  });
});

describe('organizations', () => {
  it('creates an organization with a Location of its id and reads it back in the full shape', async () => {
    const id = await createOrg({
      name: 'Acme',
      description: '',
      redirectUrl: '',
      attributes: { tier: ['gold'] },
      domains: [{ name: 'acme.example', verified: true }],
    });
    const read = await adminCall(kc, 'GET', `/corp/organizations/${id}`, admin);
    expect(read).toMatchObject({ status: 200 });
    expect(read.body).toEqual({
      id,
      name: 'Acme',
      alias: 'Acme',
      enabled: true,
      description: '',
      attributes: { tier: ['gold'] },
      domains: [{ name: 'acme.example', verified: true }],
    });
  });

  it('refuses a missing name, a taken name, a taken alias, a taken domain, a reserved alias character and an unknown field', async () => {
    await createOrg({ name: 'Taken', alias: 'taken-alias', domains: [{ name: 'taken.example' }] });
    const cases: [Record<string, unknown>, number, Record<string, string>][] = [
      [{}, 400, { errorMessage: 'Name can not be null' }],
      [{ name: 'Taken' }, 409, { errorMessage: 'A organization with the same name already exists.' }],
      [
        { name: 'Other', alias: 'taken-alias' },
        409,
        { errorMessage: 'A organization with the same alias already exists' },
      ],
      [
        { name: 'Other', domains: [{ name: 'taken.example' }] },
        400,
        { errorMessage: 'Domain taken.example is already linked to organization Taken in realm corp' },
      ],
      [{ name: 'ok', alias: 'a/b' }, 400, { error: "Character '/' not allowed." }],
      [{ name: 'a/b c' }, 400, { errorMessage: 'Name cannot be used as alias: Empty Space not allowed.' }],
      [{ name: 'x', redirectUrl: 'not a url' }, 400, { errorMessage: 'Organization redirect URL is not valid.' }],
      [
        { name: 'x', bogus: 1 },
        400,
        {
          error: expect.stringMatching(
            /^Invalid json representation for OrganizationRepresentation\. Unrecognized field "bogus" at line 1 column \d+\.$/,
          ),
        },
      ],
    ];
    for (const [body, status, answer] of cases)
      expect(await adminCall(kc, 'POST', '/corp/organizations', admin, body)).toMatchObject({ status, body: answer });
    expect(
      await adminCall(kc, 'POST', '/corp/organizations', admin, '', { 'content-type': 'application/json' }),
    ).toMatchObject({ status: 400, body: { errorMessage: 'Organization cannot be null.' } });
  });

  it('lists in name order, brief by default, pages by first and max, searches names and domains and counts', async () => {
    for (const name of ['list-c', 'list-a', 'list-b'])
      await createOrg({
        name,
        attributes: { kind: [name === 'list-b' ? 'special' : 'plain'] },
        domains: [{ name: `${name}.test` }],
      });
    const listed = await adminCall(kc, 'GET', '/corp/organizations?search=list-', admin);
    expect((listed.body as { name: string }[]).map((o) => o.name)).toEqual(['list-a', 'list-b', 'list-c']);
    expect((listed.body as object[])[0]).not.toHaveProperty('attributes');
    const full = await adminCall(kc, 'GET', '/corp/organizations?search=list-a&briefRepresentation=false', admin);
    expect(full.body).toEqual([expect.objectContaining({ name: 'list-a', attributes: { kind: ['plain'] } })]);
    const paged = await adminCall(kc, 'GET', '/corp/organizations?search=list-&first=1&max=1', admin);
    expect((paged.body as { name: string }[]).map((o) => o.name)).toEqual(['list-b']);
    const byDomain = await adminCall(kc, 'GET', '/corp/organizations?search=list-c.test&exact=true', admin);
    expect((byDomain.body as { name: string }[]).map((o) => o.name)).toEqual(['list-c']);
    const byAttribute = await adminCall(kc, 'GET', '/corp/organizations?q=kind:special', admin);
    expect((byAttribute.body as { name: string }[]).map((o) => o.name)).toEqual(['list-b']);
    const counted = await adminCall(kc, 'GET', '/corp/organizations/count?search=list-', admin);
    expect(counted).toMatchObject({ status: 200, body: 3 });
    expect(counted.headers.get('content-type')).toBe('application/json');
  });

  it('updates by replacing fields, keeps attributes left out, and refuses a changed alias and a taken name', async () => {
    const id = await createOrg({ name: 'Before', alias: 'fixed', description: 'old', attributes: { a: ['1'] } });
    await createOrg({ name: 'Neighbour' });
    expect(
      (
        await adminCall(kc, 'PUT', `/corp/organizations/${id}`, admin, {
          name: 'After',
          alias: 'fixed',
          enabled: false,
        })
      ).status,
    ).toBe(204);
    expect((await adminCall(kc, 'GET', `/corp/organizations/${id}`, admin)).body).toEqual({
      id,
      name: 'After',
      alias: 'fixed',
      enabled: false,
      attributes: { a: ['1'] },
    });
    expect(await adminCall(kc, 'PUT', `/corp/organizations/${id}`, admin, { name: 'After' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Cannot change the alias' },
    });
    expect(
      await adminCall(kc, 'PUT', `/corp/organizations/${id}`, admin, { name: 'Neighbour', alias: 'fixed' }),
    ).toMatchObject({ status: 409, body: { errorMessage: 'A organization with the same name already exists.' } });
  });

  it('deletes an organization, then answers 404 "Organization not found." for it', async () => {
    const id = await createOrg({ name: 'Doomed' });
    expect((await adminCall(kc, 'DELETE', `/corp/organizations/${id}`, admin)).status).toBe(204);
    expect(await adminCall(kc, 'GET', `/corp/organizations/${id}`, admin)).toMatchObject({
      status: 404,
      body: { errorMessage: 'Organization not found.' },
    });
    expect(await adminCall(kc, 'DELETE', `/corp/organizations/${id}`, admin)).toMatchObject({
      status: 404,
      body: { errorMessage: 'Organization not found.' },
    });
  });

  it('lets manage-realm alone manage organizations', async () => {
    const manager = await tokenFor(kc, 'master', 'realm-manager', 'pw');
    expect((await adminCall(kc, 'POST', '/corp/organizations', manager, { name: 'By-manager' })).status).toBe(201);
  });
});

describe('organization members', () => {
  it("adds a user by a bare or quoted id, lists, counts and reads members, and lists the user's organizations", async () => {
    const org = await createOrg({ name: 'Members-Inc' });
    const zed = await createUser('zed', { email: 'zed@members.test' });
    const amy = await createUser('amy');
    const added = await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, ` "${zed}" `, {
      'content-type': 'application/json',
    });
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toBe(`${kc.url}/admin/realms/corp/organizations/${org}/members/${zed}`);
    expect(
      (
        await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, amy, {
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(201);
    const listed = await adminCall(kc, 'GET', `/corp/organizations/${org}/members`, admin);
    expect((listed.body as { username: string }[]).map((m) => m.username)).toEqual(['amy', 'zed']);
    expect((listed.body as object[])[1]).toMatchObject({
      id: zed,
      email: 'zed@members.test',
      membershipType: 'UNMANAGED',
    });
    expect((listed.body as object[])[1]).not.toHaveProperty('access');
    const searched = await adminCall(kc, 'GET', `/corp/organizations/${org}/members?search=MEMBERS.test`, admin);
    expect((searched.body as { username: string }[]).map((m) => m.username)).toEqual(['zed']);
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members/count?search=nobody`, admin)).toMatchObject({
      status: 200,
      body: 2,
    });
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members/${amy}`, admin)).toMatchObject({
      status: 200,
      body: { username: 'amy' },
    });
    expect(await adminCall(kc, 'GET', `/corp/organizations/members/${zed}/organizations`, admin)).toMatchObject({
      status: 200,
      body: [{ id: org, name: 'Members-Inc' }],
    });
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members/${zed}/organizations`, admin)).toMatchObject({
      status: 200,
      body: [{ id: org }],
    });
  });

  it('refuses an unknown user with 404, a second add with 409, and answers a non-member with the plain 404', async () => {
    const org = await createOrg({ name: 'Strict-Members' });
    const bob = await createUser('bob');
    const body = (id: string) => JSON.stringify(id);
    expect(await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, body('nobody'))).toMatchObject({
      status: 404,
      body: { error: 'HTTP 404 Not Found' },
    });
    await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, body(bob));
    expect(await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, body(bob))).toMatchObject({
      status: 409,
      body: { errorMessage: 'User is already a member of the organization.' },
    });
    expect(
      (await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, bob, { 'content-type': 'text/plain' }))
        .status,
    ).toBe(415);
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members/nobody`, admin)).toMatchObject({
      status: 404,
      body: { error: 'HTTP 404 Not Found' },
    });
    expect(await adminCall(kc, 'GET', '/corp/organizations/members/nobody/organizations', admin)).toMatchObject({
      status: 404,
      body: { error: 'HTTP 404 Not Found' },
    });
  });

  it('removes a member, and drops the memberships of a deleted user', async () => {
    const org = await createOrg({ name: 'Leaving' });
    const [stay, leave, gone] = [await createUser('stay'), await createUser('leave'), await createUser('gone')];
    for (const id of [stay, leave, gone])
      await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, admin, JSON.stringify(id));
    expect((await adminCall(kc, 'DELETE', `/corp/organizations/${org}/members/${leave}`, admin)).status).toBe(204);
    expect((await adminCall(kc, 'DELETE', `/corp/organizations/${org}/members/${leave}`, admin)).status).toBe(404);
    await adminCall(kc, 'DELETE', `/corp/users/${gone}`, admin);
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members/count`, admin)).toMatchObject({ body: 1 });
    expect(await adminCall(kc, 'GET', `/corp/organizations/members/${leave}/organizations`, admin)).toMatchObject({
      status: 200,
      body: [],
    });
  });

  it('needs a users right besides the organization right', async () => {
    const org = await createOrg({ name: 'Guarded' });
    const manager = await tokenFor(kc, 'master', 'realm-manager', 'pw');
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members`, manager)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
    const withUsers = await tokenFor(kc, 'master', 'org-and-users', 'pw');
    expect((await adminCall(kc, 'GET', `/corp/organizations/${org}/members`, withUsers)).status).toBe(200);
    expect(
      (await adminCall(kc, 'POST', `/corp/organizations/${org}/members`, withUsers, JSON.stringify('x'))).status,
    ).toBe(403);
  });

  it('answers 400 with an errorMessage for an unknown membershipType, and filters by a known one', async () => {
    const org = await createOrg({ name: 'Typed' });
    await adminCall(
      kc,
      'POST',
      `/corp/organizations/${org}/members`,
      admin,
      JSON.stringify(await createUser('typed-user')),
    );
    expect(
      await adminCall(kc, 'GET', `/corp/organizations/${org}/members?membershipType=managed`, admin),
    ).toMatchObject({ status: 200, body: [] });
    expect(
      await adminCall(kc, 'GET', `/corp/organizations/${org}/members?membershipType=unmanaged`, admin),
    ).toMatchObject({ status: 200, body: [{ username: 'typed-user' }] });
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/members?membershipType=bogus`, admin)).toEqual(
      expect.objectContaining({
        status: 400,
        body: { errorMessage: 'Invalid membershipType: expected MANAGED or UNMANAGED, got "bogus"' },
      }),
    );
  });
});

describe('organization identity providers', () => {
  const idp = (alias: string) => ({
    alias,
    providerId: 'oidc',
    config: { clientId: 'broker', clientSecret: 's3cret' },
  });

  it('links a provider by alias with a 204, shows the link on both APIs, and unlinks it', async () => {
    const org = await createOrg({ name: 'Brokered' });
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('org-idp'));
    const linked = await adminCall(kc, 'POST', `/corp/organizations/${org}/identity-providers`, admin, 'org-idp', {
      'content-type': 'application/json',
    });
    expect(linked).toMatchObject({ status: 204 });
    expect(linked.headers.get('location')).toBeNull();
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/identity-providers`, admin)).toMatchObject({
      status: 200,
      body: [{ alias: 'org-idp', organizationId: org, config: { clientSecret: '**********' } }],
    });
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/identity-providers/org-idp`, admin)).toMatchObject({
      status: 200,
      body: { alias: 'org-idp' },
    });
    expect(await adminCall(kc, 'GET', '/corp/identity-provider/instances/org-idp', admin)).toMatchObject({
      body: { organizationId: org },
    });
    expect(
      (await adminCall(kc, 'GET', '/corp/identity-provider/instances?realmOnly=true&search=org-idp', admin)).body,
    ).toEqual([]);
    expect((await adminCall(kc, 'DELETE', `/corp/organizations/${org}/identity-providers/org-idp`, admin)).status).toBe(
      204,
    );
    expect((await adminCall(kc, 'GET', '/corp/identity-provider/instances/org-idp', admin)).body).not.toHaveProperty(
      'organizationId',
    );
  });

  it("answers each refusal with Keycloak's own sentence", async () => {
    const org = await createOrg({ name: 'Picky' });
    const other = await createOrg({ name: 'Rival' });
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('shared-idp'));
    await adminCall(kc, 'POST', `/corp/organizations/${other}/identity-providers`, admin, JSON.stringify('shared-idp'));
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('own-idp'));
    await adminCall(kc, 'POST', `/corp/organizations/${org}/identity-providers`, admin, JSON.stringify('own-idp'));
    const post = (alias: string) =>
      adminCall(kc, 'POST', `/corp/organizations/${org}/identity-providers`, admin, JSON.stringify(alias));
    expect(await post('missing')).toMatchObject({
      status: 400,
      body: { errorMessage: 'Identity provider not found with the given alias' },
    });
    expect(await post('own-idp')).toMatchObject({
      status: 409,
      body: { errorMessage: 'Identity provider already associated to the organization' },
    });
    expect(await post('shared-idp')).toMatchObject({
      status: 400,
      body: { errorMessage: 'Identity provider already associated with a different organization' },
    });
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/identity-providers/shared-idp`, admin)).toMatchObject(
      { status: 404, body: { errorMessage: 'Identity provider not associated with the organization' } },
    );
    expect(
      await adminCall(kc, 'DELETE', `/corp/organizations/${org}/identity-providers/shared-idp`, admin),
    ).toMatchObject({ status: 404, body: { errorMessage: 'Identity provider not found with the given alias' } });
  });

  it('returns the providers of a deleted organization to the realm', async () => {
    const org = await createOrg({ name: 'Short-lived' });
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('orphan-idp'));
    await adminCall(kc, 'POST', `/corp/organizations/${org}/identity-providers`, admin, JSON.stringify('orphan-idp'));
    await adminCall(kc, 'DELETE', `/corp/organizations/${org}`, admin);
    expect((await adminCall(kc, 'GET', '/corp/identity-provider/instances/orphan-idp', admin)).body).not.toHaveProperty(
      'organizationId',
    );
  });

  it('needs an identity-provider right besides the organization right', async () => {
    const org = await createOrg({ name: 'No-idp-rights' });
    const manager = await tokenFor(kc, 'master', 'realm-manager', 'pw');
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}/identity-providers`, manager)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
  });
});
