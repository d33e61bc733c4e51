import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { basic, postForm } from '../support.js';
import { grantedNames, payload, sampleRealm, umaRequest, userToken, UMA } from './support.js';

const RS = 'jakarta-servlet-authz-client';
let kc: KeycloakTestServer;
let alice: string;
let jdoe: string;
let admin: string;

beforeAll(async () => {
  const realm = sampleRealm('realm-import-authz-quickstart-kc26.json');
  const client = realm.clients?.find((c) => c.clientId === RS);
  if (client) client.directAccessGrantsEnabled = true;
  kc = await startKeycloak({ realms: [realm] });
  alice = await userToken(kc.url, 'quickstart', RS, 'secret', 'alice', 'alice');
  jdoe = await userToken(kc.url, 'quickstart', RS, 'secret', 'jdoe', 'jdoe');
  admin = await userToken(kc.url, 'quickstart', RS, 'secret', 'admin', 'admin');
});
afterAll(() => kc.close());

const ask = (token: string, ...params: Array<[string, string]>) =>
  umaRequest(kc.url, 'quickstart', token, [['audience', RS], ...params]);

describe('the UMA ticket grant on the quickstart realm', () => {
  it('gives a plain user the protected resource and the user action of the main page', async () => {
    const res = await ask(alice, ['response_mode', 'permissions']);
    expect(res.status).toBe(200);
    expect(grantedNames(res.body)).toEqual([
      'Main Page#urn:servlet-authz:page:main:actionForUser',
      'Protected Resource#urn:servlet-authz:protected:resource:access',
    ]);
  });

  it('gives a premium user the premium resource and premium action too', async () => {
    const res = await ask(jdoe, ['response_mode', 'permissions']);
    expect(grantedNames(res.body)).toEqual([
      'Main Page#urn:servlet-authz:page:main:actionForPremiumUser,urn:servlet-authz:page:main:actionForUser',
      'Premium Resource#urn:servlet-authz:protected:premium:access',
      'Protected Resource#urn:servlet-authz:protected:resource:access',
    ]);
  });

  it('denies a user the admin resource with 403 access_denied not_authorized', async () => {
    const res = await ask(alice, ['permission', 'Admin Resource']);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'access_denied', error_description: 'not_authorized' });
    expect((await ask(admin, ['permission', 'Admin Resource'], ['response_mode', 'decision'])).body).toEqual({
      result: true,
    });
  });

  it('issues an RPT whose audience names the resource server and whose permissions are the granted ones', async () => {
    const res = await ask(alice, ['permission', 'Main Page#urn:servlet-authz:page:main:actionForUser']);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ upgraded: false, token_type: 'Bearer', 'not-before-policy': 0 });
    const rpt = payload(res.body['access_token']);
    expect(rpt['jti']).toMatch(/^ntrtna:/);
    expect(rpt['aud']).toContain(RS);
    const page = kc.model.realm('quickstart')?.clients.get(RS);
    expect(page).toBeDefined();
    expect(rpt['authorization']).toEqual({
      permissions: [
        { rsid: expect.any(String), rsname: 'Main Page', scopes: ['urn:servlet-authz:page:main:actionForUser'] },
      ],
    });
  });

  it('grants only the asked scopes of a resource and drops names when response_include_resource_name is false', async () => {
    const res = await ask(
      jdoe,
      [
        'permission',
        'Main Page#urn:servlet-authz:page:main:actionForAdmin,urn:servlet-authz:page:main:actionForPremiumUser',
      ],
      ['response_mode', 'permissions'],
      ['response_include_resource_name', 'false'],
    );
    expect(res.body).toEqual([
      { rsid: expect.any(String), scopes: ['urn:servlet-authz:page:main:actionForPremiumUser'] },
    ]);
  });

  it('accepts repeated permission parameters, #scope requests and uri-formatted resources', async () => {
    const both = await ask(
      jdoe,
      ['permission', 'Premium Resource'],
      ['permission', '#urn:servlet-authz:page:main:actionForUser'],
      ['response_mode', 'permissions'],
    );
    expect(grantedNames(both.body)).toEqual([
      'Main Page#urn:servlet-authz:page:main:actionForUser',
      'Premium Resource#urn:servlet-authz:protected:premium:access',
    ]);
    const byUri = await ask(
      jdoe,
      ['permission', '/protected/premium/*'],
      ['permission_resource_format', 'uri'],
      ['response_mode', 'permissions'],
    );
    expect(grantedNames(byUri.body)).toEqual(['Premium Resource#urn:servlet-authz:protected:premium:access']);
    const matching = await ask(
      jdoe,
      ['permission', '/protected/premium/page.html'],
      ['permission_resource_format', 'uri'],
      ['permission_resource_matching_uri', 'true'],
      ['response_mode', 'permissions'],
    );
    expect(grantedNames(matching.body)).toContain('Premium Resource#urn:servlet-authz:protected:premium:access');
  });

  it('caps the answer with response_permissions_limit', async () => {
    const res = await ask(jdoe, ['response_mode', 'permissions'], ['response_permissions_limit', '1']);
    expect((res.body as unknown as unknown[]).length).toBe(1);
  });

  it('merges a previous RPT and reports upgraded when every earlier permission is kept', async () => {
    const first = await ask(jdoe, ['permission', 'Premium Resource']);
    const second = await ask(jdoe, ['permission', 'Protected Resource'], ['rpt', String(first.body['access_token'])]);
    expect(second.body['upgraded']).toBe(true);
    const names = (
      payload(second.body['access_token'])['authorization'] as { permissions: Array<{ rsname: string }> }
    ).permissions
      .map((p) => p.rsname)
      .sort();
    expect(names).toEqual(['Premium Resource', 'Protected Resource']);
  });

  it("answers Keycloak's errors for bad parameters", async () => {
    const cases: Array<[Array<[string, string]>, number, object]> = [
      [
        [['permission', 'Nope']],
        400,
        { error: 'invalid_resource', error_description: 'Resource with id [Nope] does not exist.' },
      ],
      [
        [['permission', 'Main Page#nope']],
        400,
        { error: 'invalid_scope', error_description: 'One of the given scopes [nope] is invalid' },
      ],
      [[['response_mode', 'jwt']], 400, { error: 'invalid_request', error_description: 'Invalid response_mode' }],
      [
        [['claim_token_format', 'x']],
        400,
        { error: 'invalid_request', error_description: 'Claim token format [x] not supported' },
      ],
      [[['rpt', 'a.b.c']], 403, { error: 'invalid_rpt', error_description: 'RPT signature is invalid' }],
      [[['ticket', 'a.b.c']], 403, { error: 'invalid_ticket', error_description: 'Ticket verification failed' }],
    ];
    for (const [params, status, body] of cases) {
      const res = await ask(alice, ...params);
      expect([res.status, res.body]).toEqual([status, body]);
    }
    const noAudience = await umaRequest(kc.url, 'quickstart', alice, []);
    expect(noAudience.body).toEqual({ error: 'invalid_request', error_description: 'You must provide the issuedFor' });
    const unknown = await umaRequest(kc.url, 'quickstart', alice, [['audience', 'ghost']]);
    expect(unknown.body).toEqual({
      error: 'invalid_request',
      error_description: 'Unknown resource server id: [ghost]',
    });
    const notRs = await umaRequest(kc.url, 'quickstart', alice, [['audience', 'account']]);
    expect(notRs.body).toEqual({ error: 'invalid_request', error_description: 'Client does not support permissions' });
    const badBearer = await umaRequest(kc.url, 'quickstart', 'x.y.z', [['audience', RS]]);
    expect([badBearer.status, badBearer.body]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid bearer token' },
    ]);
  });

  it('lets an authenticated client ask for itself through its service account, and for a user by subject_token', async () => {
    const url = `${kc.url}/realms/quickstart/protocol/openid-connect/token`;
    const own = await postForm(
      url,
      { grant_type: UMA, audience: RS, response_mode: 'permissions' },
      { authorization: basic(RS, 'secret') },
    );
    expect([own.status, own.body]).toEqual([403, { error: 'access_denied', error_description: 'not_authorized' }]);
    const forUser = await postForm(
      url,
      { grant_type: UMA, audience: RS, subject_token: jdoe, permission: 'Premium Resource', response_mode: 'decision' },
      { authorization: basic(RS, 'secret') },
    );
    expect(forUser.body).toEqual({ result: true });
  });

  it('counts UMA grants apart from other token requests', async () => {
    kc.counters.reset();
    await ask(alice, ['response_mode', 'decision']);
    await userToken(kc.url, 'quickstart', RS, 'secret', 'alice', 'alice');
    expect(kc.counters.get('uma-grant')).toBe(1);
    expect(kc.counters.get('token')).toBe(2);
    kc.faults.inject('uma-grant', { kind: 'status', status: 503, times: 1 });
    expect((await ask(alice, ['response_mode', 'decision'])).status).toBe(503);
  });

  it('introspects an RPT with its permissions under both Keycloak and UMA names', async () => {
    const res = await ask(jdoe, ['permission', 'Premium Resource']);
    const intro = await postForm(
      `${kc.url}/realms/quickstart/protocol/openid-connect/token/introspect`,
      { token: String(res.body['access_token']), token_type_hint: 'requesting_party_token' },
      { authorization: basic(RS, 'secret') },
    );
    expect(intro.body['active']).toBe(true);
    expect(intro.body['realm_access']).toBeUndefined();
    expect(intro.body['permissions']).toEqual([
      {
        rsid: expect.any(String),
        rsname: 'Premium Resource',
        scopes: ['urn:servlet-authz:protected:premium:access'],
        resource_id: expect.any(String),
        resource_scopes: ['urn:servlet-authz:protected:premium:access'],
      },
    ]);
  });
});
