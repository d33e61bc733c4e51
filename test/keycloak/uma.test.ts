import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';
import { aliceTokens, body, claimsOf, headerOf, protocolRealm, token, tokenPath } from './support/protocol-realm.js';

let target: KeycloakTarget;
let realm: string;
let issuer: string;
let alice: string;
let bob: string;
let pat: string;
let photos: string;
let reports: string;

const UMA = 'urn:ietf:params:oauth:grant-type:uma-ticket';

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('uma', protocolRealm());
  issuer = `${target.url}/realms/${realm}`;
  alice = (await aliceTokens(target, realm))['access_token']!;
  bob = String(
    body(
      await token(target, realm, {
        grant_type: 'password',
        client_id: 'app',
        client_secret: 'app-secret',
        username: 'bob',
        password: 'bob-pw',
      }),
    )['access_token'],
  );
  pat = String(
    body(
      await token(target, realm, { grant_type: 'client_credentials', client_id: 'api', client_secret: 'api-secret' }),
    )['access_token'],
  );
  const ids = async (name: string) =>
    (
      await target.request('GET', `/realms/${realm}/authz/protection/resource_set?name=${name}&exactName=true`, {
        token: pat,
      })
    ).json as string[];
  photos = (await ids('photos'))[0]!;
  reports = (await ids('reports'))[0]!;
});
afterAll(() => target.close());

function uma(bearer: string, form: Record<string, string>) {
  return target.request('POST', tokenPath(realm), { token: bearer, form: { grant_type: UMA, ...form } });
}

type Permission = { rsid: string; rsname?: string; scopes?: string[] };
const byName = (list: unknown): Permission[] =>
  [...(list as Permission[])]
    .map((p) => ({ ...p, scopes: p.scopes ? [...p.scopes].sort() : undefined }))
    .sort((a, b) => String(a.rsname).localeCompare(String(b.rsname)));
const permissionsOf = (rpt: unknown): Permission[] =>
  byName((claimsOf(rpt)['authorization'] as { permissions: Permission[] }).permissions);

async function ticket(permissions: unknown): Promise<string> {
  const answer = await target.request('POST', `/realms/${realm}/authz/protection/permission`, {
    token: pat,
    json: permissions,
  });
  expect(answer.status).toBe(201);
  return String(body(answer)['ticket']);
}

describe(`the UMA grant with an audience (${targetKind})`, () => {
  it('answers an RPT with the permissions the user is granted, upgraded false and no scope or session_state', async () => {
    const answer = await uma(alice, { audience: 'api' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const json = body(answer);
    expect(Object.keys(json)).toEqual([
      'upgraded',
      'access_token',
      'expires_in',
      'refresh_expires_in',
      'refresh_token',
      'token_type',
      'not-before-policy',
    ]);
    expect(json['upgraded']).toBe(false);
    expect(permissionsOf(json['access_token'])).toEqual([{ rsid: photos, rsname: 'photos', scopes: ['view'] }]);
  });

  it('mints the RPT for the calling client with the resource server as audience and no allowed-origins', async () => {
    const rpt = claimsOf(body(await uma(alice, { audience: 'api' }))['access_token']);
    expect(rpt).toMatchObject({
      typ: 'Bearer',
      azp: 'app',
      aud: 'api',
      iss: issuer,
      preferred_username: 'alice',
      sid: claimsOf(alice)['sid'],
    });
    expect(rpt).not.toHaveProperty('allowed-origins');
    expect(rpt['jti']).toMatch(/^ntrtna:[0-9a-f-]{36}$/);
  });

  it('puts the permissions in the RPT refresh token too', async () => {
    const json = body(await uma(alice, { audience: 'api' }));
    const refresh = claimsOf(json['refresh_token']);
    expect(refresh['typ']).toBe('Refresh');
    expect(byName((refresh['authorization'] as { permissions: unknown }).permissions)).toEqual([
      { rsid: photos, rsname: 'photos', scopes: ['view'] },
    ]);
    expect(headerOf(json['refresh_token'])['alg']).toBe('HS512');
  });

  it('grants every scope and resource the user is entitled to', async () => {
    const rpt = body(await uma(bob, { audience: 'api' }))['access_token'];
    expect(permissionsOf(rpt)).toEqual([
      { rsid: photos, rsname: 'photos', scopes: ['delete', 'view'] },
      { rsid: reports, rsname: 'reports', scopes: ['view'] },
    ]);
  });

  it('leaves rsname out with response_include_resource_name=false', async () => {
    const rpt = body(await uma(alice, { audience: 'api', response_include_resource_name: 'false' }))['access_token'];
    expect((claimsOf(rpt)['authorization'] as { permissions: unknown }).permissions).toEqual([
      { rsid: photos, scopes: ['view'] },
    ]);
  });

  it('answers {"result": true} with response_mode=decision', async () => {
    const answer = await uma(alice, { audience: 'api', permission: 'photos#view', response_mode: 'decision' });
    expect([answer.status, answer.json, answer.headers.get('cache-control')]).toEqual([
      200,
      { result: true },
      'no-store',
    ]);
  });

  it('answers the permission list with response_mode=permissions', async () => {
    const answer = await uma(bob, { audience: 'api', response_mode: 'permissions' });
    expect(answer.status).toBe(200);
    expect(byName(answer.json)).toEqual([
      { rsid: photos, rsname: 'photos', scopes: ['delete', 'view'] },
      { rsid: reports, rsname: 'reports', scopes: ['view'] },
    ]);
  });

  it('narrows to one resource and scope with permission=res#scope', async () => {
    const answer = await uma(bob, { audience: 'api', permission: 'photos#delete', response_mode: 'permissions' });
    expect(answer.json).toEqual([{ rsid: photos, rsname: 'photos', scopes: ['delete'] }]);
  });

  it('asks by scope only with permission=#scope', async () => {
    const answer = await uma(alice, { audience: 'api', permission: '#view', response_mode: 'permissions' });
    expect(byName(answer.json)).toEqual([{ rsid: photos, rsname: 'photos', scopes: ['view'] }]);
  });

  it('answers a denied permission 403 access_denied "not_authorized"', async () => {
    const answer = await uma(alice, { audience: 'api', permission: 'photos#delete' });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'not_authorized' },
    ]);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a denied decision 403 too', async () => {
    const answer = await uma(alice, { audience: 'api', permission: 'reports', response_mode: 'decision' });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'not_authorized' },
    ]);
  });

  it('answers an unknown resource 400 invalid_resource', async () => {
    const answer = await uma(alice, { audience: 'api', permission: 'nope' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_resource', error_description: 'Resource with id [nope] does not exist.' },
    ]);
  });

  it('answers an unknown scope 400 invalid_scope', async () => {
    const answer = await uma(alice, { audience: 'api', permission: 'photos#nope' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_scope', error_description: 'One of the given scopes [nope] is invalid' },
    ]);
  });

  it('answers a request without audience or ticket 400 "You must provide the issuedFor"', async () => {
    const answer = await uma(alice, {});
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'You must provide the issuedFor' },
    ]);
  });

  it('answers an audience without authorization services 400 "Client does not support permissions"', async () => {
    const answer = await uma(alice, { audience: 'app' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Client does not support permissions' },
    ]);
  });

  it('answers a bad response_mode 400 "Invalid response_mode"', async () => {
    const answer = await uma(alice, { audience: 'api', response_mode: 'foo' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Invalid response_mode' },
    ]);
  });

  it('answers a bad bearer token 400 invalid_grant "Invalid bearer token"', async () => {
    const answer = await uma('abc', { audience: 'api' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid bearer token' },
    ]);
  });

  it('answers no bearer and no client 401 invalid_client', async () => {
    const answer = await target.request('POST', tokenPath(realm), { form: { grant_type: UMA, audience: 'api' } });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });

  it('evaluates for the service account when the client authenticates itself', async () => {
    const answer = await target.request('POST', tokenPath(realm), {
      form: { grant_type: UMA, audience: 'api', client_id: 'api', client_secret: 'api-secret' },
    });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'not_authorized' },
    ]);
  });
});

describe(`the UMA grant with a permission ticket (${targetKind})`, () => {
  it('answers the RPT for a ticket the user is entitled to', async () => {
    const answer = await uma(alice, { ticket: await ticket([{ resource_id: photos, resource_scopes: ['view'] }]) });
    expect(answer.status).toBe(200);
    expect(permissionsOf(body(answer)['access_token'])).toEqual([{ rsid: photos, rsname: 'photos', scopes: ['view'] }]);
  });

  it('answers a ticket the user is not entitled to 403 "request_submitted"', async () => {
    const answer = await uma(alice, { ticket: await ticket([{ resource_id: photos, resource_scopes: ['delete'] }]) });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'request_submitted' },
    ]);
  });

  it('answers a garbage ticket 403 invalid_ticket', async () => {
    const answer = await uma(alice, { ticket: 'abc' });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'invalid_ticket', error_description: 'Ticket verification failed' },
    ]);
  });
});

describe(`RPT upgrade (${targetKind})`, () => {
  it('adds the new permissions to those of the previous RPT and says upgraded', async () => {
    const first = String(body(await uma(bob, { audience: 'api', permission: 'reports' }))['access_token']);
    expect(permissionsOf(first)).toEqual([{ rsid: reports, rsname: 'reports', scopes: ['view'] }]);
    const answer = await uma(bob, { audience: 'api', permission: 'photos#view', rpt: first });
    expect(answer.status).toBe(200);
    expect(body(answer)['upgraded']).toBe(true);
    expect(permissionsOf(body(answer)['access_token'])).toEqual([
      { rsid: photos, rsname: 'photos', scopes: ['view'] },
      { rsid: reports, rsname: 'reports', scopes: ['view'] },
    ]);
  });

  it('answers a garbage RPT 403 invalid_rpt', async () => {
    const answer = await uma(bob, { audience: 'api', rpt: 'abc' });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'invalid_rpt', error_description: 'RPT signature is invalid' },
    ]);
  });
});
