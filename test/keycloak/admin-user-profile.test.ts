import type { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientFor } from './support/admin-client.js';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-user-profile');
  admin = adminClientFor(target, realm);
});
afterAll(async () => {
  await admin?.close();
  await target.close();
});

const permissions = { view: ['admin', 'user'], edit: ['admin', 'user'] };
const required = { roles: ['user'] };

describe(`the user profile of a new realm (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('declares username, email, firstName and lastName, the last three required for users', async () => {
    const profile = await admin.getRealmUsersProfile();
    expect(profile).toEqual({
      attributes: [
        {
          name: 'username',
          displayName: '${username}',
          validations: {
            length: { min: 3, max: 255 },
            'username-prohibited-characters': {},
            'up-username-not-idn-homograph': {},
          },
          permissions,
          multivalued: false,
        },
        {
          name: 'email',
          displayName: '${email}',
          validations: { email: {}, length: { max: 255 } },
          required,
          permissions,
          multivalued: false,
        },
        {
          name: 'firstName',
          displayName: '${firstName}',
          validations: { length: { max: 255 }, 'person-name-prohibited-characters': {} },
          required,
          permissions,
          multivalued: false,
        },
        {
          name: 'lastName',
          displayName: '${lastName}',
          validations: { length: { max: 255 }, 'person-name-prohibited-characters': {} },
          required,
          permissions,
          multivalued: false,
        },
      ],
      groups: [
        {
          name: 'user-metadata',
          displayHeader: 'User metadata',
          displayDescription: 'Attributes, which refer to user metadata',
        },
      ],
    });
  });

  it("is the master realm's profile without required attributes", async () => {
    const master = (await target.request('GET', '/admin/realms/master/users/profile', { token: 'admin' })).json as {
      attributes: Record<string, unknown>[];
    };
    expect(master.attributes.map((a) => a['name'])).toEqual(['username', 'email', 'firstName', 'lastName']);
    expect(master.attributes.some((a) => 'required' in a)).toBe(false);
  });

  it('answers the metadata of a profile for a new user: username writable, each validator ignoring empty values', async () => {
    const answer = await target.request('GET', `/admin/realms/${realm}/users/profile/metadata`, { token: 'admin' });
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'application/json;charset=UTF-8']);
    const single = { multivalued: { max: '1' } };
    const length = (max: number, min?: number) => ({
      length: { max, 'ignore.empty.value': true, ...(min === undefined ? {} : { min }) },
    });
    const person = { 'person-name-prohibited-characters': { 'ignore.empty.value': true } };
    const attribute = (name: string, required: boolean, validators: Record<string, unknown>) => ({
      name,
      displayName: `\${${name}}`,
      required,
      readOnly: false,
      validators,
      multivalued: false,
    });
    expect(answer.json).toEqual({
      attributes: [
        attribute('username', true, {
          'username-prohibited-characters': { 'ignore.empty.value': true },
          ...single,
          ...length(255, 3),
          'up-username-not-idn-homograph': { 'ignore.empty.value': true },
        }),
        attribute('email', false, { ...single, ...length(255), email: { 'ignore.empty.value': true } }),
        attribute('firstName', false, { ...person, ...single, ...length(255) }),
        attribute('lastName', false, { ...person, ...single, ...length(255) }),
      ],
      groups: [
        {
          name: 'user-metadata',
          displayHeader: 'User metadata',
          displayDescription: 'Attributes, which refer to user metadata',
        },
      ],
    });
  });

  it('round-trips an added attribute through update_realm_users_profile', async () => {
    const profile = await admin.getRealmUsersProfile();
    const attributes = [
      ...(profile.attributes ?? []),
      {
        name: 'department',
        displayName: 'Department',
        permissions: { view: ['admin'], edit: ['admin'] },
        multivalued: false,
      },
    ];
    await admin.updateRealmUsersProfile({ ...profile, attributes });
    const updated = await admin.getRealmUsersProfile();
    expect(updated.attributes?.map((a) => a.name)).toEqual([
      'username',
      'email',
      'firstName',
      'lastName',
      'department',
    ]);
    expect(updated.attributes?.[4]).toEqual({
      name: 'department',
      displayName: 'Department',
      permissions: { view: ['admin'], edit: ['admin'] },
      multivalued: false,
    });
  });

  it('refuses a field UPConfig does not declare with 400', async () => {
    const answer = await target.request('PUT', `/admin/realms/${realm}/users/profile`, {
      token: 'admin',
      json: { attributes: [], nope: true },
    });
    expect(answer.status).toBe(400);
  });
});
