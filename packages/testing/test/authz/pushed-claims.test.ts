import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, TestClock, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { basic, postForm } from '../support.js';
import { clientToken, umaRequest, userToken } from './support.js';

const list = (...names: string[]): string => JSON.stringify(names);

/**
 * `contracts` (scope sign) is granted by a regex policy on the context attribute `organization`, which only
 * pushed claims provide. `api` is the confidential resource server, `spa` a public client.
 */
const realm: RealmRepresentation = {
  realm: 'claims',
  enabled: true,
  users: [{ username: 'ann', enabled: true, credentials: [{ type: 'password', value: 'ann-pw' }] }],
  clients: [
    { clientId: 'spa', publicClient: true, directAccessGrantsEnabled: true },
    {
      clientId: 'api',
      secret: 'api-secret',
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: true,
      authorizationServicesEnabled: true,
      authorizationSettings: {
        policyEnforcementMode: 'ENFORCING',
        scopes: [{ name: 'sign' }],
        resources: [{ name: 'contracts', scopes: [{ name: 'sign' }] }],
        policies: [
          {
            name: 'From acme',
            type: 'regex',
            logic: 'POSITIVE',
            config: { targetClaim: 'organization', pattern: 'acme|acme-eu', targetContextAttributes: 'true' },
          },
          {
            name: 'Sign contracts',
            type: 'scope',
            config: { resources: list('contracts'), scopes: list('sign'), applyPolicies: list('From acme') },
          },
        ],
      },
    },
  ],
};

const JWT_FORMAT = 'urn:ietf:params:oauth:token-type:jwt';
const claimToken = (claims: unknown): string => Buffer.from(JSON.stringify(claims)).toString('base64url');

let kc: KeycloakTestServer;
let annViaApi: string;
let annViaSpa: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm], clock: new TestClock(undefined, true) });
  annViaApi = await userToken(kc.url, 'claims', 'api', 'api-secret', 'ann', 'ann-pw');
  annViaSpa = await userToken(kc.url, 'claims', 'spa', undefined, 'ann', 'ann-pw');
});
afterAll(() => kc.close());

const ask = (token: string, ...params: Array<[string, string]>) =>
  umaRequest(kc.url, 'claims', token, [
    ['audience', 'api'],
    ['permission', 'contracts#sign'],
    ['response_mode', 'permissions'],
    ...params,
  ]);

describe('claims pushed to the UMA grant', () => {
  it('become context attributes that a regex policy on targetContextAttributes reads', async () => {
    const granted = await ask(
      annViaApi,
      ['claim_token', claimToken({ organization: ['acme'] })],
      ['claim_token_format', JWT_FORMAT],
    );
    expect([granted.status, granted.body]).toEqual([
      200,
      [{ rsid: expect.any(String), rsname: 'contracts', scopes: ['sign'] }],
    ]);
    const other = await ask(
      annViaApi,
      ['claim_token', claimToken({ organization: ['globex'] })],
      ['claim_token_format', JWT_FORMAT],
    );
    expect([other.status, other.body]).toEqual([403, { error: 'access_denied', error_description: 'not_authorized' }]);
    const none = await ask(annViaApi);
    expect([none.status, none.body]).toEqual([403, { error: 'access_denied', error_description: 'not_authorized' }]);
  });

  it('answers 400 invalid_request "Invalid claims" when the claim token is not base64url JSON', async () => {
    const res = await ask(annViaApi, ['claim_token', 'not json!'], ['claim_token_format', JWT_FORMAT]);
    expect([res.status, res.body]).toEqual([400, { error: 'invalid_request', error_description: 'Invalid claims' }]);
  });

  it('refuses claims pushed with the bearer token of a public client, as Keycloak does', async () => {
    const res = await ask(
      annViaSpa,
      ['claim_token', claimToken({ organization: ['acme'] })],
      ['claim_token_format', JWT_FORMAT],
    );
    expect([res.status, res.body]).toEqual([
      403,
      { error: 'invalid_grant', error_description: 'Public clients are not allowed to send claims' },
    ]);
    // Without claims the same token is evaluated (and denied by the policy, not refused as a caller).
    const plain = await ask(annViaSpa);
    expect([plain.status, plain.body]).toEqual([403, { error: 'access_denied', error_description: 'not_authorized' }]);
  });

  it('refuses claims pushed by a public client that names itself, before reading the claim token', async () => {
    const url = `${kc.url}/realms/claims/protocol/openid-connect/token`;
    const res = await postForm(url, {
      grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
      client_id: 'spa',
      audience: 'api',
      claim_token: 'x',
    });
    expect([res.status, res.body]).toEqual([
      403,
      { error: 'invalid_grant', error_description: 'Public clients are not allowed to send claims' },
    ]);
  });

  it('carries the claims of a permission ticket to the policies, and refuses the ticket once expired', async () => {
    const pat = await clientToken(kc.url, 'claims', 'api', 'api-secret');
    const created = await fetch(`${kc.url}/realms/claims/authz/protection/permission`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pat}` },
      body: JSON.stringify([
        { resource_id: 'contracts', resource_scopes: ['sign'], claims: { organization: ['acme-eu'] } },
      ]),
    });
    expect(created.status).toBe(201);
    const { ticket } = (await created.json()) as { ticket: string };
    const granted = await umaRequest(kc.url, 'claims', annViaApi, [
      ['ticket', ticket],
      ['response_mode', 'permissions'],
    ]);
    const permission = {
      rsid: expect.any(String),
      rsname: 'contracts',
      scopes: ['sign'],
      claims: { organization: ['acme-eu'] },
    };
    expect([granted.status, granted.body]).toEqual([200, [permission]]);

    kc.clock.advance(3_600_000);
    const fresh = await userToken(kc.url, 'claims', 'api', 'api-secret', 'ann', 'ann-pw');
    const expired = await umaRequest(kc.url, 'claims', fresh, [['ticket', ticket]]);
    expect([expired.status, expired.body]).toEqual([
      403,
      { error: 'invalid_ticket', error_description: 'Invalid permission ticket.' },
    ]);
  });

  it('lets a confidential client push claims for a user named by subject_token', async () => {
    const url = `${kc.url}/realms/claims/protocol/openid-connect/token`;
    const subject = await userToken(kc.url, 'claims', 'api', 'api-secret', 'ann', 'ann-pw');
    const res = await postForm(
      url,
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
        audience: 'api',
        permission: 'contracts#sign',
        response_mode: 'decision',
        subject_token: subject,
        claim_token: claimToken({ organization: ['acme'] }),
        claim_token_format: JWT_FORMAT,
      },
      { authorization: basic('api', 'api-secret') },
    );
    expect([res.status, res.body]).toEqual([200, { result: true }]);
  });
});
