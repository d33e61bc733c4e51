import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_JSON, namesOf, realmAdmin, type RealmAdmin } from './support/admin-conformance.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let api: RealmAdmin;
let app: string;

const ACCESS = { view: true, configure: true, manage: true };

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-clients');
  api = realmAdmin(target, realm);
  app = await api.create('/clients', { clientId: 'app', serviceAccountsEnabled: true });
});
afterAll(() => target.close());

describe(`clients (${targetKind})`, () => {
  it("answers a new confidential client in Keycloak's representation, without empty protocolMappers", async () => {
    const got = await api.call('GET', `/clients/${app}`);
    expect(got.headers.get('content-type')).toBe(ADMIN_JSON);
    const rep = got.json as Record<string, unknown>;
    expect({
      ...rep,
      defaultClientScopes: (rep['defaultClientScopes'] as string[]).sort(),
      optionalClientScopes: (rep['optionalClientScopes'] as string[]).sort(),
    }).toEqual({
      id: app,
      clientId: 'app',
      surrogateAuthRequired: false,
      enabled: true,
      alwaysDisplayInConsole: false,
      clientAuthenticatorType: 'client-secret',
      secret: expect.any(String),
      redirectUris: [],
      webOrigins: [],
      notBefore: 0,
      bearerOnly: false,
      consentRequired: false,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
      publicClient: false,
      frontchannelLogout: false,
      protocol: 'openid-connect',
      attributes: { realm_client: 'false', 'client.secret.creation.time': expect.stringMatching(/^\d+$/) },
      authenticationFlowBindingOverrides: {},
      fullScopeAllowed: true,
      nodeReRegistrationTimeout: -1,
      defaultClientScopes: ['acr', 'basic', 'email', 'profile', 'roles', 'service_account', 'web-origins'],
      optionalClientScopes: ['address', 'microprofile-jwt', 'offline_access', 'organization', 'phone'],
      access: ACCESS,
    });
  });

  it('uses the generated id as clientId when none is sent, and keeps a secret for a bearer-only client', async () => {
    const id = await api.create('/clients', { name: 'nameless' });
    expect((await api.call('GET', `/clients/${id}`)).json).toMatchObject({ id, clientId: id, name: 'nameless' });
    const bearer = await api.create('/clients', { clientId: 'bearer', bearerOnly: true });
    expect((await api.call('GET', `/clients/${bearer}`)).json).toMatchObject({
      bearerOnly: true,
      secret: expect.any(String),
    });
    const pub = await api.create('/clients', { clientId: 'pub', publicClient: true });
    const pubRep = (await api.call('GET', `/clients/${pub}`)).json as Record<string, unknown>;
    expect(pubRep).not.toHaveProperty('secret');
    expect(pubRep['attributes']).toEqual({ realm_client: 'false' });
  });

  it("answers 409 for a taken clientId, and Keycloak's bodies for bad input", async () => {
    expect(await api.call('POST', '/clients', { json: { clientId: 'app' } })).toMatchObject({
      status: 409,
      json: { errorMessage: 'Client app already exists' },
    });
    expect((await api.call('POST', '/clients', { json: { clientId: 'typed', enabled: 'yes' } })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
  });

  it('finds clients by clientId, exactly or by search', async () => {
    expect(((await api.call('GET', '/clients?clientId=app')).json as { id: string }[]).map((c) => c.id)).toEqual([app]);
    expect(
      ((await api.call('GET', '/clients?clientId=ap&search=true')).json as { clientId: string }[]).map(
        (c) => c.clientId,
      ),
    ).toEqual(['app']);
  });

  it('updates a client and answers 404 "Could not find client" for an unknown id', async () => {
    expect(
      (await api.call('PUT', `/clients/${app}`, { json: { clientId: 'app', description: 'The app' } })).status,
    ).toBe(204);
    expect((await api.call('GET', `/clients/${app}`)).json).toMatchObject({ description: 'The app' });
    for (const method of ['GET', 'PUT', 'DELETE']) {
      expect(
        await api.call(method, '/clients/nope', method === 'PUT' ? { json: { clientId: 'x' } } : {}),
      ).toMatchObject({ status: 404, json: { error: 'Could not find client' } });
    }
  });

  it('regenerates the secret, stamping its creation time, and has no rotated secret', async () => {
    const before = ((await api.call('GET', `/clients/${app}/client-secret`)).json as { value: string }).value;
    const renewed = await api.call('POST', `/clients/${app}/client-secret`);
    expect(renewed.json).toEqual({ type: 'secret', value: expect.any(String) });
    expect((renewed.json as { value: string }).value).not.toBe(before);
    expect(await api.call('GET', `/clients/${app}/client-secret/rotated`)).toMatchObject({
      status: 404,
      json: { error: 'Client does not have a rotated secret' },
    });
    expect((await api.call('DELETE', `/clients/${app}/client-secret/rotated`)).status).toBe(204);
  });

  it("answers a new registration access token on the client's representation, without access", async () => {
    const answer = await api.call('POST', `/clients/${app}/registration-access-token`);
    expect(answer.status).toBe(200);
    const rep = answer.json as Record<string, unknown>;
    expect(rep).toMatchObject({
      id: app,
      clientId: 'app',
      registrationAccessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    expect(rep).not.toHaveProperty('access');
  });

  it('answers the service account user without its owning client', async () => {
    const user = (await api.call('GET', `/clients/${app}/service-account-user`)).json as Record<string, unknown>;
    expect(user).toEqual({
      id: expect.any(String),
      username: 'service-account-app',
      emailVerified: false,
      createdTimestamp: expect.any(Number),
      enabled: true,
      totp: false,
      disableableCredentialTypes: [],
      requiredActions: [],
      notBefore: 0,
    });
  });

  it('counts and lists no sessions for a client nobody logged in to', async () => {
    expect((await api.call('GET', `/clients/${app}/user-sessions`)).json).toEqual([]);
    expect((await api.call('GET', `/clients/${app}/offline-sessions`)).json).toEqual([]);
    expect((await api.call('GET', `/clients/${app}/session-count`)).json).toEqual({ count: 0 });
    expect((await api.call('GET', `/clients/${app}/offline-session-count`)).json).toEqual({ count: 0 });
  });

  it('deletes a client, then answers 404', async () => {
    const id = await api.create('/clients', { clientId: 'doomed' });
    expect((await api.call('DELETE', `/clients/${id}`)).status).toBe(204);
    expect(await api.call('DELETE', `/clients/${id}`)).toMatchObject({
      status: 404,
      json: { error: 'Could not find client' },
    });
  });
});

describe(`client installations (${targetKind})`, () => {
  it('answers keycloak.json as text/plain JSON', async () => {
    const answer = await api.call('GET', `/clients/${app}/installation/providers/keycloak-oidc-keycloak-json`);
    expect(answer.headers.get('content-type')).toBe('text/plain');
    const secret = ((await api.call('GET', `/clients/${app}/client-secret`)).json as { value: string }).value;
    expect(answer.json).toEqual({
      realm,
      'auth-server-url': `${target.url}/`,
      'ssl-required': 'external',
      resource: 'app',
      credentials: { secret },
      'confidential-port': 0,
    });
  });

  it('answers the JBoss subsystem XML and CLI, and 404 "Unknown Provider" for another id', async () => {
    const secret = ((await api.call('GET', `/clients/${app}/client-secret`)).json as { value: string }).value;
    const xml = await api.call('GET', `/clients/${app}/installation/providers/keycloak-oidc-jboss-subsystem`);
    expect(xml.headers.get('content-type')).toBe('text/plain');
    expect(xml.text).toBe(
      `<secure-deployment name="WAR MODULE NAME.war">\n    <realm>${realm}</realm>\n    <auth-server-url>${target.url}/</auth-server-url>\n    <ssl-required>EXTERNAL</ssl-required>\n    <resource>app</resource>\n    <credential name="secret">${secret}</credential>\n</secure-deployment>\n`,
    );
    const cli = await api.call('GET', `/clients/${app}/installation/providers/keycloak-oidc-jboss-subsystem-cli`);
    expect(cli.text).toBe(
      `/subsystem=keycloak/secure-deployment="WAR MODULE NAME.war"/:add( \\\n    realm="${realm}", \\\n    resource="app", \\\n    auth-server-url=${target.url}/, \\\n    ssl-required=EXTERNAL)\n\n/subsystem=keycloak/secure-deployment="WAR MODULE NAME.war"/credential=secret:add(value=${secret})\n`,
    );
    expect(await api.call('GET', `/clients/${app}/installation/providers/nope`)).toMatchObject({
      status: 404,
      json: { error: 'Unknown Provider' },
    });
  });
});

describe(`client cluster nodes (${targetKind})`, () => {
  it('registers a node, shown in registeredNodes, and unregisters it', async () => {
    expect((await api.call('POST', `/clients/${app}/nodes`, { json: { node: 'host-1' } })).status).toBe(204);
    expect(
      ((await api.call('GET', `/clients/${app}`)).json as { registeredNodes: Record<string, number> }).registeredNodes,
    ).toEqual({ 'host-1': expect.any(Number) });
    expect((await api.call('DELETE', `/clients/${app}/nodes/host-1`)).status).toBe(204);
    expect((await api.call('GET', `/clients/${app}`)).json).not.toHaveProperty('registeredNodes');
  });

  it("refuses a registration without node and an unknown node with Keycloak's messages", async () => {
    expect(await api.call('POST', `/clients/${app}/nodes`, { json: {} })).toMatchObject({
      status: 400,
      json: { error: 'Node not found in params' },
    });
    expect(await api.call('DELETE', `/clients/${app}/nodes/ghost`)).toMatchObject({
      status: 404,
      json: { error: 'Client does not have node ' },
    });
  });

  it('answers an empty global request result for node tests and revocation pushes', async () => {
    expect(await api.call('GET', `/clients/${app}/test-nodes-available`)).toMatchObject({ status: 200, json: {} });
    expect(await api.call('POST', `/clients/${app}/push-revocation`)).toMatchObject({ status: 200, json: {} });
  });
});

describe(`client protocol mappers (${targetKind})`, () => {
  const mapper = {
    name: 'tier',
    protocol: 'openid-connect',
    protocolMapper: 'oidc-hardcoded-claim-mapper',
    config: { 'claim.name': 'tier', 'claim.value': 'gold', 'access.token.claim': 'true', 'id.token.claim': 'true' },
  };

  it('adds a mapper, defaulting its introspection and userinfo claims from the access and ID token ones', async () => {
    const created = await api.call('POST', `/clients/${app}/protocol-mappers/models`, { json: mapper });
    expect(created.status).toBe(201);
    const id = (created.headers.get('location') ?? '').split('/').pop();
    expect((await api.call('GET', `/clients/${app}/protocol-mappers/models/${id}`)).json).toEqual({
      id,
      ...mapper,
      consentRequired: false,
      config: { ...mapper.config, 'introspection.token.claim': 'true', 'userinfo.token.claim': 'true' },
    });
    expect(namesOf((await api.call('GET', `/clients/${app}/protocol-mappers/protocol/openid-connect`)).json)).toEqual([
      'tier',
    ]);
  });

  it('answers 409 for a taken name and 404 "Model not found" for an unknown id', async () => {
    expect(await api.call('POST', `/clients/${app}/protocol-mappers/models`, { json: mapper })).toMatchObject({
      status: 409,
      json: { errorMessage: 'Protocol mapper exists with same name' },
    });
    expect(await api.call('GET', `/clients/${app}/protocol-mappers/models/nope`)).toMatchObject({
      status: 404,
      json: { error: 'Model not found' },
    });
  });

  it('answers 404 "ProtocolMapper provider not found" for a mapper type no provider has, adding none of a list', async () => {
    const notFound = { status: 404, json: { error: 'ProtocolMapper provider not found' } };
    const bogus = { name: 'bogus', protocol: 'openid-connect', protocolMapper: 'no-such-mapper', config: {} };
    expect(await api.call('POST', `/clients/${app}/protocol-mappers/models`, { json: bogus })).toMatchObject(notFound);
    const { protocolMapper: _type, ...untyped } = bogus;
    expect(await api.call('POST', `/clients/${app}/protocol-mappers/models`, { json: untyped })).toMatchObject(
      notFound,
    );
    const fine = { ...mapper, name: 'fine' };
    expect(
      await api.call('POST', `/clients/${app}/protocol-mappers/add-models`, { json: [fine, bogus] }),
    ).toMatchObject(notFound);
    expect(namesOf((await api.call('GET', `/clients/${app}/protocol-mappers/models`)).json)).toEqual(['tier']);
    // The provider is looked up by id whatever the mapper's protocol.
    const crossed = await api.call('POST', `/clients/${app}/protocol-mappers/models`, {
      json: { name: 'crossed', protocol: 'saml', protocolMapper: 'oidc-audience-mapper', config: {} },
    });
    expect(crossed.status).toBe(201);
    const crossedId = (crossed.headers.get('location') ?? '').split('/').pop();
    expect((await api.call('DELETE', `/clients/${app}/protocol-mappers/models/${crossedId}`)).status).toBe(204);
  });

  it('updates and deletes a mapper', async () => {
    const [found] = (await api.call('GET', `/clients/${app}/protocol-mappers/models`)).json as { id: string }[];
    expect(
      (
        await api.call('PUT', `/clients/${app}/protocol-mappers/models/${found?.id}`, {
          json: { ...mapper, id: found?.id, config: { 'claim.name': 'level' } },
        })
      ).status,
    ).toBe(204);
    expect((await api.call('DELETE', `/clients/${app}/protocol-mappers/models/${found?.id}`)).status).toBe(204);
    expect(await api.call('DELETE', `/clients/${app}/protocol-mappers/models/${found?.id}`)).toMatchObject({
      status: 404,
      json: { error: 'Model not found' },
    });
  });
});

describe(`python-keycloak client methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, finds, updates and deletes a client, and reads its secret, service account and installation', async () => {
    const admin = api.keycloakAdmin();
    try {
      const id = await admin.createClient({ clientId: 'py-client', serviceAccountsEnabled: true });
      expect(await admin.getClientId('py-client')).toBe(id);
      expect(await admin.getClient(id)).toMatchObject({ clientId: 'py-client', access: ACCESS });
      await admin.updateClient(id, { clientId: 'py-client', description: 'py' });
      expect((await admin.getClient(id)).description).toBe('py');
      expect(await admin.getClientSecrets(id)).toEqual({ type: 'secret', value: expect.any(String) });
      expect((await admin.getClientServiceAccountUser(id)).username).toBe('service-account-py-client');
      expect(await admin.getClientInstallationProvider(id, 'keycloak-oidc-keycloak-json')).toMatchObject({
        resource: 'py-client',
      });
      expect(await admin.getClientInstallationProvider(id, 'keycloak-oidc-jboss-subsystem')).toContain(
        '<resource>py-client</resource>',
      );
      const mapperId = await admin.addMapperToClient(id, {
        name: 'py-mapper',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-hardcoded-claim-mapper',
        config: { 'access.token.claim': 'true' },
      });
      expect(
        (await admin.getMappersFromClient(id)).map((m) => [m.id, m.config?.['introspection.token.claim']]),
      ).toEqual([[mapperId, 'true']]);
      await admin.deleteClient(id);
      await expect(admin.getClient(id)).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
    } finally {
      await admin.close();
    }
  });
});

describe(`client scope evaluation (${targetKind})`, () => {
  let narrow: string;
  beforeAll(async () => {
    narrow = await api.create('/clients', { clientId: 'narrow', fullScopeAllowed: false });
    await api.create('/roles', { name: 'in-scope' });
    await api.create('/roles', { name: 'out-of-scope' });
    const inScope = (await api.call('GET', '/roles/in-scope')).json;
    await api.call('POST', `/clients/${narrow}/scope-mappings/realm`, { json: [inScope] });
    await api.call('POST', `/clients/${narrow}/protocol-mappers/models`, {
      json: { name: 'own', protocol: 'openid-connect', protocolMapper: 'oidc-hardcoded-claim-mapper', config: {} },
    });
  });

  it('grants a narrow client only the realm roles in its scope, and those of a requested scope', async () => {
    expect(
      namesOf((await api.call('GET', `/clients/${narrow}/evaluate-scopes/scope-mappings/${realm}/granted`)).json),
    ).toEqual(['in-scope']);
    const notGranted = namesOf(
      (await api.call('GET', `/clients/${narrow}/evaluate-scopes/scope-mappings/${realm}/not-granted`)).json,
    );
    expect(notGranted).toContain('out-of-scope');
    expect(notGranted).not.toContain('in-scope');
    expect(
      namesOf(
        (
          await api.call(
            'GET',
            `/clients/${narrow}/evaluate-scopes/scope-mappings/${realm}/granted?scope=offline_access`,
          )
        ).json,
      ),
    ).toEqual(['in-scope', 'offline_access']);
  });

  it('grants a full-scope client every role of the container', async () => {
    const all = namesOf((await api.call('GET', '/roles')).json);
    expect(
      namesOf((await api.call('GET', `/clients/${app}/evaluate-scopes/scope-mappings/${realm}/granted`)).json),
    ).toEqual(all);
    expect((await api.call('GET', `/clients/${app}/evaluate-scopes/scope-mappings/${realm}/not-granted`)).json).toEqual(
      [],
    );
  });

  it('answers 404 "Role Container not found" for a container that is neither the realm nor a client', async () => {
    expect(await api.call('GET', `/clients/${narrow}/evaluate-scopes/scope-mappings/nope/granted`)).toMatchObject({
      status: 404,
      json: { error: 'Role Container not found' },
    });
  });

  it('lists the protocol mappers of the client and of its requested scopes', async () => {
    const mappers = (await api.call('GET', `/clients/${narrow}/evaluate-scopes/protocol-mappers?scope=openid`))
      .json as Record<string, unknown>[];
    expect(mappers).toContainEqual({
      mapperId: expect.any(String),
      mapperName: 'own',
      containerId: narrow,
      containerName: '',
      containerType: 'client',
      protocolMapper: 'oidc-hardcoded-claim-mapper',
    });
    expect([...new Set(mappers.map((m) => m['containerName']))].sort()).toEqual([
      '',
      'acr',
      'basic',
      'email',
      'profile',
      'roles',
      'web-origins',
    ]);
    const withPhone = (
      await api.call('GET', `/clients/${narrow}/evaluate-scopes/protocol-mappers?scope=openid%20phone`)
    ).json as Record<string, unknown>[];
    expect(withPhone.some((m) => m['containerName'] === 'phone')).toBe(true);
  });
});

describe(`example tokens of a client (${targetKind})`, () => {
  let account: string;
  let user: string;
  beforeAll(async () => {
    account = ((await api.call('GET', '/clients?clientId=account')).json as { id: string }[])[0]?.id ?? '';
    user = await api.create('/users', {
      username: 'sample',
      email: 'sample@example.com',
      firstName: 'Sam',
      lastName: 'Ple',
      enabled: true,
    });
  });

  it('answers 404 "No user found" for an unknown user', async () => {
    for (const kind of ['access-token', 'id-token', 'userinfo']) {
      expect(
        await api.call('GET', `/clients/${account}/evaluate-scopes/generate-example-${kind}?scope=openid&userId=nope`),
      ).toMatchObject({ status: 404, json: { error: 'No user found' } });
    }
  });

  it('answers the claims of an example access token, ID token and userinfo', async () => {
    const profile = {
      email_verified: false,
      name: 'Sam Ple',
      preferred_username: 'sample',
      given_name: 'Sam',
      family_name: 'Ple',
      email: 'sample@example.com',
    };
    const accessToken = (
      await api.call(
        'GET',
        `/clients/${account}/evaluate-scopes/generate-example-access-token?scope=openid&userId=${user}`,
      )
    ).json as Record<string, unknown>;
    // The order of the scope names is Keycloak's set order, not a contract: compared as a set.
    expect(String(accessToken['scope']).split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect({ ...accessToken, scope: undefined }).toEqual({
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.stringMatching(/^onrtna:/),
      iss: `${target.url}/realms/${realm}`,
      sub: user,
      typ: 'Bearer',
      azp: 'account',
      sid: expect.any(String),
      acr: '1',
      resource_access: { account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] } },
      scope: undefined,
      ...profile,
    });
    const idToken = (
      await api.call('GET', `/clients/${account}/evaluate-scopes/generate-example-id-token?scope=openid&userId=${user}`)
    ).json;
    expect(idToken).toEqual({
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.any(String),
      iss: `${target.url}/realms/${realm}`,
      aud: 'account',
      sub: user,
      typ: 'ID',
      azp: 'account',
      sid: expect.any(String),
      acr: '1',
      ...profile,
    });
    expect(
      (
        await api.call(
          'GET',
          `/clients/${account}/evaluate-scopes/generate-example-userinfo?scope=openid&userId=${user}`,
        )
      ).json,
    ).toEqual({ sub: user, ...profile });
  });
});

describe(`client key pairs (${targetKind})`, () => {
  it('generates a key pair and a self-signed certificate, then answers them as the key info', async () => {
    expect((await api.call('GET', `/clients/${app}/certificates/jwt.credential`)).json).toEqual({});
    const generated = await api.call('POST', `/clients/${app}/certificates/jwt.credential/generate`);
    expect(generated.status).toBe(200);
    const info = generated.json as { privateKey: string; certificate: string };
    expect(Object.keys(info).sort()).toEqual(['certificate', 'privateKey']);
    // A PKCS#1 RSAPrivateKey of a 4096-bit key, and an X.509 certificate.
    expect(info.privateKey.startsWith('MIIJ')).toBe(true);
    expect(info.certificate.startsWith('MII')).toBe(true);
    expect((await api.call('GET', `/clients/${app}/certificates/jwt.credential`)).json).toEqual(info);
    expect(
      ((await api.call('GET', `/clients/${app}`)).json as { attributes: Record<string, string> }).attributes,
    ).toMatchObject({ 'jwt.credential.certificate': info.certificate, 'jwt.credential.private.key': info.privateKey });
  });
});
