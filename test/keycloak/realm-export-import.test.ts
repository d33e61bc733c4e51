import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportAllRealms,
  startKeycloak,
  type KeycloakTestServer,
  type RealmRepresentation,
} from '@keycloak-ts/testing';
import { openTarget, type KeycloakTarget } from './support/target.js';

// The embedded server's realm export (what `--data` and `--export` write) is Keycloak's own export format:
// the target imports it through POST /admin/realms with its users, password, client secret and signing keys.
let target: KeycloakTarget;
let source: KeycloakTestServer;
let exported: RealmRepresentation;
let tokenFromSource: string;
let realm: string;

const form = (values: Record<string, string>) => values;

beforeAll(async () => {
  target = await openTarget();
  source = await startKeycloak();
  source.importRealm({
    realm: 'exported',
    enabled: true,
    users: [
      {
        username: 'alice',
        email: 'alice@example.org',
        firstName: 'Alice',
        lastName: 'Liddell',
        enabled: true,
        credentials: [{ type: 'password', value: 'wonder' }],
      },
    ],
    clients: [
      { clientId: 'backend', secret: 'backend-secret', serviceAccountsEnabled: true, directAccessGrantsEnabled: true },
    ],
  });
  const issued = await fetch(`${source.url}/realms/exported/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'backend',
      client_secret: 'backend-secret',
    }),
  });
  tokenFromSource = ((await issued.json()) as { access_token: string }).access_token;
  // What --data and --export write: the full export with passwords hashed (pbkdf2-sha256).
  const written = (await exportAllRealms(source)).find((rep) => rep.realm === 'exported');
  if (!written) throw new Error('realm "exported" was not exported');
  const { id: _id, realm: _name, ...rest } = written;
  exported = rest as RealmRepresentation;
  realm = await target.createRealm('export-import', rest);
});
afterAll(async () => {
  await source.close();
  await target.close();
});

describe(`a realm exported by the in-memory server, imported through POST /admin/realms (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('keeps its users with their passwords, hashed as Keycloak stores them', async () => {
    expect(exported.users?.find((u) => u.username === 'alice')?.credentials?.[0]).toMatchObject({
      type: 'password',
      credentialData: expect.stringContaining('pbkdf2-sha256'),
    });
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: form({
        grant_type: 'password',
        client_id: 'backend',
        client_secret: 'backend-secret',
        username: 'alice',
        password: 'wonder',
      }),
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ token_type: 'Bearer' });
  });

  it('keeps client secrets unmasked', async () => {
    expect(JSON.stringify(exported)).not.toContain('**********');
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: form({ grant_type: 'client_credentials', client_id: 'backend', client_secret: 'backend-secret' }),
    });
    expect(answer.status).toBe(200);
    const wrong = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: form({ grant_type: 'client_credentials', client_id: 'backend', client_secret: 'other' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({
      error: 'unauthorized_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  });

  it('keeps its signing keys: a token signed before the export verifies against the imported realm JWKS', async () => {
    const certs = await target.request('GET', `/realms/${realm}/protocol/openid-connect/certs`);
    expect(certs.status).toBe(200);
    const [header = '', payload = '', signature = ''] = tokenFromSource.split('.');
    const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string; alg: string };
    expect(alg).toBe('RS256');
    const jwk = (certs.json as { keys: (JsonWebKey & { kid: string })[] }).keys.find((key) => key.kid === kid);
    expect(jwk).toBeDefined();
    const valid = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
    expect(valid).toBe(true);
  });

  it('partially exports key providers without their keys, every component with subComponents, the default role brief', async () => {
    const answer = await target.request('POST', `/admin/realms/${realm}/partial-export`, { token: 'admin' });
    const rep = answer.json as {
      defaultRole: Record<string, unknown>;
      clientScopes: Record<string, unknown>[];
      components: Record<string, { providerId: string; config: Record<string, string[]>; subComponents?: unknown }[]>;
    };
    expect(Object.keys(rep.defaultRole).sort()).toEqual([
      'clientRole',
      'composite',
      'containerId',
      'description',
      'id',
      'name',
    ]);
    const keys = rep.components['org.keycloak.keys.KeyProvider'] ?? [];
    // The factories' declared settings only: no private key, certificate, secret or kid of a generated key.
    const generated = keys.filter((k) => k.providerId.endsWith('-generated'));
    expect(generated.map((k) => k.providerId).sort()).toEqual([
      'aes-generated',
      'hmac-generated',
      'rsa-enc-generated',
      'rsa-generated',
    ]);
    const material = ['privateKey', 'certificate', 'secret', 'kid'];
    expect(generated.flatMap((k) => Object.keys(k.config).filter((key) => material.includes(key)))).toEqual([]);
    // A scope without mappers (offline_access) has no protocolMappers at all.
    const offline = rep.clientScopes.find((scope) => scope['name'] === 'offline_access');
    expect(offline && 'protocolMappers' in offline).toBe(false);
    const components = Object.values(rep.components).flat();
    expect(components.length).toBeGreaterThan(4);
    expect(components.filter((c) => c.subComponents === undefined)).toEqual([]);
  });

  it('exports back from the target (partial-export) into a second in-memory server with its clients and roles', async () => {
    const back = await target.request(
      'POST',
      `/admin/realms/${realm}/partial-export?exportClients=true&exportGroupsAndRoles=true`,
      { token: 'admin' },
    );
    expect(back.status).toBe(200);
    const again = await startKeycloak({ realms: [{ ...(back.json as RealmRepresentation), realm: 'again' }] });
    try {
      const clients = await fetch(`${again.url}/realms/again/.well-known/openid-configuration`);
      expect(clients.status).toBe(200);
      expect(again.model.realm('again')?.clients.has('backend')).toBe(true);
      expect(again.model.realm('again')?.roles.has('offline_access')).toBe(true);
    } finally {
      await again.close();
    }
  });
});
