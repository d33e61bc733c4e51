import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { runFidelity, type Step } from '../scripts/fidelity/engine.mjs';
import { STEPS } from '../scripts/fidelity/steps/index.mjs';

// The fidelity report's engine (`pnpm fidelity`), run against two in-memory servers: every request of the
// sequence must agree with itself across two servers (ids, keys, secrets, times and hosts normalised), and a
// difference planted in one server must show up as a difference with a diff line that names it.
let first: KeycloakTestServer;
let second: KeycloakTestServer;

beforeAll(async () => {
  [first, second] = await Promise.all([startKeycloak(), startKeycloak()]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

const targets = () =>
  [
    { name: 'first', url: first.url },
    { name: 'second', url: second.url },
  ] as [{ name: string; url: string }, { name: string; url: string }];

describe('the fidelity engine', () => {
  it('finds the whole sequence alike on two in-memory servers and closes with "N agree, 0 differ"', async () => {
    const lines: string[] = [];
    const steps = STEPS;
    const result = await runFidelity({
      targets: targets(),
      steps,
      realm: 'fidelity-same',
      write: (line) => lines.push(line),
    });
    expect(lines.filter((line) => line.startsWith('✗') || line.startsWith('    '))).toEqual([]);
    expect(result.differ).toBe(0);
    expect(result.agree).toBe(steps.length);
    expect(lines.at(-1)).toBe(`${steps.length} agree, 0 differ`);
    expect(new Set(steps.map((step) => step.area)).size).toBeGreaterThanOrEqual(18);
  }, 120_000);

  it('reports a planted difference with a diff naming the key and both values', async () => {
    const master = second.model.realm('master');
    if (!master) throw new Error('no master');
    const before = master.displayName;
    master.displayName = 'Planted';
    try {
      const lines: string[] = [];
      const steps: (Step & { area: string })[] = [
        { area: 'realms', name: 'read master', method: 'GET', path: '/admin/realms/master', auth: 'admin' },
        { area: 'oidc', name: 'discovery', method: 'GET', path: '/realms/master/.well-known/openid-configuration' },
      ];
      const result = await runFidelity({
        targets: targets(),
        steps,
        realm: 'unused',
        write: (line) => lines.push(line),
      });
      expect(result).toMatchObject({ agree: 1, differ: 1 });
      expect(lines).toEqual([
        '✗ [realms] GET /admin/realms/master — read master',
        '    body $.displayName: "Keycloak" vs "Planted"',
        '✓ [oidc] GET /realms/master/.well-known/openid-configuration — discovery',
        '1 agree, 1 differ',
      ]);
    } finally {
      master.displayName = before;
    }
  });

  it('maps ids captured on each target, so later requests use each its own, and says when a step cannot run', async () => {
    const lines: string[] = [];
    const steps: (Step & { area: string })[] = [
      {
        area: 'realms',
        name: 'create',
        method: 'POST',
        path: '/admin/realms',
        auth: 'admin',
        json: { realm: '{realm}', enabled: true },
      },
      {
        area: 'users',
        name: 'create a user',
        method: 'POST',
        path: '/admin/realms/{realm}/users',
        auth: 'admin',
        json: { username: 'u' },
        capture: { userId: 'location' },
      },
      {
        area: 'users',
        name: 'read it by its id',
        method: 'GET',
        path: '/admin/realms/{realm}/users/{userId}',
        auth: 'admin',
      },
      {
        area: 'users',
        name: 'a step needing what was never captured',
        method: 'GET',
        path: '/admin/realms/{realm}/users/{nothing}',
        auth: 'admin',
      },
      { area: 'realms', name: 'delete', method: 'DELETE', path: '/admin/realms/{realm}', auth: 'admin' },
    ];
    const result = await runFidelity({
      targets: targets(),
      steps,
      realm: 'fidelity-ids',
      write: (line) => lines.push(line),
    });
    expect(result.results.map((r) => r.differences)).toEqual([
      [],
      [],
      [],
      ['not run: first lacks {nothing}; second lacks {nothing} (an earlier step failed)'],
      [],
    ]);
    expect(lines.at(-1)).toBe('4 agree, 1 differ');
  });
});
