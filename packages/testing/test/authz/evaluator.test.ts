import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { umaRequest, userToken } from './support.js';

// One resource per case; each permission below decides it. Facts: authorization-services.md section 7.
const policy = (name: string, type: string, config: Record<string, string>, extra: Record<string, string> = {}) => ({
  name,
  type,
  config,
  ...extra,
});
const permission = (resource: string, policies: string[], decisionStrategy = 'UNANIMOUS') => ({
  name: `${resource} permission`,
  type: 'resource',
  decisionStrategy,
  config: { resources: JSON.stringify([resource]), applyPolicies: JSON.stringify(policies) },
});

const CASES: Array<[resource: string, policies: string[], strategy: string, aliceGranted: boolean]> = [
  ['role-any', ['has user'], 'UNANIMOUS', true],
  ['role-missing', ['has admin'], 'UNANIMOUS', false],
  ['role-required-missing', ['user plus required admin'], 'UNANIMOUS', false],
  ['role-negative', ['not admin'], 'UNANIMOUS', true],
  ['user-alice', ['is alice'], 'UNANIMOUS', true],
  ['user-bob', ['is bob'], 'UNANIMOUS', false],
  ['client-app', ['via app'], 'UNANIMOUS', true],
  ['group-parent-extended', ['staff and children'], 'UNANIMOUS', true],
  ['group-parent-only', ['staff only'], 'UNANIMOUS', false],
  ['time-past', ['until 2000'], 'UNANIMOUS', false],
  ['time-window', ['since 2000'], 'UNANIMOUS', true],
  ['regex-mail', ['example mail'], 'UNANIMOUS', true],
  ['regex-other', ['other mail'], 'UNANIMOUS', false],
  ['client-scope', ['email scope'], 'UNANIMOUS', true],
  ['unanimous-split', ['has user', 'has admin'], 'UNANIMOUS', false],
  ['affirmative-split', ['has user', 'has admin'], 'AFFIRMATIVE', true],
  ['consensus-tie', ['has user', 'has admin'], 'CONSENSUS', false],
  ['consensus-majority', ['has user', 'is alice', 'has admin'], 'CONSENSUS', true],
  ['aggregate-affirmative', ['user or admin'], 'UNANIMOUS', true],
  ['aggregate-negative', ['neither user nor admin'], 'UNANIMOUS', false],
  ['js-default', ['default js'], 'UNANIMOUS', true],
  ['js-custom', ['custom js'], 'UNANIMOUS', false],
];

const realm: RealmRepresentation = {
  realm: 'eval',
  enabled: true,
  roles: { realm: [{ name: 'user' }, { name: 'admin' }] },
  groups: [{ name: 'staff', subGroups: [{ name: 'readers' }] }],
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      credentials: [{ type: 'password', value: 'pw' }],
      realmRoles: ['user'],
      groups: ['/staff/readers'],
    },
    { username: 'bob', enabled: true, credentials: [{ type: 'password', value: 'pw' }], realmRoles: ['admin'] },
  ],
  clients: [
    { clientId: 'app', secret: 's', directAccessGrantsEnabled: true },
    {
      clientId: 'api',
      secret: 'api-secret',
      authorizationServicesEnabled: true,
      authorizationSettings: {
        policyEnforcementMode: 'ENFORCING',
        resources: CASES.map(([name]) => ({ name })),
        policies: [
          policy('has user', 'role', { roles: '[{"id":"user"}]' }),
          policy('has admin', 'role', { roles: '[{"id":"admin"}]' }),
          policy('user plus required admin', 'role', { roles: '[{"id":"user"},{"id":"admin","required":true}]' }),
          policy('not admin', 'role', { roles: '[{"id":"admin"}]' }, { logic: 'NEGATIVE' }),
          policy('is alice', 'user', { users: '["alice"]' }),
          policy('is bob', 'user', { users: '["bob"]' }),
          policy('via app', 'client', { clients: '["app"]' }),
          policy('staff and children', 'group', { groups: '[{"path":"/staff","extendChildren":true}]' }),
          policy('staff only', 'group', { groups: '[{"path":"/staff","extendChildren":false}]' }),
          policy('until 2000', 'time', { noa: '2000-01-01 00:00:00' }),
          policy('since 2000', 'time', { nbf: '2000-01-01 00:00:00', year: '2000', yearEnd: '2999' }),
          policy('example mail', 'regex', { targetClaim: 'email', pattern: '.*@example\\.com' }),
          policy('other mail', 'regex', { targetClaim: 'email', pattern: '.*@other\\.org' }),
          policy('email scope', 'client-scope', { clientScopes: '[{"id":"email","required":true}]' }),
          policy(
            'user or admin',
            'aggregate',
            { applyPolicies: '["has user","has admin"]' },
            { decisionStrategy: 'AFFIRMATIVE' },
          ),
          policy(
            'neither user nor admin',
            'aggregate',
            { applyPolicies: '["has user","has admin"]' },
            { decisionStrategy: 'AFFIRMATIVE', logic: 'NEGATIVE' },
          ),
          policy('default js', 'js', {
            code: '// by default, grants any permission associated with this policy\n$evaluation.grant();\n',
          }),
          policy('custom js', 'js', { code: '$evaluation.grant();' }),
          ...CASES.map(([name, policies, strategy]) => permission(name, policies, strategy)),
        ],
      },
    },
  ],
};

let kc: KeycloakTestServer;
let alice: string;
beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm] });
  alice = await userToken(kc.url, 'eval', 'app', 's', 'alice', 'pw');
});
afterAll(() => kc.close());

const decide = async (token: string, resource: string): Promise<boolean> => {
  const res = await umaRequest(kc.url, 'eval', token, [
    ['audience', 'api'],
    ['permission', resource],
    ['response_mode', 'decision'],
  ]);
  if (res.status === 403) return false;
  expect(res.body).toEqual({ result: true });
  return true;
};

describe('the policy evaluator', () => {
  it.each(CASES)(
    'decides %s with %j under %s as Keycloak does (granted: %s)',
    async (resource, _policies, _strategy, expected) => {
      expect(await decide(alice, resource)).toBe(expected);
    },
  );

  it('grants everything when enforcement is DISABLED and uncovered resources only when PERMISSIVE', async () => {
    const api = kc.model.realm('eval')?.clients.get('api');
    const server = api?.extensions['authz'] as { policyEnforcementMode: string; resources: Map<string, unknown> };
    server.policyEnforcementMode = 'DISABLED';
    expect(await decide(alice, 'role-missing')).toBe(true);
    server.policyEnforcementMode = 'PERMISSIVE';
    expect(await decide(alice, 'role-missing')).toBe(false);
    server.resources.set('free', {
      id: 'free',
      name: 'free',
      uris: [],
      owner: api?.id,
      ownerManagedAccess: false,
      scopes: [],
      attributes: {},
    });
    expect(await decide(alice, 'free')).toBe(true);
    server.policyEnforcementMode = 'ENFORCING';
    expect(await decide(alice, 'free')).toBe(false);
  });
});
