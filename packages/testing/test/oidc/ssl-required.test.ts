import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRealmNamed, postForm } from '../support.js';

let server: KeycloakTestServer;

beforeAll(async () => {
  server = await startKeycloak({
    realms: [demoRealmNamed('strict', { sslRequired: 'all' }), demoRealmNamed('external', { sslRequired: 'external' })],
  });
});
afterAll(() => server.close());

const alice = { grant_type: 'password', client_id: 'web', username: 'alice', password: 'wonder' };

describe('sslRequired at the token endpoint', () => {
  it('refuses plain HTTP with 403 "HTTPS required" when the realm requires SSL for all requests', async () => {
    const result = await postForm(`${server.url}/realms/strict/protocol/openid-connect/token`, alice);
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ error: 'invalid_request', error_description: 'HTTPS required' });
  });

  it('checks SSL before anything else, so even a request without grant_type gets the HTTPS answer', async () => {
    const result = await postForm(`${server.url}/realms/strict/protocol/openid-connect/token`, {});
    expect(result.status).toBe(403);
  });

  it('lets a loopback caller through when the realm requires SSL for external requests only', async () => {
    const result = await postForm(`${server.url}/realms/external/protocol/openid-connect/token`, alice);
    expect(result.status).toBe(200);
    expect(typeof result.body.access_token).toBe('string');
  });
});
