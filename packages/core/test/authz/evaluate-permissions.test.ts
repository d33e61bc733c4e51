import { describe, expect, it } from 'vitest';
import {
  compileAuthorizationSettings,
  evaluatePermissions,
  type AuthzClaims,
  type ResourceServerRepresentation,
} from '@keycloak-ts/core';
import { fixture } from './fixtures.js';

const user: AuthzClaims = { sub: 'u1', preferred_username: 'jdoe', azp: 'app', realm_access: { roles: ['user'] } };
const admin: AuthzClaims = { ...user, realm_access: { roles: ['user', 'admin'] } };

/** Album with view/delete: a resource permission (user) and a scope permission on delete (admin). */
function album(overrides: Partial<ResourceServerRepresentation> = {}) {
  return compileAuthorizationSettings({
    resources: [
      { name: 'Album', type: 'urn:app:album', scopes: [{ name: 'view' }, { name: 'delete' }] },
      { name: 'Free', scopes: [{ name: 'view' }] },
    ],
    policies: [
      { name: 'User', type: 'role', config: { roles: '[{"id":"user"}]' } },
      { name: 'Admin', type: 'role', config: { roles: '[{"id":"admin"}]' } },
      { name: 'Album Permission', type: 'resource', config: { resources: '["Album"]', applyPolicies: '["User"]' } },
      { name: 'Delete Permission', type: 'scope', config: { scopes: '["delete"]', applyPolicies: '["Admin"]' } },
    ],
    ...overrides,
  });
}

describe('combining permissions', () => {
  it('under UNANIMOUS a denying scope permission removes its scope from a granted resource', () => {
    const result = evaluatePermissions(album(), user, { permissions: [{ resource: 'Album', scopes: [] }] });
    expect(result.permissions).toEqual([{ rsid: 'Album', rsname: 'Album', scopes: ['view'] }]);
    expect(result.trace[0]?.permissions.map((p) => [p.permission, p.granted])).toEqual([
      ['Album Permission', true],
      ['Delete Permission', false],
    ]);
  });

  it('under AFFIRMATIVE a scope granted by any permission stays granted', () => {
    const settings = album({ decisionStrategy: 'AFFIRMATIVE' });
    const result = evaluatePermissions(settings, user, {
      permissions: [{ resource: 'Album', scopes: ['view', 'delete'] }],
    });
    expect(result.permissions).toEqual([{ rsid: 'Album', rsname: 'Album', scopes: ['view', 'delete'] }]);
  });

  it('grants every scope when all permissions agree', () => {
    expect(
      evaluatePermissions(album(), admin, { permissions: [{ resource: 'Album', scopes: [] }] }).permissions,
    ).toEqual([{ rsid: 'Album', rsname: 'Album', scopes: ['view', 'delete'] }]);
  });

  it('omits a resource whose only requested scope is denied', () => {
    expect(
      evaluatePermissions(album(), user, { permissions: [{ resource: 'Album', scopes: ['delete'] }] }).permissions,
    ).toEqual([]);
  });

  it('expands a #scope request to the resources holding that scope', () => {
    const result = evaluatePermissions(album({ policyEnforcementMode: 'PERMISSIVE' }), user, {
      permissions: [{ scopes: ['view'] }],
    });
    expect(result.permissions).toEqual([
      { rsid: 'Album', rsname: 'Album', scopes: ['view'] },
      { rsid: 'Free', rsname: 'Free', scopes: ['view'] },
    ]);
  });

  it('applies typed resource permissions (resourceType) to every resource of the type', () => {
    const settings = compileAuthorizationSettings({
      resources: [
        { name: 'A1', type: 'album' },
        { name: 'A2', type: 'album' },
        { name: 'Other', type: 'doc' },
      ],
      policies: [
        { name: 'User', type: 'role', config: { roles: '[{"id":"user"}]' } },
        { name: 'Albums', type: 'resource', config: { defaultResourceType: 'album', applyPolicies: '["User"]' } },
      ],
    });
    expect(evaluatePermissions(settings, user).permissions.map((p) => p.rsname)).toEqual(['A1', 'A2']);
  });

  it('ignores a permission logic, as Keycloak evaluates permissions without it', () => {
    const settings = compileAuthorizationSettings({
      resources: [{ name: 'R' }],
      policies: [
        { name: 'User', type: 'role', config: { roles: '[{"id":"user"}]' } },
        {
          name: 'Perm',
          type: 'resource',
          logic: 'NEGATIVE',
          config: { resources: '["R"]', applyPolicies: '["User"]' },
        },
      ],
    });
    expect(evaluatePermissions(settings, user).permissions).toHaveLength(1);
  });
});

describe('policy enforcement mode', () => {
  const uncovered = (mode: 'ENFORCING' | 'PERMISSIVE' | 'DISABLED') => album({ policyEnforcementMode: mode });

  it('ENFORCING denies a resource no permission covers', () => {
    const result = evaluatePermissions(uncovered('ENFORCING'), user, {
      permissions: [{ resource: 'Free', scopes: [] }],
    });
    expect(result.permissions).toEqual([]);
    expect(result.trace[0]?.reason).toBe('no permission applies (ENFORCING)');
  });

  it('PERMISSIVE grants a resource no permission covers but still enforces covered ones', () => {
    const result = evaluatePermissions(uncovered('PERMISSIVE'), { sub: 'x' });
    expect(result.permissions).toEqual([{ rsid: 'Free', rsname: 'Free', scopes: ['view'] }]);
  });

  it('DISABLED grants everything requested', () => {
    expect(evaluatePermissions(uncovered('DISABLED'), { sub: 'x' }).permissions).toHaveLength(2);
  });
});

describe('bad requests and settings', () => {
  it('names unknown resources and scopes like Keycloak', () => {
    expect(() => evaluatePermissions(album(), user, { permissions: [{ resource: 'Nope', scopes: [] }] })).toThrowError(
      expect.objectContaining({ code: 'ERR_OPERATION', message: 'Resource with id [Nope] does not exist.' }),
    );
    expect(() =>
      evaluatePermissions(album(), user, { permissions: [{ resource: 'Album', scopes: ['fly'] }] }),
    ).toThrowError(
      expect.objectContaining({ code: 'ERR_OPERATION', message: 'One of the given scopes [fly] is invalid' }),
    );
  });

  it.each([
    [null, 'must be a JSON object'],
    [{ policies: {} }, 'policies must be an array'],
    [{ policies: [{ name: 'P' }] }, 'policies[0].type'],
    [{ policies: [{ name: 'P', type: 'role', decisionStrategy: 'MAJORITY' }] }, 'decisionStrategy must be one of'],
    [{ policyEnforcementMode: 'OFF' }, 'policyEnforcementMode must be one of'],
    [
      { policies: [{ name: 'P', type: 'regex', config: { targetClaim: 'a', pattern: '(' } }] },
      'pattern is not a valid regular expression',
    ],
    [{ policies: [{ name: 'P', type: 'resource', config: { resources: '["Ghost"]' } }] }, 'unknown resource "Ghost"'],
    [{ policies: [{ name: 'P', type: 'role', config: { roles: 'not json' } }] }, 'roles is not a JSON list'],
  ])('rejects %j naming what is wrong', (settings, message) => {
    expect(() => compileAuthorizationSettings(settings)).toThrowError(
      expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG', message: expect.stringContaining(message) }),
    );
  });
});

describe('Keycloak samples', () => {
  it.each([
    'authz-settings-photoz-restful-api.json',
    'authz-settings-export-testsuite.json',
    'authz-settings-quickstart-kc26.json',
    'authz-settings-testsuite-testrealm.json',
  ])('%s compiles and evaluates', (name) => {
    const settings = compileAuthorizationSettings(fixture(name));
    expect(() => evaluatePermissions(settings, admin)).not.toThrow();
  });

  it('photoz denies what depends on JavaScript policies and reports them', () => {
    const result = evaluatePermissions(fixture('authz-settings-photoz-restful-api.json'), admin);
    expect(result.permissions).toEqual([]);
    expect([...result.unevaluatedPolicies].sort()).toEqual([
      'Only From @keycloak.org or Admin',
      'Only From a Specific Client Address',
      'Only Owner Policy',
    ]);
  });

  it('the 26.x quickstart grants a user the protected resource and the user action only', () => {
    const result = evaluatePermissions(fixture('authz-settings-quickstart-kc26.json'), user);
    expect(result.permissions).toEqual([
      {
        rsid: 'Protected Resource',
        rsname: 'Protected Resource',
        scopes: ['urn:servlet-authz:protected:resource:access'],
      },
      { rsid: 'Main Page', rsname: 'Main Page', scopes: ['urn:servlet-authz:page:main:actionForUser'] },
    ]);
  });

  it('the testsuite realm grants an admin the admin resource and admin action', () => {
    const names = evaluatePermissions(fixture('authz-settings-testsuite-testrealm.json'), admin).permissions.map(
      (p) => `${p.rsname}#${p.scopes.join(',')}`,
    );
    expect(names).toEqual([
      'Admin Resource#admin-access',
      'Protected Resource#resource-access',
      'Main Page#urn:test-app-authz:page:main:actionForAdmin,urn:test-app-authz:page:main:actionForUser',
    ]);
  });

  it('the reconstructed every-type export evaluates alice with groups, regex and CONSENSUS', () => {
    const claims: AuthzClaims = {
      sub: 'a1',
      preferred_username: 'alice',
      azp: 'my-spa',
      email: 'alice@example.com',
      groups: ['/staff'],
      realm_access: { roles: ['user'] },
      resource_access: { 'my-app': { roles: ['editor'] } },
    };
    const settings = (fixture('authz-policy-types-reconstructed.json') as { settings: unknown }).settings;
    const result = evaluatePermissions(settings, claims, { now: () => Date.UTC(2026, 4, 4, 9, 0) });
    expect(result.permissions).toEqual([
      { rsid: 'Default Resource', rsname: 'Default Resource', scopes: [] },
      // view: CONSENSUS of two granting policies; delete: the NEGATIVE logic sits on the permission, which
      // Keycloak ignores (DefaultEvaluation applies logic to policies only), so the client policy denies it
      { rsid: 'Album Resource', rsname: 'Album Resource', scopes: ['album:view'] },
      { rsid: 'Admin Resource', rsname: 'Admin Resource', scopes: ['admin:manage'] },
    ]);
    const outside = evaluatePermissions(settings, claims, { now: () => Date.UTC(2026, 4, 4, 20, 0) });
    expect(outside.permissions.map((p) => p.rsname)).not.toContain('Admin Resource');
  });
});
