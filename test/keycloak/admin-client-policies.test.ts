import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
const path = (rest: string) => `/admin/realms/${realm}/client-policies${rest}`;
const put = (rest: string, json: unknown) => target.request('PUT', path(rest), { token: 'admin', json });
const get = async (rest: string) => (await target.request('GET', path(rest), { token: 'admin' })).json;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-client-policies');
});
afterAll(() => target.close());

describe(`client profiles (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('answers no realm profiles, and the global FAPI and OAuth 2.1 profiles on request', async () => {
    expect(await get('/profiles')).toEqual({ profiles: [] });
    const withGlobal = (await get('/profiles?include-global-profiles=true')) as {
      profiles: unknown[];
      globalProfiles: { name: string; executors: { executor: string }[] }[];
    };
    expect(withGlobal.profiles).toEqual([]);
    const names = withGlobal.globalProfiles.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'fapi-1-baseline',
        'fapi-1-advanced',
        'fapi-2-security-profile',
        'oauth-2-1-for-confidential-client',
      ]),
    );
    expect(withGlobal.globalProfiles[0]).toMatchObject({
      name: 'fapi-1-baseline',
      executors: expect.arrayContaining([{ executor: 'pkce-enforcer', configuration: { 'auto-configure': true } }]),
    });
  });

  it('stores a profile with its executors and shows it in the realm representation', async () => {
    const profile = {
      name: 'strict',
      description: 'PKCE for all',
      executors: [{ executor: 'pkce-enforcer', configuration: { 'auto-configure': true } }],
    };
    expect((await put('/profiles', { profiles: [profile] })).status).toBe(204);
    expect(await get('/profiles')).toEqual({ profiles: [profile] });
    const rep = (await target.request('GET', `/admin/realms/${realm}`, { token: 'admin' })).json as Record<
      string,
      unknown
    >;
    expect(rep['clientProfiles']).toEqual({ profiles: [profile] });
  });

  it.each([
    ['a profile without a name', { profiles: [{ executors: [] }] }, 'client profile without its name not allowed.'],
    [
      'two profiles of one name',
      { profiles: [{ name: 'twice' }, { name: 'twice' }] },
      'proposed client profile name duplicated.',
    ],
    [
      'a global profile name',
      { profiles: [{ name: 'fapi-1-baseline' }] },
      "Proposed profile name 'fapi-1-baseline' is duplicated as a global profile",
    ],
    [
      'an unknown executor',
      { profiles: [{ name: 'x', executors: [{ executor: 'nope', configuration: {} }] }] },
      'proposed client profile contains the executor, which does not have valid provider, or has invalid configuration.',
    ],
  ])('refuses %s with 400 and its message', async (_what, body, message) => {
    const answer = await put('/profiles', body);
    expect([answer.status, answer.json]).toEqual([400, { errorMessage: message }]);
  });
});

describe('client policies', () => {
  it('answers no policies, and no global ones on request', async () => {
    expect(await get('/policies')).toEqual({ policies: [] });
    expect(await get('/policies?include-global-policies=true')).toEqual({ policies: [], globalPolicies: [] });
  });

  it('stores a policy naming a realm profile, disabled unless enabled is sent', async () => {
    await put('/profiles', { profiles: [{ name: 'mine', executors: [] }] });
    const answer = await put('/policies', {
      policies: [
        {
          name: 'p1',
          conditions: [{ condition: 'any-client', configuration: {} }],
          profiles: ['mine', 'fapi-1-baseline'],
        },
      ],
    });
    expect(answer.status).toBe(204);
    expect(await get('/policies')).toEqual({
      policies: [
        {
          name: 'p1',
          enabled: false,
          conditions: [{ condition: 'any-client', configuration: {} }],
          profiles: ['mine', 'fapi-1-baseline'],
        },
      ],
    });
    const rep = (await target.request('GET', `/admin/realms/${realm}`, { token: 'admin' })).json as Record<
      string,
      unknown
    >;
    expect(rep['clientPolicies']).toEqual(await get('/policies'));
  });

  it.each([
    ['a policy without a name', { policies: [{ enabled: true }] }, 'client policy without name not allowed'],
    [
      'two policies of one name',
      { policies: [{ name: 'p5' }, { name: 'p5' }] },
      'proposed client policy name duplicated',
    ],
    [
      'an unknown profile',
      { policies: [{ name: 'p2', profiles: ['nope'] }] },
      'Policy p2 contains invalid profile nope',
    ],
    [
      'an unknown condition',
      { policies: [{ name: 'p4', conditions: [{ condition: 'nope', configuration: {} }] }] },
      'Policy p4 contains invalid condition nope',
    ],
    [
      'a profile named twice',
      { policies: [{ name: 'p6', profiles: ['fapi-1-baseline', 'fapi-1-baseline'] }] },
      'Policy p6 contains duplicated profiles',
    ],
  ])('refuses %s with 400 and its message, keeping the stored policies', async (_what, body, message) => {
    const before = await get('/policies');
    const answer = await put('/policies', body);
    expect([answer.status, answer.json]).toEqual([400, { errorMessage: message }]);
    expect(await get('/policies')).toEqual(before);
  });

  it('empties the policies with an empty list', async () => {
    expect((await put('/policies', { policies: [] })).status).toBe(204);
    expect(await get('/policies')).toEqual({ policies: [] });
  });
});
