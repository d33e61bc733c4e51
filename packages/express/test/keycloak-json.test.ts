import { Keycloak } from '@keycloak-ts/express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Shaped after /work/shared/keycloak/samples/keycloak-json-policy-enforcer-photoz.json (Keycloak quickstarts).
const photoz = {
  realm: 'photoz',
  'auth-server-url': 'http://localhost:8180/auth',
  'ssl-required': 'external',
  resource: 'photoz-restful-api',
  'bearer-only': true,
  credentials: { secret: 'secret' },
  'policy-enforcer': { 'enforcement-mode': 'PERMISSIVE', paths: [{ path: '/album/{id}', methods: [{ method: 'GET', scopes: ['album:view'] }] }] },
};

describe('Keycloak.fromKeycloakJson', () => {
  it('reads the console export from an object and keeps the policy-enforcer section', () => {
    const keycloak = Keycloak.fromKeycloakJson(photoz);
    expect(keycloak.realm).toBe('photoz');
    expect(keycloak.policyEnforcerConfig).toEqual(photoz['policy-enforcer']);
  });

  it('reads a keycloak.json file from a path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-json-'));
    const path = join(dir, 'keycloak.json');
    writeFileSync(path, JSON.stringify(photoz));
    expect(Keycloak.fromKeycloakJson(path).realm).toBe('photoz');
  });

  it('interpolates ${env.NAME:default} as keycloak-connect does', () => {
    process.env['KC_TS_TEST_REALM'] = 'from-env';
    delete process.env['KC_TS_TEST_UNSET'];
    try {
      const keycloak = Keycloak.fromKeycloakJson({ ...photoz, realm: '${env.KC_TS_TEST_REALM}', 'auth-server-url': '${env.KC_TS_TEST_UNSET:http://kc:8080}' });
      expect(keycloak.realm).toBe('from-env');
    } finally {
      delete process.env['KC_TS_TEST_REALM'];
    }
  });

  it.each([
    ['a missing realm', { ...photoz, realm: undefined }, /"realm" is required/],
    ['a missing resource', { ...photoz, resource: undefined }, /"resource" is required/],
    ['a non-boolean bearer-only', { ...photoz, 'bearer-only': 'yes' }, /"bearer-only" must be a boolean/],
    ['a bad auth-server-url', { ...photoz, 'auth-server-url': 'localhost' }, /"serverUrl"/],
    ['an unreadable path', '/nonexistent/keycloak.json', /could not be read/],
  ])('refuses %s with a TypeError', (_name, input, message) => {
    expect(() => Keycloak.fromKeycloakJson(input as never)).toThrow(TypeError);
    expect(() => Keycloak.fromKeycloakJson(input as never)).toThrow(message);
  });
});
