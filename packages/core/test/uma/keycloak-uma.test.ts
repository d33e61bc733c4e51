import {
  KeycloakOpenIDConnection,
  KeycloakUMA,
  Resource,
  Scope,
  UMAPermission,
  type UmaResourceRepresentation,
} from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useUmaServer } from './support/server.js';

const server = useUmaServer();
let connection: KeycloakOpenIDConnection;
let uma: KeycloakUMA;

beforeAll(() => {
  connection = new KeycloakOpenIDConnection({
    serverUrl: server.kc.url,
    realmName: 'uma',
    clientId: 'api',
    clientSecretKey: 'api-secret',
    now: () => server.kc.clock.now(),
  });
  uma = new KeycloakUMA({ connection });
});
afterAll(async () => {
  await connection.close();
});

describe('KeycloakUMA discovery and PAT', () => {
  it('reads the UMA endpoints from uma2-configuration once and gets one PAT by client credentials', async () => {
    const fresh = new KeycloakUMA({
      connection: new KeycloakOpenIDConnection({
        serverUrl: server.kc.url,
        realmName: 'uma',
        clientId: 'api',
        clientSecretKey: 'api-secret',
      }),
    });
    server.kc.counters.reset();
    const [document] = await Promise.all([
      fresh.umaWellKnown(),
      fresh.resourceSetListIds(),
      fresh.resourceSetListIds({ name: 'docs' }),
    ]);
    expect(document.resource_registration_endpoint).toBe(`${server.kc.url}/realms/uma/authz/protection/resource_set`);
    expect(document.permission_endpoint).toBe(`${server.kc.url}/realms/uma/authz/protection/permission`);
    expect(document.policy_endpoint).toBe(`${server.kc.url}/realms/uma/authz/protection/uma-policy`);
    expect(server.kc.counters.get('uma-discovery')).toBe(1);
    expect(server.kc.counters.get('token')).toBe(1);
    await fresh.connection.close();
  });

  it('refuses a missing connection with a TypeError naming it', () => {
    expect(() => new KeycloakUMA({} as never)).toThrow(/"connection"/);
  });

  it('formats URLs the way python-keycloak quote_plus does', () => {
    expect(KeycloakUMA.formatUrl('https://kc/{my_resource}/{id}', { my_resource: 'hello world', id: 'a/b' })).toBe(
      'https://kc/hello+world/a%2Fb',
    );
    expect(() => KeycloakUMA.formatUrl('https://kc/{id}', {})).toThrow(
      expect.objectContaining({ code: 'ERR_OPERATION' }) as Error,
    );
  });
});

describe('KeycloakUMA resource sets', () => {
  it('creates, reads, updates, lists and deletes a resource', async () => {
    const created = await uma.resourceSetCreate({
      name: 'invoice 42',
      type: 'urn:api:invoice',
      uris: ['/invoices/42'],
      resource_scopes: ['read'],
    });
    const id = created._id ?? '';
    expect(id).not.toBe('');
    expect(await uma.resourceSetRead(id)).toMatchObject({
      _id: id,
      name: 'invoice 42',
      type: 'urn:api:invoice',
      uris: ['/invoices/42'],
    });
    await uma.resourceSetUpdate(id, { ...created, name: 'invoice 42', uris: ['/invoices/42', '/bills/42'] });
    expect((await uma.resourceSetRead(id)).uris).toEqual(['/invoices/42', '/bills/42']);
    expect(await uma.resourceSetListIds({ name: 'invoice 42', exactName: true })).toEqual([id]);
    expect(await uma.resourceSetListIds({ type: 'urn:api:invoice' })).toEqual([id]);
    const listed: UmaResourceRepresentation[] = [];
    for await (const resource of uma.resourceSetList({ uri: '/bills/42' })) listed.push(resource);
    expect(listed.map((resource) => resource._id)).toEqual([id]);
    await uma.resourceSetDelete(id);
    await expect(uma.resourceSetRead(id)).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
  });

  it('pages the id list with first and max', async () => {
    const all = await uma.resourceSetListIds();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await uma.resourceSetListIds({ first: 1, max: 1 })).toEqual([all[1]]);
  });

  it('refuses an empty id with ERR_OPERATION before any call', async () => {
    await expect(uma.resourceSetRead('')).rejects.toMatchObject({ code: 'ERR_OPERATION' });
    await expect(uma.resourceSetDelete('..')).rejects.toMatchObject({ code: 'ERR_OPERATION' });
  });
});

describe('KeycloakUMA permissions', () => {
  it('checks permissions with the user token, true only when every one is granted', async () => {
    const { token } = await server.login('alice');
    const docs = new Resource('docs');
    expect(await uma.permissionsCheck(token, [docs.with(new Scope('read'))])).toBe(true);
    expect(await uma.permissionsCheck(token, [docs.with(new Scope('read')), docs.with(new Scope('write'))])).toBe(
      false,
    );
    expect(await uma.permissionsCheck(token, ['ghost'])).toBe(false);
  });

  it('allows the empty set of permissions without asking Keycloak', async () => {
    const before = server.kc.counters.get('uma-grant');
    expect(await uma.permissionsCheck('any', [])).toBe(true);
    expect(server.kc.counters.get('uma-grant')).toBe(before);
  });

  it('throws rather than answers false when Keycloak fails', async () => {
    const { token } = await server.login('alice');
    server.kc.faults.inject('uma-grant', { kind: 'status', status: 500, times: 1 });
    await expect(uma.permissionsCheck(token, ['docs#read'])).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 500,
    });
  });

  it('creates a permission ticket, resolving resource names to ids', async () => {
    const { ticket } = await uma.permissionTicketCreate([
      new UMAPermission({ resource: 'docs', scope: 'read' }),
      new Resource('docs').with(new Scope('write')),
    ]);
    expect(ticket.split('.')).toHaveLength(3);
    await expect(uma.permissionTicketCreate([new Resource('ghost')])).rejects.toMatchObject({
      name: 'KeycloakPostError',
      message: 'Invalid resource specified',
    });
  });

  it('lets the resource server grant a pending request of a user on an owner-managed resource', async () => {
    const { token: bobToken, claims: bob } = await server.login('bob');
    const { _id: resourceId = '' } = await uma.resourceSetCreate({
      name: 'alice diary',
      owner: 'alice',
      ownerManagedAccess: true,
      resource_scopes: ['read'],
    });
    const { ticket } = await uma.permissionTicketCreate([new UMAPermission({ resourceId, scope: 'read' })]);
    await expect(server.openid.umaPermissions(bobToken, [], { extraPayload: { ticket } })).rejects.toMatchObject({
      status: 403,
      body: { error_description: 'request_submitted' },
    });
    const [pending] = await uma.permissionTicketRecordFind({ resourceId, requester: bob.sub, returnNames: true });
    expect(pending).toMatchObject({
      resource: resourceId,
      requester: bob.sub,
      granted: false,
      resourceName: 'alice diary',
      scopeName: 'read',
    });
    await uma.permissionTicketRecordUpdate({ ...pending, granted: true });
    expect(await uma.permissionsCheck(bobToken, [`${resourceId}#read`])).toBe(true);
    await uma.permissionTicketRecordDelete(pending?.id ?? '');
    expect(await uma.permissionTicketRecordFind({ resourceId })).toEqual([]);
  });
});
