import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer, type ProtocolMapperRepresentation } from '@keycloak-ts/testing';
import { basic, postForm } from '../support.js';

const flags = (access: boolean, id: boolean, userinfo: boolean) => ({
  'access.token.claim': String(access),
  'id.token.claim': String(id),
  'userinfo.token.claim': String(userinfo),
  'introspection.token.claim': 'true',
});
const mapper = (
  name: string,
  protocolMapper: string,
  config: Record<string, string>,
): ProtocolMapperRepresentation => ({ name, protocol: 'openid-connect', protocolMapper, config });

let kc: KeycloakTestServer;
let oidc: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        realm: 'mapped',
        enabled: true,
        roles: {
          realm: [{ name: 'reader' }, { name: 'editor', composite: true, composites: { realm: ['reader'] } }],
          client: { backend: [{ name: 'admin' }] },
        },
        users: [
          {
            username: 'mia',
            enabled: true,
            firstName: 'Mia',
            credentials: [{ type: 'password', value: 'pw' }],
            attributes: { dept: ['ops', 'dev'], level: ['7'] },
            realmRoles: ['editor'],
            clientRoles: { backend: ['admin'] },
          },
        ],
        clients: [
          { clientId: 'backend', secret: 'backend-secret' },
          {
            clientId: 'web',
            publicClient: true,
            directAccessGrantsEnabled: true,
            protocolMappers: [
              mapper('audience', 'oidc-audience-mapper', {
                'included.client.audience': 'backend',
                ...flags(true, false, false),
              }),
              mapper('custom audience', 'oidc-audience-mapper', {
                'included.custom.audience': 'https://api.example',
                ...flags(true, false, false),
              }),
              mapper('tenant', 'oidc-hardcoded-claim-mapper', {
                'claim.name': 'tenant.id',
                'claim.value': '42',
                'jsonType.label': 'long',
                ...flags(true, true, true),
              }),
              mapper('dept', 'oidc-usermodel-attribute-mapper', {
                'user.attribute': 'dept',
                'claim.name': 'departments',
                multivalued: 'true',
                'jsonType.label': 'String',
                ...flags(true, false, true),
              }),
              mapper('level', 'oidc-usermodel-attribute-mapper', {
                'user.attribute': 'level',
                'claim.name': 'level',
                'jsonType.label': 'int',
                ...flags(false, true, false),
              }),
              mapper('realm roles', 'oidc-usermodel-realm-role-mapper', {
                'claim.name': 'my_roles',
                multivalued: 'true',
                'usermodel.realmRoleMapping.rolePrefix': 'realm:',
                ...flags(true, false, false),
              }),
              mapper('backend roles', 'oidc-usermodel-client-role-mapper', {
                'usermodel.clientRoleMapping.clientId': 'backend',
                'claim.name': 'backend_roles',
                multivalued: 'true',
                ...flags(true, true, false),
              }),
            ],
          },
        ],
      },
    ],
  });
  oidc = `${kc.url}/realms/mapped/protocol/openid-connect`;
});
afterAll(() => kc.close());

async function tokens() {
  const { status, body } = await postForm(`${oidc}/token`, {
    grant_type: 'password',
    client_id: 'web',
    username: 'mia',
    password: 'pw',
    scope: 'openid',
  });
  expect(status).toBe(200);
  return body as { access_token: string; id_token: string };
}

describe('protocol mappers of a client', () => {
  it('put the audience, hardcoded, attribute and role claims into the access token', async () => {
    const access = decodeJwt((await tokens()).access_token);
    expect([access.aud].flat().sort()).toEqual(['backend', 'https://api.example']);
    expect(access['tenant']).toEqual({ id: 42 });
    expect(access['departments']).toEqual(['ops', 'dev']);
    expect(access['level']).toBeUndefined();
    // Effective roles: editor's composite brings reader.
    expect((access['my_roles'] as string[]).slice().sort()).toEqual(['realm:editor', 'realm:reader']);
    expect(access['backend_roles']).toEqual(['admin']);
  });

  it("honour each mapper's ID token flag", async () => {
    const id = decodeJwt((await tokens()).id_token);
    expect(id.aud).toBe('web');
    expect(id['tenant']).toEqual({ id: 42 });
    expect(id['level']).toBe(7);
    expect(id['backend_roles']).toEqual(['admin']);
    expect(id['departments']).toBeUndefined();
    expect(id['my_roles']).toBeUndefined();
  });

  it("honour each mapper's userinfo flag", async () => {
    const response = await fetch(`${oidc}/userinfo`, {
      headers: { authorization: `Bearer ${(await tokens()).access_token}` },
    });
    const claims = (await response.json()) as Record<string, unknown>;
    expect(claims).toMatchObject({ tenant: { id: 42 }, departments: ['ops', 'dev'] });
    expect(claims['level']).toBeUndefined();
    expect(claims['backend_roles']).toBeUndefined();
  });

  it('let the audience client introspect the token', async () => {
    const { body } = await postForm(
      `${oidc}/token/introspect`,
      { token: (await tokens()).access_token },
      { authorization: basic('backend', 'backend-secret') },
    );
    expect(body).toMatchObject({ active: true, client_id: 'web', tenant: { id: 42 } });
  });
});
