import { describe, expect, it } from 'vitest';
import {
  compileAuthorizationSettings,
  evaluatePermissions,
  type AuthzClaims,
  type PolicyRepresentation,
} from '@keycloak-ts/core';

/** One resource "R" (scope view) protected by a resource permission applying `policy`. */
function settingsWith(policy: PolicyRepresentation, extra: PolicyRepresentation[] = []) {
  return compileAuthorizationSettings({
    resources: [{ name: 'R', scopes: [{ name: 'view' }] }],
    policies: [
      policy,
      ...extra,
      { name: 'Perm', type: 'resource', config: { resources: '["R"]', applyPolicies: JSON.stringify([policy.name]) } },
    ],
  });
}

function granted(policy: PolicyRepresentation, claims: AuthzClaims, now = Date.UTC(2026, 5, 15, 10, 30)): boolean {
  return evaluatePermissions(settingsWith(policy), claims, { now: () => now }).permissions.length > 0;
}

const alice: AuthzClaims = {
  sub: 'id-alice',
  preferred_username: 'alice',
  azp: 'my-frontend',
  scope: 'openid profile email',
  email: 'alice@example.com',
  groups: ['/staff/sales'],
  address: { country: 'PT', lines: ['x'] },
  realm_access: { roles: ['user'] },
  resource_access: { 'my-app': { roles: ['editor'] } },
};

const role = (roles: object[], logic: 'POSITIVE' | 'NEGATIVE' = 'POSITIVE'): PolicyRepresentation => ({
  name: 'P',
  type: 'role',
  logic,
  config: { roles: JSON.stringify(roles) },
});

describe('policy types', () => {
  it.each([
    ['a realm role the token holds', role([{ id: 'user' }]), true],
    ['a client role written clientId/role', role([{ id: 'my-app/editor' }]), true],
    ['none of the roles', role([{ id: 'admin' }, { id: 'my-app/viewer' }]), false],
    ['one role held but a required one missing', role([{ id: 'user' }, { id: 'admin', required: true }]), false],
    [
      'all required roles held',
      role([
        { id: 'user', required: true },
        { id: 'my-app/editor', required: true },
      ]),
      true,
    ],
    ['NEGATIVE logic over a held role', role([{ id: 'user' }], 'NEGATIVE'), false],
    ['NEGATIVE logic over a missing role', role([{ id: 'admin' }], 'NEGATIVE'), true],
    ['a user listed by username', { name: 'P', type: 'user', config: { users: '["bob","alice"]' } }, true],
    ['a user listed by id (typed form)', { name: 'P', type: 'user', users: ['id-alice'] }, true],
    ['a user not listed', { name: 'P', type: 'user', config: { users: '["bob"]' } }, false],
    ['the requesting client (azp) listed', { name: 'P', type: 'client', config: { clients: '["my-frontend"]' } }, true],
    ['another client', { name: 'P', type: 'client', config: { clients: '["other"]' } }, false],
    ['the exact group path', { name: 'P', type: 'group', config: { groups: '[{"path":"/staff/sales"}]' } }, true],
    [
      'a parent group without extendChildren',
      { name: 'P', type: 'group', config: { groups: '[{"path":"/staff"}]' } },
      false,
    ],
    [
      'a parent group with extendChildren',
      { name: 'P', type: 'group', config: { groups: '[{"path":"/staff","extendChildren":true}]' } },
      true,
    ],
    [
      'a group read from a custom claim',
      { name: 'P', type: 'group', config: { groupsClaim: 'teams', groups: '[{"path":"/ops"}]' } },
      false,
    ],
    [
      'an email matching the regex',
      { name: 'P', type: 'regex', config: { targetClaim: 'email', pattern: '.*@example\\.com' } },
      true,
    ],
    [
      'a regex that must match the whole value',
      { name: 'P', type: 'regex', config: { targetClaim: 'email', pattern: 'alice' } },
      false,
    ],
    [
      'a nested claim path',
      { name: 'P', type: 'regex', config: { targetClaim: 'address.country', pattern: 'P[TL]' } },
      true,
    ],
    ['an absent claim', { name: 'P', type: 'regex', config: { targetClaim: 'phone', pattern: '.*' } }, false],
    [
      'a granted client scope',
      { name: 'P', type: 'client-scope', config: { clientScopes: '[{"id":"profile"},{"id":"x"}]' } },
      true,
    ],
    [
      'a missing required client scope',
      { name: 'P', type: 'client-scope', config: { clientScopes: '[{"id":"profile"},{"id":"x","required":true}]' } },
      false,
    ],
    ['a deployed JavaScript policy', { name: 'P', type: 'script-only-owner.js' }, false],
    ['a NEGATIVE JavaScript policy (fails closed)', { name: 'P', type: 'js', logic: 'NEGATIVE' }, false],
  ] as Array<[string, PolicyRepresentation, boolean]>)('%s -> granted is %s', (_label, policy, expected) => {
    expect(granted(policy, alice)).toBe(expected);
  });

  it('groups given as bare names match the last path segment', () => {
    expect(
      granted(
        { name: 'P', type: 'group', config: { groups: '[{"path":"/staff/sales"}]' } },
        { ...alice, groups: ['sales'] },
      ),
    ).toBe(true);
  });

  it('reports JavaScript policies it had to deny', () => {
    const result = evaluatePermissions(settingsWith({ name: 'Only Owner', type: 'script-only-owner.js' }), alice);
    expect(result.unevaluatedPolicies).toEqual(['Only Owner']);
    expect(result.trace[0]?.permissions[0]?.policies[0]).toMatchObject({
      policy: 'Only Owner',
      effect: 'DENY',
      reason: expect.stringContaining('not evaluable locally'),
    });
  });
});

describe('time policies', () => {
  const time = (config: Record<string, string>): PolicyRepresentation => ({ name: 'P', type: 'time', config });
  const at = (iso: string) => Date.parse(iso);

  it.each([
    ['before nbf', { nbf: '2026-01-01 00:00:00' }, '2025-12-31T23:59:59Z', false],
    ['at nbf', { nbf: '2026-01-01 00:00:00' }, '2026-01-01T00:00:00Z', true],
    ['a date-only nbf means midnight', { nbf: '2026-01-01' }, '2026-01-01T00:00:01Z', true],
    ['exactly at noa (Keycloak denies only after it)', { noa: '2026-01-01 00:00:00' }, '2026-01-01T00:00:00Z', true],
    ['after noa', { noa: '2026-01-01 00:00:00' }, '2026-01-01T00:00:01Z', false],
    ['inside an hour range', { hour: '8', hourEnd: '18' }, '2026-03-02T18:59:00Z', true],
    ['outside an hour range', { hour: '8', hourEnd: '18' }, '2026-03-02T19:00:00Z', false],
    ['a single month value', { month: '3' }, '2026-03-02T10:00:00Z', true],
    ['another month', { month: '3' }, '2026-04-02T10:00:00Z', false],
    ['a dayMonth range', { dayMonth: '1', dayMonthEnd: '5' }, '2026-03-06T10:00:00Z', false],
    ['a year range', { year: '2025', yearEnd: '2026' }, '2026-03-06T10:00:00Z', true],
    ['a minute range', { minute: '0', minuteEnd: '29' }, '2026-03-06T10:30:00Z', false],
  ])('%s', (_label, config, now, expected) => {
    expect(granted(time(config), alice, at(now))).toBe(expected);
  });

  it('uses kc.time.date_time from the context over the clock', () => {
    const settings = settingsWith(time({ hour: '8', hourEnd: '9' }));
    const result = evaluatePermissions(settings, alice, {
      now: () => at('2026-03-02T20:00:00Z'),
      attributes: { 'kc.time.date_time': ['2026-03-02 08:30:00'] },
    });
    expect(result.permissions).toHaveLength(1);
  });

  it('rejects a malformed date when compiling', () => {
    expect(() => settingsWith(time({ nbf: '01/01/2026' }))).toThrowError(
      expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG', message: expect.stringContaining('notBefore') }),
    );
  });
});

describe('aggregate policies', () => {
  const yes = role([{ id: 'user' }]);
  const children = [
    { ...yes, name: 'Yes1' },
    { ...yes, name: 'Yes2' },
    { ...role([{ id: 'admin' }]), name: 'No1' },
    { ...role([{ id: 'admin' }]), name: 'No2' },
  ];
  const aggregate = (strategy: string, applied: string[], logic = 'POSITIVE'): PolicyRepresentation =>
    ({
      name: 'Agg',
      type: 'aggregate',
      decisionStrategy: strategy,
      logic,
      config: { applyPolicies: JSON.stringify(applied) },
    }) as PolicyRepresentation;

  it.each([
    ['UNANIMOUS', ['Yes1', 'Yes2'], true],
    ['UNANIMOUS', ['Yes1', 'No1'], false],
    ['AFFIRMATIVE', ['No1', 'Yes1'], true],
    ['AFFIRMATIVE', ['No1', 'No2'], false],
    ['CONSENSUS', ['Yes1', 'Yes2', 'No1'], true],
    ['CONSENSUS', ['Yes1', 'No1'], false],
    ['CONSENSUS', ['Yes1', 'No1', 'No2'], false],
  ])('%s over %j -> %s', (strategy, applied, expected) => {
    const settings = compileAuthorizationSettings({
      resources: [{ name: 'R' }],
      policies: [
        ...children,
        aggregate(strategy, applied),
        { name: 'Perm', type: 'resource', config: { resources: '["R"]', applyPolicies: '["Agg"]' } },
      ],
    });
    expect(evaluatePermissions(settings, alice).permissions.length > 0).toBe(expected);
  });

  it('applies the aggregate own NEGATIVE logic after its strategy', () => {
    const settings = compileAuthorizationSettings({
      resources: [{ name: 'R' }],
      policies: [
        ...children,
        aggregate('UNANIMOUS', ['No1'], 'NEGATIVE'),
        { name: 'Perm', type: 'resource', config: { resources: '["R"]', applyPolicies: '["Agg"]' } },
      ],
    });
    expect(evaluatePermissions(settings, alice).permissions).toEqual([{ rsid: 'R', rsname: 'R', scopes: [] }]);
  });

  it('rejects circular aggregates and unknown references', () => {
    const loop = { policies: [aggregate('UNANIMOUS', ['B']), { ...aggregate('UNANIMOUS', ['Agg']), name: 'B' }] };
    expect(() => compileAuthorizationSettings(loop)).toThrowError(
      expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG', message: expect.stringContaining('circular') }),
    );
    expect(() => compileAuthorizationSettings({ policies: [aggregate('UNANIMOUS', ['Nope'])] })).toThrowError(
      expect.objectContaining({ message: expect.stringContaining('unknown policy "Nope"') }),
    );
  });
});
