import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

const importing = (body: unknown) => adminCall(kc, 'POST', '/demo/partialImport', token, body);

describe('partial import', () => {
  it('adds new resources and reports each with its id', async () => {
    const answer = await importing({
      ifResourceExists: 'FAIL',
      clients: [{ clientId: 'imported' }],
      roles: { realm: [{ name: 'auditor' }], client: { api: [{ name: 'writer' }] } },
      groups: [{ name: 'ops' }],
      users: [{ username: 'ivan', enabled: true }],
    });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      added: number;
      skipped: number;
      overwritten: number;
      results: Record<string, string>[];
    };
    expect(body).toMatchObject({ added: 5, skipped: 0, overwritten: 0 });
    expect(body.results.map((r) => [r['action'], r['resourceType'], r['resourceName']])).toEqual([
      ['ADDED', 'CLIENT', 'imported'],
      ['ADDED', 'REALM_ROLE', 'auditor'],
      ['ADDED', 'CLIENT_ROLE', 'writer'],
      ['ADDED', 'GROUP', 'ops'],
      ['ADDED', 'USER', 'ivan'],
    ]);
    expect(kc.model.realm('demo')?.clients.get('imported')?.id).toBe(body.results[0]?.['id']);
  });

  it('fails with 409 before changing anything when a resource exists under FAIL', async () => {
    const answer = await importing({ users: [{ username: 'newcomer' }, { username: 'alice' }] });
    expect(answer).toMatchObject({ status: 409, body: { errorMessage: "User 'alice' already exists" } });
    expect([...(kc.model.realm('demo')?.users.values() ?? [])].some((u) => u.username === 'newcomer')).toBe(false);
  });

  it('skips or overwrites existing resources as asked', async () => {
    const skip = (await importing({ ifResourceExists: 'SKIP', roles: { realm: [{ name: 'user' }] } })).body;
    expect(skip).toMatchObject({
      added: 0,
      skipped: 1,
      results: [{ action: 'SKIPPED', resourceType: 'REALM_ROLE', resourceName: 'user' }],
    });
    const over = (
      await importing({ ifResourceExists: 'OVERWRITE', clients: [{ clientId: 'web', description: 'replaced' }] })
    ).body;
    expect(over).toMatchObject({ overwritten: 1, results: [{ action: 'OVERWRITTEN', resourceType: 'CLIENT' }] });
    expect(kc.model.realm('demo')?.clients.get('web')?.description).toBe('replaced');
  });

  it('answers 400 for an unknown policy or a list of the wrong shape', async () => {
    expect(await importing({ ifResourceExists: 'MERGE' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
    expect(await importing({ users: 'alice' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });
});

describe('partial export', () => {
  it('exports the realm without users, clients, groups or roles by default', async () => {
    const { status, body } = await adminCall(kc, 'POST', '/demo/partial-export', token);
    expect(status).toBe(200);
    expect(body).toMatchObject({ realm: 'demo' });
    for (const key of ['users', 'clients', 'groups', 'roles']) expect(body).not.toHaveProperty(key);
  });

  it('includes clients, groups and roles on request with secrets masked and generated keys left out', async () => {
    const { body } = await adminCall(
      kc,
      'POST',
      '/demo/partial-export?exportClients=true&exportGroupsAndRoles=true',
      token,
    );
    const rep = body as {
      clients: Record<string, unknown>[];
      groups: unknown[];
      roles: { realm: unknown[] };
      components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
    };
    expect(rep.clients.find((c) => c['clientId'] === 'app')?.['secret']).toBe('**********');
    expect(rep.groups.length).toBeGreaterThan(0);
    expect(rep.roles.realm.length).toBeGreaterThan(0);
    const rsa = rep.components['org.keycloak.keys.KeyProvider']?.find((c) => c.providerId === 'rsa-generated');
    // A generated key's own material is no setting its factory declares: left out, as Keycloak does.
    expect(rsa?.config).toEqual({ priority: ['100'] });
    expect(JSON.stringify(body)).not.toContain('app-secret');
  });
});
