import { describe, expect, it } from 'vitest';
import { Authorization, getPermissions, getPolicies, loadAuthorizationConfig, Policy, Role } from '@keycloak-ts/core';
import { fixture, fixturePath } from './fixtures.js';

const photozToken = (roles: string[]) => ({ sub: 'u1', resource_access: { 'photoz-restful-api': { roles } } });

describe('loadAuthorizationConfig', () => {
  it('loads the photoz export from a file path like python-keycloak, keeping only role policies', async () => {
    const authorization = await loadAuthorizationConfig(fixturePath('authz-settings-photoz-restful-api.json'));
    expect([...authorization.policies.keys()]).toEqual(['Any Admin Policy', 'Any User Policy']);
    const anyUser = authorization.policies.get('Any User Policy') as Policy;
    expect(anyUser.roles.map((role) => [role.name, role.required])).toEqual([
      ['user', false],
      ['photoz-restful-api/manage-albums', true],
    ]);
    expect(anyUser.logic).toBe('POSITIVE');
    expect(anyUser.decisionStrategy).toBe('UNANIMOUS');
  });

  it('takes an already parsed object and attaches permissions to the role policies they apply', async () => {
    const authorization = await loadAuthorizationConfig(
      fixture('authz-policy-types-reconstructed.json').settings as object,
    );
    const anyUser = authorization.policies.get('Any User Policy') as Policy;
    expect(anyUser.permissions.map((permission) => [permission.name, permission.type])).toEqual([
      ['Default Permission', 'resource'],
    ]);
  });

  it('defaults a missing logic and required flag as Keycloak does', async () => {
    const authorization = await loadAuthorizationConfig(fixture('authz-settings-testsuite-testrealm.json'));
    const admin = authorization.policies.get('Any Admin Policy') as Policy;
    expect(admin.logic).toBe('POSITIVE');
    expect(admin.roles[0]?.required).toBe(false);
    expect(admin.permissions.map((permission) => permission.name)).toEqual([
      'Administrative Resource Permission',
      'Action 1 on Main Page Resource Permission',
    ]);
    expect(admin.permissions[1]?.scopes).toEqual(['urn:test-app-authz:page:main:actionForAdmin']);
  });

  it('reports an unreadable file, bad JSON and malformed roles with ERR_AUTHORIZATION_CONFIG', async () => {
    await expect(loadAuthorizationConfig('/nonexistent/authz.json')).rejects.toMatchObject({
      code: 'ERR_AUTHORIZATION_CONFIG',
    });
    await expect(loadAuthorizationConfig(fixturePath('README.md'))).rejects.toMatchObject({
      code: 'ERR_AUTHORIZATION_CONFIG',
      message: expect.stringContaining('not valid JSON'),
    });
    await expect(loadAuthorizationConfig({ resources: [] })).rejects.toMatchObject({
      message: expect.stringContaining('"policies" array'),
    });
    const bad = { policies: [{ name: 'P', type: 'role', config: { roles: '[{"required":true}]' } }] };
    await expect(loadAuthorizationConfig(bad)).rejects.toMatchObject({
      code: 'ERR_AUTHORIZATION_CONFIG',
      message: expect.stringContaining('policies[0] ("P").config.roles[0]'),
    });
  });
});

describe('python-keycloak get_policies / get_permissions', () => {
  it('match the token client roles as "clientId/role" against role policies of the photoz export', async () => {
    const authorization = await loadAuthorizationConfig(fixture('authz-settings-photoz-restful-api.json'));
    expect(
      getPolicies(authorization, photozToken(['manage-albums']), 'photoz-restful-api')?.map((policy) => policy.name),
    ).toEqual(['Any User Policy']);
    // the realm-role policy "admin" never matches a client role, as in python-keycloak
    expect(getPolicies(authorization, photozToken(['admin']), 'photoz-restful-api')).toEqual([]);
    // photoz applies its role policies only through aggregates, so no permission is attached directly
    expect(getPermissions(authorization, photozToken(['manage-albums']), 'photoz-restful-api')).toEqual([]);
  });

  it('return undefined when the token has no roles for the client', async () => {
    const authorization = await loadAuthorizationConfig(fixture('authz-settings-photoz-restful-api.json'));
    expect(getPolicies(authorization, { sub: 'u1' }, 'photoz-restful-api')).toBeUndefined();
    expect(getPermissions(authorization, photozToken([]), 'photoz-restful-api')).toBeUndefined();
  });

  it('return each permission once across matching policies', async () => {
    const config = {
      policies: [
        { name: 'A', type: 'role', config: { roles: '[{"id":"app/a"}]' } },
        { name: 'B', type: 'role', config: { roles: '[{"id":"app/b"}]' } },
        { name: 'Both', type: 'scope', config: { scopes: '["view"]', applyPolicies: '["A","B"]' } },
        { name: 'OnlyB', type: 'resource', config: { resources: '["R"]', applyPolicies: '["B"]' } },
      ],
    };
    const authorization = await loadAuthorizationConfig(config);
    const permissions = getPermissions(authorization, { resource_access: { app: { roles: ['a', 'b'] } } }, 'app');
    expect(permissions?.map((permission) => [permission.name, permission.scopes, permission.resources])).toEqual([
      ['Both', ['view'], []],
      ['OnlyB', [], ['R']],
    ]);
  });

  it('throw ERR_AUTHORIZATION_CONFIG when no config was loaded', () => {
    expect(() => getPolicies(new Authorization(), photozToken(['x']), 'photoz-restful-api')).toThrowError(
      expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG' }),
    );
  });

  it('refuse roles on a policy that is not a role policy', () => {
    const policy = new Policy('agg', 'aggregate', 'POSITIVE', 'UNANIMOUS');
    expect(() => policy.addRole(new Role('x'))).toThrowError(
      expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG' }),
    );
    expect(new Role('x').equals('x')).toBe(true);
  });
});
