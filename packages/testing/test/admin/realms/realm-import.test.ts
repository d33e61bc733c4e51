import {
  RealmImportError,
  startKeycloak,
  type KeycloakTestServer,
  type RealmRepresentation,
} from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../../support.js';
import { adminCall, tokenFor } from '../admin-support.js';

// A realm export carrying the settings and content the admin areas keep outside the realm model.
const settings = {
  bruteForceProtected: true,
  permanentLockout: true,
  failureFactor: 2,
  eventsEnabled: true,
  eventsExpiration: 3600,
  eventsListeners: ['jboss-logging'],
  enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'],
  adminEventsEnabled: true,
  adminEventsDetailsEnabled: true,
  organizationsEnabled: true,
  otpPolicyDigits: 8,
  otpPolicyPeriod: 60,
  registrationAllowed: true,
};

function exported(name: string): RealmRepresentation {
  return {
    realm: name,
    enabled: true,
    ...settings,
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@acme.test',
        credentials: [{ type: 'password', value: 'wonder' }],
        federatedIdentities: [
          { identityProvider: 'github', userId: '42', userName: 'alice-gh' },
          { identityProvider: 'gone', userId: '7' },
        ],
      },
      { username: 'bob', enabled: true, credentials: [{ type: 'password', value: 'builder' }] },
    ],
    clients: [{ clientId: 'app', publicClient: true, directAccessGrantsEnabled: true }],
    identityProviders: [
      { alias: 'acme-sso', providerId: 'oidc', config: { clientId: 'broker', clientSecret: 'idp-s3cret' } },
      { alias: 'github', providerId: 'github', config: {} },
    ],
    identityProviderMappers: [
      {
        name: 'email',
        identityProviderAlias: 'acme-sso',
        identityProviderMapper: 'oidc-user-attribute-idp-mapper',
        config: { claim: 'email' },
      },
    ],
    organizations: [
      {
        name: 'Acme',
        alias: 'acme',
        enabled: true,
        description: 'Acme Inc',
        domains: [{ name: 'acme.test', verified: true }],
        attributes: { tier: ['gold'] },
        members: [{ username: 'alice', membershipType: 'UNMANAGED' }],
        identityProviders: [{ alias: 'acme-sso' }],
      },
    ],
  };
}

let kc: KeycloakTestServer;
let admin: string;
const call = (method: string, path: string, body?: unknown, server = kc, token = admin) =>
  adminCall(server, method, path, token, body);
const login = (realm: string, username: string, password: string, server = kc) =>
  postForm(`${server.url}/realms/${realm}/protocol/openid-connect/token`, {
    grant_type: 'password',
    client_id: 'app',
    username,
    password,
  });
const userId = (realm: string, username: string, server = kc): string =>
  [...(server.model.realm(realm)?.users.values() ?? [])].find((u) => u.username === username)?.id ?? '';

beforeAll(async () => {
  kc = await startKeycloak({ realms: [exported('acme')] });
  admin = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

describe('realm import fidelity', () => {
  it('answers the imported settings from GET /admin/realms/{realm} and the events config', async () => {
    expect((await call('GET', '/acme')).body).toMatchObject(settings);
    expect((await call('GET', '/acme/events/config')).body).toMatchObject({
      eventsEnabled: true,
      eventsExpiration: 3600,
      enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'],
      adminEventsEnabled: true,
    });
  });

  it('locks a user out after the imported failureFactor, permanently, and records the failures as events', async () => {
    const wrong = { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid user credentials' } };
    expect(await login('acme', 'bob', 'wrong')).toMatchObject(wrong);
    expect(await login('acme', 'bob', 'wrong')).toMatchObject(wrong);
    expect(await login('acme', 'bob', 'builder')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await call('GET', `/acme/attack-detection/brute-force/users/${userId('acme', 'bob')}`)).body).toMatchObject(
      { numFailures: 2, disabled: true },
    );
    const events = (await call('GET', '/acme/events?type=LOGIN_ERROR')).body as { userId: string; error: string }[];
    // Newest first: the two bad passwords are the oldest of bob's failures (the third is the locked-out login).
    expect(
      events
        .filter((e) => e.userId === userId('acme', 'bob'))
        .map((e) => e.error)
        .slice(-2),
    ).toEqual(['invalid_user_credentials', 'invalid_user_credentials']);
  });

  it('records admin events with their representation, as the imported realm asks', async () => {
    expect((await call('PUT', '/acme', { displayName: 'Acme realm' })).status).toBe(204);
    const events = (await call('GET', '/acme/admin-events')).body as {
      operationType: string;
      representation?: string;
    }[];
    expect(events[0]).toMatchObject({ operationType: 'UPDATE', representation: expect.stringContaining('Acme realm') });
  });

  it('imports identity providers with their mappers, masking the secret on read', async () => {
    const providers = (await call('GET', '/acme/identity-provider/instances')).body as {
      alias: string;
      config: Record<string, string>;
    }[];
    expect(providers.map((p) => p.alias)).toEqual(['acme-sso', 'github']);
    expect(providers[0]?.config).toEqual({ clientId: 'broker', clientSecret: '**********' });
    expect((await call('GET', '/acme/identity-provider/instances/acme-sso/mappers')).body).toEqual([
      {
        id: expect.any(String),
        name: 'email',
        identityProviderAlias: 'acme-sso',
        identityProviderMapper: 'oidc-user-attribute-idp-mapper',
        config: { claim: 'email' },
      },
    ]);
  });

  it("imports users' social links, listing only those whose identity provider exists", async () => {
    expect((await call('GET', `/acme/users/${userId('acme', 'alice')}/federated-identity`)).body).toEqual([
      { identityProvider: 'github', userId: '42', userName: 'alice-gh' },
    ]);
  });

  it('writes settings and identity providers, secrets masked, into a partial export, but no organizations', async () => {
    const { body } = await call('POST', '/acme/partial-export');
    const rep = body as { identityProviders: { alias: string; config: Record<string, string> }[] } & Record<
      string,
      unknown
    >;
    expect(rep).toMatchObject({ organizationsEnabled: true, eventsExpiration: 3600, otpPolicyDigits: 8 });
    expect(rep.identityProviders.find((p) => p.alias === 'acme-sso')?.config).toEqual({
      clientId: 'broker',
      clientSecret: '**********',
    });
    expect(rep).not.toHaveProperty('organizations');
    expect(rep).not.toHaveProperty('users');
  });

  it('partially imports identity providers, with 409 for an existing alias under FAIL', async () => {
    expect((await call('POST', '', { realm: 'copy', enabled: true })).status).toBe(201);
    const providers = [{ alias: 'acme-sso', providerId: 'oidc', config: { clientId: 'broker' } }];
    const added = await call('POST', '/copy/partialImport', { identityProviders: providers });
    const stored = kc.model.realm('copy')?.extensions['identityProviders'] as
      | { providers: Map<string, { internalId: string }> }
      | undefined;
    expect(added.body).toEqual({
      overwritten: 0,
      added: 1,
      skipped: 0,
      results: [
        {
          action: 'ADDED',
          resourceType: 'IDP',
          resourceName: 'acme-sso',
          id: stored?.providers.get('acme-sso')?.internalId,
        },
      ],
    });
    expect((await call('GET', '/copy/identity-provider/instances/acme-sso')).body).toMatchObject({
      alias: 'acme-sso',
      providerId: 'oidc',
      enabled: true,
    });
    expect(await call('POST', '/copy/partialImport', { identityProviders: providers })).toMatchObject({
      status: 409,
      body: { errorMessage: "Identity Provider 'acme-sso' already exists." },
    });
    expect(await call('POST', '/copy/partialImport', { identityProviders: [{ alias: 'x' }] })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });

  it('imports organizations with their members and identity providers', async () => {
    const orgs = (await call('GET', '/acme/organizations?briefRepresentation=false')).body as { id: string }[];
    expect(orgs).toEqual([
      {
        id: expect.any(String),
        name: 'Acme',
        alias: 'acme',
        enabled: true,
        description: 'Acme Inc',
        attributes: { tier: ['gold'] },
        domains: [{ name: 'acme.test', verified: true }],
      },
    ]);
    const org = orgs[0]?.id ?? '';
    expect((await call('GET', `/acme/organizations/${org}/members`)).body).toMatchObject([
      { username: 'alice', membershipType: 'UNMANAGED' },
    ]);
    expect((await call('GET', `/acme/organizations/${org}/identity-providers`)).body).toMatchObject([
      { alias: 'acme-sso', organizationId: org },
    ]);
  });

  it('honours the same settings for a realm created with POST /admin/realms and for importRealm', async () => {
    expect((await call('POST', '', { ...exported('posted'), users: [], organizations: [] })).status).toBe(201);
    expect((await call('GET', '/posted')).body).toMatchObject(settings);
    kc.importRealm({ ...exported('runtime'), organizations: [] });
    expect((await call('GET', '/runtime')).body).toMatchObject(settings);
    expect((await call('GET', '/runtime/organizations')).status).toBe(200);
  });

  it('gives the same realm back after an export and an import into a second server', async () => {
    await call('PUT', '/acme', {
      bruteForceProtected: false,
      webAuthnPolicyRpEntityName: 'acme',
      smtpServer: { host: 'mail.acme.test', from: 'no-reply@acme.test' },
    });
    const second = await startKeycloak({ realms: [await kc.model.exportRealm('acme')] });
    try {
      const token = await tokenFor(second, 'master', 'admin', 'admin');
      const paths = [
        '/acme',
        '/acme/events/config',
        '/acme/identity-provider/instances',
        '/acme/identity-provider/instances/acme-sso/mappers',
        '/acme/organizations?briefRepresentation=false',
      ];
      for (const path of paths)
        expect([path, (await call('GET', path, undefined, second, token)).body]).toEqual([
          path,
          (await call('GET', path)).body,
        ]);
      const org = ((await call('GET', '/acme/organizations')).body as { id: string }[])[0]?.id ?? '';
      const alice = userId('acme', 'alice');
      for (const path of [
        `/acme/organizations/${org}/members`,
        `/acme/organizations/${org}/identity-providers`,
        `/acme/users/${alice}/federated-identity`,
      ]) {
        expect((await call('GET', path, undefined, second, token)).body).toEqual((await call('GET', path)).body);
      }
      expect(second.model.realm('acme')?.extensions['identityProviders']).toEqual(
        kc.model.realm('acme')?.extensions['identityProviders'],
      );
      expect(second.model.realm('acme')?.users.get(alice)?.federatedIdentities).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});

describe('realm import of bad input', () => {
  const failureOf = async (rep: RealmRepresentation): Promise<unknown> => {
    const server = await startKeycloak({ realms: [rep] }).catch((error: unknown) => error);
    if (!(server instanceof Error)) await (server as KeycloakTestServer).close();
    return server;
  };

  it('refuses a setting of the wrong JSON type with a RealmImportError naming it', async () => {
    const error = await failureOf({ realm: 'bad', bruteForceProtected: 'yes' });
    expect(error).toBeInstanceOf(RealmImportError);
    expect((error as Error).message).toBe(
      'realm "bad": the realm setting "bruteForceProtected" has the wrong JSON type',
    );
  });

  it('refuses an organization member or identity provider the realm does not have', async () => {
    const ghostMember = await failureOf({
      realm: 'bad',
      organizations: [{ name: 'Org', members: [{ username: 'ghost' }] }],
    });
    expect((ghostMember as Error).message).toBe('realm "bad": organizations[0].members[0] names no user of the realm');
    const ghostProvider = await failureOf({
      realm: 'bad',
      organizations: [{ name: 'Org', identityProviders: [{ alias: 'ghost' }] }],
    });
    expect((ghostProvider as Error).message).toBe(
      'realm "bad": organizations[0].identityProviders[0] names no identity provider of the realm',
    );
    const badMapper = await failureOf({
      realm: 'bad',
      identityProviderMappers: [{ name: 'm', identityProviderMapper: 'x', identityProviderAlias: 'ghost' }],
    });
    expect((badMapper as Error).message).toBe(
      'realm "bad": identityProviderMappers[0] names no identity provider of the realm',
    );
  });

  it('answers 400 to POST /admin/realms with a setting of the wrong type and creates no realm', async () => {
    expect(await call('POST', '', { realm: 'typo', eventsEnabled: 'true' })).toMatchObject({
      status: 400,
      body: { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    });
    expect((await call('GET', '/typo')).status).toBe(404);
  });
});
