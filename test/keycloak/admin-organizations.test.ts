import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakAdmin } from '@keycloak-ts/core';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
let O: string;

const idFrom = (location: string | null): string => location?.split('/').pop() ?? '';

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-orgs', { organizationsEnabled: true });
  O = `/admin/realms/${realm}/organizations`;
  admin = new KeycloakAdmin({
    serverUrl: target.url,
    username: 'admin',
    password: 'admin',
    realmName: realm,
    userRealmName: 'master',
  });
});
afterAll(() => target.close());

async function createOrg(json: Record<string, unknown>): Promise<string> {
  const created = await target.request('POST', O, { token: 'admin', json });
  expect(created.status).toBe(201);
  return idFrom(created.headers.get('location'));
}

async function createUser(username: string): Promise<string> {
  const created = await target.request('POST', `/admin/realms/${realm}/users`, {
    token: 'admin',
    json: { username, email: `${username}@example.org`, firstName: 'F', enabled: true, attributes: { team: ['a'] } },
  });
  expect(created.status).toBe(201);
  return idFrom(created.headers.get('location'));
}

describe(`organizations (${targetKind})`, () => {
  it('creates an organization (201 with Location) and reads every field back', async () => {
    const created = await target.request('POST', O, {
      token: 'admin',
      json: {
        name: 'Acme',
        alias: 'acme',
        description: 'd',
        redirectUrl: 'http://127.0.0.1/r',
        domains: [{ name: 'acme.test', verified: true }],
        attributes: { k: ['v'] },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`${O}/[0-9a-f-]{36}$`));
    const id = idFrom(created.headers.get('location'));
    expect((await target.request('GET', `${O}/${id}`, { token: 'admin' })).json).toEqual({
      id,
      name: 'Acme',
      alias: 'acme',
      enabled: true,
      description: 'd',
      redirectUrl: 'http://127.0.0.1/r',
      attributes: { k: ['v'] },
      domains: [{ name: 'acme.test', verified: true }],
    });
  });

  it('takes the name as alias when none is given, and refuses names that cannot be one', async () => {
    const id = await createOrg({ name: 'plain-name' });
    expect((await target.request('GET', `${O}/${id}`, { token: 'admin' })).json).toMatchObject({
      name: 'plain-name',
      alias: 'plain-name',
    });
    const spaced = await target.request('POST', O, { token: 'admin', json: { name: 'Has Space' } });
    expect([spaced.status, spaced.json]).toEqual([
      400,
      { errorMessage: 'Name cannot be used as alias: Empty Space not allowed.' },
    ]);
    const url = await target.request('POST', O, { token: 'admin', json: { name: 'http://x' } });
    expect([url.status, url.json]).toEqual([
      400,
      { errorMessage: "Name cannot be used as alias: Character ':' not allowed." },
    ]);
  });

  it('refuses an alias with whitespace or a reserved character', async () => {
    const space = await target.request('POST', O, { token: 'admin', json: { name: 'n1', alias: 'a b' } });
    expect([space.status, space.json]).toEqual([400, { error: 'Empty Space not allowed.' }]);
    const hash = await target.request('POST', O, { token: 'admin', json: { name: 'n2', alias: 'a#b' } });
    expect([hash.status, hash.json]).toEqual([400, { error: "Character '#' not allowed." }]);
  });

  it('validates domain names and keeps a domain to one organization', async () => {
    for (const bad of ['a_b.test', '-a.test', 'a..test', 'acme.test.']) {
      const answer = await target.request('POST', O, {
        token: 'admin',
        json: { name: `dom${bad.length}${bad.charCodeAt(0)}`, domains: [{ name: bad }] },
      });
      expect([bad, answer.status, answer.json]).toEqual([bad, 400, { errorMessage: `Invalid domain format: ${bad}` }]);
    }
    const single = await createOrg({ name: 'single-label', domains: [{ name: 'intranet' }, { name: '10.0.0.1' }] });
    expect(
      ((await target.request('GET', `${O}/${single}`, { token: 'admin' })).json as { domains: unknown[] }).domains,
    ).toHaveLength(2);
    await createOrg({ name: 'owner', domains: [{ name: 'owned.test' }] });
    const taken = await target.request('POST', O, {
      token: 'admin',
      json: { name: 'thief', domains: [{ name: 'owned.test' }] },
    });
    expect([taken.status, taken.json]).toEqual([
      400,
      { errorMessage: `Domain owned.test is already linked to organization owner in realm ${realm}` },
    ]);
  });

  it('answers 409 for a taken name and 400 for a missing one', async () => {
    await createOrg({ name: 'dup' });
    const again = await target.request('POST', O, { token: 'admin', json: { name: 'dup', alias: 'dup2' } });
    expect([again.status, again.json]).toEqual([
      409,
      { errorMessage: 'A organization with the same name already exists.' },
    ]);
    const noName = await target.request('POST', O, { token: 'admin', json: { alias: 'nameless' } });
    expect([noName.status, noName.json]).toEqual([400, { errorMessage: 'Name can not be null' }]);
  });

  it('updates an organization (204) but not its alias, and 404s an unknown one', async () => {
    const id = await createOrg({ name: 'to-update', domains: [{ name: 'upd.test' }] });
    const put = await target.request('PUT', `${O}/${id}`, {
      token: 'admin',
      json: { name: 'updated', alias: 'to-update', description: 'now', domains: [{ name: 'upd.test' }] },
    });
    expect(put.status).toBe(204);
    expect((await target.request('GET', `${O}/${id}`, { token: 'admin' })).json).toMatchObject({
      name: 'updated',
      alias: 'to-update',
      description: 'now',
    });
    const alias = await target.request('PUT', `${O}/${id}`, {
      token: 'admin',
      json: { name: 'updated', alias: 'other' },
    });
    expect([alias.status, alias.json]).toEqual([400, { errorMessage: 'Cannot change the alias' }]);
    const missing = await target.request('GET', `${O}/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, {
      token: 'admin',
    });
    expect(missing.status).toBe(404);
  });

  it('searches by name or domain and counts', async () => {
    await createOrg({ name: 'searchable', domains: [{ name: 'find-me.test' }] });
    const byName = (await target.request('GET', `${O}?search=searcha`, { token: 'admin' })).json as { name: string }[];
    expect(byName.map((o) => o.name)).toEqual(['searchable']);
    const byDomain = (await target.request('GET', `${O}?search=find-me.test`, { token: 'admin' })).json as {
      name: string;
    }[];
    expect(byDomain.map((o) => o.name)).toEqual(['searchable']);
    const count = await target.request('GET', `${O}/count?search=searchable`, { token: 'admin' });
    expect(count.json).toBe(1);
  });

  it('deletes an organization (204), then 404', async () => {
    const id = await createOrg({ name: 'short-lived' });
    expect((await target.request('DELETE', `${O}/${id}`, { token: 'admin' })).status).toBe(204);
    expect((await target.request('DELETE', `${O}/${id}`, { token: 'admin' })).status).toBe(404);
  });
});

describe(`organization members and identity providers (${targetKind})`, () => {
  it('adds a member (201 with Location), lists brief rows without attributes, and full ones on request', async () => {
    const org = await createOrg({ name: 'with-members' });
    const user = await createUser('member-one');
    const added = await target.request('POST', `${O}/${org}/members`, { token: 'admin', json: user });
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toBe(`${target.url}${O}/${org}/members/${user}`);
    const brief = (await target.request('GET', `${O}/${org}/members`, { token: 'admin' })).json;
    expect(brief).toEqual([
      {
        id: user,
        username: 'member-one',
        firstName: 'F',
        email: 'member-one@example.org',
        emailVerified: false,
        enabled: true,
        createdTimestamp: expect.any(Number),
        membershipType: 'UNMANAGED',
      },
    ]);
    const full = (await target.request('GET', `${O}/${org}/members?briefRepresentation=false`, { token: 'admin' }))
      .json;
    expect(full).toEqual([
      {
        id: user,
        username: 'member-one',
        firstName: 'F',
        email: 'member-one@example.org',
        emailVerified: false,
        enabled: true,
        createdTimestamp: expect.any(Number),
        totp: false,
        disableableCredentialTypes: [],
        requiredActions: [],
        notBefore: 0,
        membershipType: 'UNMANAGED',
      },
    ]);
    expect((await target.request('GET', `${O}/${org}/members/count`, { token: 'admin' })).json).toBe(1);
  });

  it('answers 409 for a member added twice and 404 for an unknown user', async () => {
    const org = await createOrg({ name: 'member-errors' });
    const user = await createUser('member-two');
    await target.request('POST', `${O}/${org}/members`, { token: 'admin', json: user });
    const twice = await target.request('POST', `${O}/${org}/members`, { token: 'admin', json: user });
    expect([twice.status, twice.json]).toEqual([
      409,
      { errorMessage: 'User is already a member of the organization.' },
    ]);
    const unknown = await target.request('POST', `${O}/${org}/members`, { token: 'admin', json: 'nope' });
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'HTTP 404 Not Found' }]);
  });

  it("lists a member's organizations and removes the member (204, then 404)", async () => {
    const org = await createOrg({ name: 'member-orgs' });
    const user = await createUser('member-three');
    await target.request('POST', `${O}/${org}/members`, { token: 'admin', json: user });
    const orgs = (await target.request('GET', `${O}/members/${user}/organizations`, { token: 'admin' })).json as {
      id: string;
      name: string;
    }[];
    expect(orgs.map((o) => [o.id, o.name])).toEqual([[org, 'member-orgs']]);
    expect((await target.request('DELETE', `${O}/${org}/members/${user}`, { token: 'admin' })).status).toBe(204);
    expect((await target.request('DELETE', `${O}/${org}/members/${user}`, { token: 'admin' })).status).toBe(404);
  });

  it('links a realm identity provider to an organization and unlinks it', async () => {
    const org = await createOrg({ name: 'with-idp', domains: [{ name: 'idp.test' }] });
    expect(
      (
        await target.request('POST', `/admin/realms/${realm}/identity-provider/instances`, {
          token: 'admin',
          json: { alias: 'org-idp', providerId: 'oidc', config: { clientId: 'c' } },
        })
      ).status,
    ).toBe(201);
    expect(
      (await target.request('POST', `${O}/${org}/identity-providers`, { token: 'admin', json: 'org-idp' })).status,
    ).toBe(204);
    const twice = await target.request('POST', `${O}/${org}/identity-providers`, { token: 'admin', json: 'org-idp' });
    expect(twice.status).toBe(409);
    const linked = (await target.request('GET', `${O}/${org}/identity-providers`, { token: 'admin' })).json as Record<
      string,
      unknown
    >[];
    expect(linked).toEqual([
      expect.objectContaining({ alias: 'org-idp', organizationId: org, config: { clientId: 'c' } }),
    ]);
    const realmOnly = (
      await target.request('GET', `/admin/realms/${realm}/identity-provider/instances?realmOnly=true`, {
        token: 'admin',
      })
    ).json as { alias: string }[];
    expect(realmOnly.map((p) => p.alias)).not.toContain('org-idp');
    expect((await target.request('DELETE', `${O}/${org}/identity-providers/org-idp`, { token: 'admin' })).status).toBe(
      204,
    );
    expect((await target.request('DELETE', `${O}/${org}/identity-providers/org-idp`, { token: 'admin' })).status).toBe(
      404,
    );
  });
});

describe(`python-keycloak's organization methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, reads, lists, updates and deletes an organization', async () => {
    const id = await admin.createOrganization({ name: 'py-org', domains: [{ name: 'py.test' }] });
    expect(await admin.getOrganization(id)).toMatchObject({
      id,
      name: 'py-org',
      alias: 'py-org',
      domains: [{ name: 'py.test', verified: false }],
    });
    expect((await admin.getOrganizations({ search: 'py-org' })).map((o) => o.id)).toEqual([id]);
    await admin.updateOrganization(id, {
      name: 'py-org',
      alias: 'py-org',
      description: 'changed',
      domains: [{ name: 'py.test' }],
    });
    expect((await admin.getOrganization(id)).description).toBe('changed');
    await admin.deleteOrganization(id);
    await expect(admin.getOrganization(id)).rejects.toMatchObject({ status: 404 });
  });

  it('adds and removes members and identity providers', async () => {
    const org = await admin.createOrganization({ name: 'py-members', domains: [{ name: 'pym.test' }] });
    const user = await createUser('py-member');
    await admin.organizationUserAdd(user, org);
    expect(await admin.getOrganizationMembersCount(org)).toBe(1);
    expect((await admin.getOrganizationMembers(org)).map((m) => m.username)).toEqual(['py-member']);
    expect((await admin.getUserOrganizations(user)).map((o) => o.id)).toEqual([org]);
    await expect(admin.organizationUserAdd('nope', org)).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 404,
    });
    await admin.organizationUserRemove(user, org);
    expect(await admin.getOrganizationMembersCount(org)).toBe(0);
    await admin.createIdp({ alias: 'py-org-idp', providerId: 'github' });
    await admin.organizationIdpAdd(org, 'py-org-idp');
    expect((await admin.getOrganizationIdps(org)).map((p) => p.alias)).toEqual(['py-org-idp']);
    await admin.organizationIdpRemove(org, 'py-org-idp');
    expect(await admin.getOrganizationIdps(org)).toEqual([]);
  });
});
