import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakAdmin } from '@keycloak-ts/core';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
let A: string;

const idFrom = (location: string | null): string => location?.split('/').pop() ?? '';

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-authn');
  A = `/admin/realms/${realm}/authentication`;
  admin = new KeycloakAdmin({
    serverUrl: target.url,
    username: 'admin',
    password: 'admin',
    realmName: realm,
    userRealmName: 'master',
  });
});
afterAll(() => target.close());

async function newFlow(alias: string): Promise<string> {
  const created = await target.request('POST', `${A}/flows`, {
    token: 'admin',
    json: { alias, description: 'd', providerId: 'basic-flow', topLevel: true, builtIn: false },
  });
  expect(created.status).toBe(201);
  return idFrom(created.headers.get('location'));
}

describe(`authentication flows (${targetKind})`, () => {
  it('lists the built-in top-level flows in the order Keycloak creates them, without saml ecp', async () => {
    const flows = await target.request('GET', `${A}/flows`, { token: 'admin' });
    const aliases = (flows.json as { alias: string }[]).map((f) => f.alias);
    expect(aliases.slice(0, 7)).toEqual([
      'browser',
      'direct grant',
      'registration',
      'reset credentials',
      'clients',
      'first broker login',
      'docker auth',
    ]);
  });

  it('writes the browser flow with its organization sub-flow and the export form of each execution', async () => {
    const flows = (await target.request('GET', `${A}/flows`, { token: 'admin' })).json as {
      alias: string;
      id: string;
    }[];
    const browser = await target.request('GET', `${A}/flows/${flows.find((f) => f.alias === 'browser')?.id}`, {
      token: 'admin',
    });
    expect(browser.json).toEqual({
      id: expect.any(String),
      alias: 'browser',
      description: 'Browser based authentication',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: true,
      authenticationExecutions: [
        {
          authenticator: 'auth-cookie',
          authenticatorFlow: false,
          requirement: 'ALTERNATIVE',
          priority: 10,
          autheticatorFlow: false,
          userSetupAllowed: false,
        },
        {
          authenticator: 'auth-spnego',
          authenticatorFlow: false,
          requirement: 'DISABLED',
          priority: 20,
          autheticatorFlow: false,
          userSetupAllowed: false,
        },
        {
          authenticator: 'identity-provider-redirector',
          authenticatorFlow: false,
          requirement: 'ALTERNATIVE',
          priority: 25,
          autheticatorFlow: false,
          userSetupAllowed: false,
        },
        {
          authenticatorFlow: true,
          requirement: 'ALTERNATIVE',
          priority: 26,
          autheticatorFlow: true,
          flowAlias: 'Organization',
          userSetupAllowed: false,
        },
        {
          authenticatorFlow: true,
          requirement: 'ALTERNATIVE',
          priority: 30,
          autheticatorFlow: true,
          flowAlias: 'forms',
          userSetupAllowed: false,
        },
      ],
    });
  });

  it('creates a flow (201 with Location), reads it back and lists it after the built-in ones', async () => {
    const id = await newFlow('created flow');
    const flow = await target.request('GET', `${A}/flows/${id}`, { token: 'admin' });
    expect(flow.json).toEqual({
      id,
      alias: 'created flow',
      description: 'd',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
      authenticationExecutions: [],
    });
    const aliases = ((await target.request('GET', `${A}/flows`, { token: 'admin' })).json as { alias: string }[]).map(
      (f) => f.alias,
    );
    expect(aliases.indexOf('created flow')).toBeGreaterThan(aliases.indexOf('docker auth'));
  });

  it('answers 409 with the alias for a second flow of the same name', async () => {
    await newFlow('twice');
    const again = await target.request('POST', `${A}/flows`, {
      token: 'admin',
      json: { alias: 'twice', providerId: 'basic-flow', topLevel: true },
    });
    expect([again.status, again.json]).toEqual([409, { errorMessage: 'Flow twice already exists' }]);
  });

  it('replaces a flow on PUT with the whole representation (204) and refuses an alias that another flow has', async () => {
    const id = await newFlow('to rename');
    const put = await target.request('PUT', `${A}/flows/${id}`, {
      token: 'admin',
      json: { alias: 'renamed', description: 'd2', providerId: 'basic-flow', topLevel: true, builtIn: false },
    });
    expect([put.status, put.text]).toEqual([204, '']);
    expect((await target.request('GET', `${A}/flows/${id}`, { token: 'admin' })).json).toMatchObject({
      alias: 'renamed',
      description: 'd2',
    });
    const taken = await target.request('PUT', `${A}/flows/${id}`, {
      token: 'admin',
      json: { alias: 'browser', providerId: 'basic-flow', topLevel: true },
    });
    expect([taken.status, taken.json]).toEqual([409, { errorMessage: 'Flow alias name already exists' }]);
  });

  it('answers a PUT without providerId with 409 conflict, the store refusing the empty column', async () => {
    const id = await newFlow('no provider');
    const put = await target.request('PUT', `${A}/flows/${id}`, {
      token: 'admin',
      json: { alias: 'no provider', description: 'x' },
    });
    expect([put.status, put.json]).toEqual([409, { error: 'conflict', error_description: 'Duplicate resource error' }]);
  });

  it('answers unknown flow ids with 404 and the message of each operation', async () => {
    const get = await target.request('GET', `${A}/flows/nope`, { token: 'admin' });
    expect([get.status, get.json]).toEqual([404, { error: 'Could not find flow with id' }]);
    const del = await target.request('DELETE', `${A}/flows/nope`, { token: 'admin' });
    expect([del.status, del.json]).toEqual([404, { error: 'Flow not found' }]);
    const executions = await target.request('GET', `${A}/flows/nope/executions`, { token: 'admin' });
    expect([executions.status, executions.json]).toEqual([404, { error: 'Flow not found' }]);
  });

  it('refuses to delete a built-in flow (400)', async () => {
    const flows = (await target.request('GET', `${A}/flows`, { token: 'admin' })).json as {
      alias: string;
      id: string;
    }[];
    const del = await target.request('DELETE', `${A}/flows/${flows.find((f) => f.alias === 'browser')?.id}`, {
      token: 'admin',
    });
    expect([del.status, del.json]).toEqual([400, { error: "Can't delete built in flow" }]);
  });

  it('copies a flow deeply (201, Location under the copy path) with sub-flows renamed after the copy', async () => {
    const copy = await target.request('POST', `${A}/flows/browser/copy`, {
      token: 'admin',
      json: { newName: 'browser copy' },
    });
    expect(copy.status).toBe(201);
    expect(copy.headers.get('location')).toMatch(
      new RegExp(`/admin/realms/${realm}/authentication/flows/browser/copy/[0-9a-f-]{36}$`),
    );
    const rows = (await target.request('GET', `${A}/flows/browser%20copy/executions`, { token: 'admin' })).json as {
      displayName: string;
      level: number;
    }[];
    expect(rows.filter((r) => r.level === 0).map((r) => r.displayName)).toEqual([
      'Cookie',
      'Kerberos',
      'Identity Provider Redirector',
      'browser copy Organization',
      'browser copy forms',
    ]);
    const flow = await target.request('GET', `${A}/flows/${idFrom(copy.headers.get('location'))}`, { token: 'admin' });
    expect(flow.json).toMatchObject({ alias: 'browser copy', builtIn: false, topLevel: true });
  });

  it('checks the new name before the flow when copying: 409 for a taken name, 404 for an unknown flow', async () => {
    const taken = await target.request('POST', `${A}/flows/nope/copy`, {
      token: 'admin',
      json: { newName: 'browser' },
    });
    expect([taken.status, taken.json]).toEqual([409, { errorMessage: 'New flow alias name already exists' }]);
    const missing = await target.request('POST', `${A}/flows/nope/copy`, {
      token: 'admin',
      json: { newName: 'fresh name' },
    });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Flow not found' }]);
  });
});

describe(`executions (${targetKind})`, () => {
  it('adds an authenticator as DISABLED, shown as an execution row without description', async () => {
    await newFlow('exec flow');
    const added = await target.request('POST', `${A}/flows/exec%20flow/executions/execution`, {
      token: 'admin',
      json: { provider: 'auth-cookie' },
    });
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toMatch(
      new RegExp(`/admin/realms/${realm}/authentication/executions/[0-9a-f-]{36}$`),
    );
    const rows = await target.request('GET', `${A}/flows/exec%20flow/executions`, { token: 'admin' });
    expect(rows.json).toEqual([
      {
        id: idFrom(added.headers.get('location')),
        requirement: 'DISABLED',
        displayName: 'Cookie',
        requirementChoices: ['REQUIRED', 'ALTERNATIVE', 'DISABLED'],
        configurable: false,
        providerId: 'auth-cookie',
        level: 0,
        index: 0,
        priority: 0,
      },
    ]);
  });

  it('reads an execution as AuthenticationExecutionRepresentation', async () => {
    const flowId = await newFlow('read exec');
    const added = await target.request('POST', `${A}/flows/read%20exec/executions/execution`, {
      token: 'admin',
      json: { provider: 'auth-otp-form' },
    });
    const id = idFrom(added.headers.get('location'));
    const read = await target.request('GET', `${A}/executions/${id}`, { token: 'admin' });
    expect(read.json).toEqual({
      id,
      authenticator: 'auth-otp-form',
      authenticatorFlow: false,
      autheticatorFlow: false,
      requirement: 'DISABLED',
      priority: 0,
      parentFlow: flowId,
    });
    const missing = await target.request('GET', `${A}/executions/nope`, { token: 'admin' });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Illegal execution' }]);
  });

  it('refuses an unknown provider, a built-in parent and a missing parent with 400', async () => {
    await newFlow('bad adds');
    const unknown = await target.request('POST', `${A}/flows/bad%20adds/executions/execution`, {
      token: 'admin',
      json: { provider: 'nope' },
    });
    expect([unknown.status, unknown.json]).toEqual([400, { error: 'No authentication provider found for id: nope' }]);
    const builtIn = await target.request('POST', `${A}/flows/browser/executions/execution`, {
      token: 'admin',
      json: { provider: 'auth-cookie' },
    });
    expect([builtIn.status, builtIn.json]).toEqual([
      400,
      { error: 'It is illegal to add execution to a built in flow' },
    ]);
    const missing = await target.request('POST', `${A}/flows/nope/executions/execution`, {
      token: 'admin',
      json: { provider: 'auth-cookie' },
    });
    expect([missing.status, missing.json]).toEqual([400, { error: "Parent flow doesn't exist" }]);
  });

  it('adds form sub-flows whose form actions take the choices of their factory', async () => {
    await newFlow('with form');
    const sub = await target.request('POST', `${A}/flows/with%20form/executions/flow`, {
      token: 'admin',
      json: { alias: 'a form', type: 'form-flow', provider: 'registration-page-form' },
    });
    expect(sub.status).toBe(201);
    expect(sub.headers.get('location')).toMatch(
      new RegExp(`/admin/realms/${realm}/authentication/flows/[0-9a-f-]{36}$`),
    );
    const action = await target.request('POST', `${A}/flows/a%20form/executions/execution`, {
      token: 'admin',
      json: { provider: 'registration-user-creation' },
    });
    expect(action.status).toBe(201);
    const wrongKind = await target.request('POST', `${A}/flows/a%20form/executions/execution`, {
      token: 'admin',
      json: { provider: 'auth-cookie' },
    });
    expect([wrongKind.status, wrongKind.json]).toEqual([
      400,
      { error: 'No authentication provider found for id: auth-cookie' },
    ]);
    const rows = (await target.request('GET', `${A}/flows/with%20form/executions`, { token: 'admin' })).json;
    expect(rows).toEqual([
      {
        id: expect.any(String),
        requirement: 'DISABLED',
        displayName: 'a form',
        description: '',
        requirementChoices: ['REQUIRED', 'DISABLED'],
        configurable: false,
        authenticationFlow: true,
        providerId: 'registration-page-form',
        flowId: idFrom(sub.headers.get('location')),
        level: 0,
        index: 0,
        priority: 0,
      },
      {
        id: idFrom(action.headers.get('location')),
        requirement: 'DISABLED',
        displayName: 'Registration User Profile Creation',
        requirementChoices: ['REQUIRED', 'DISABLED'],
        configurable: false,
        providerId: 'registration-user-creation',
        level: 1,
        index: 0,
        priority: 0,
      },
    ]);
  });

  it('answers 409 for a sub-flow whose alias is taken', async () => {
    await newFlow('sub dup');
    const taken = await target.request('POST', `${A}/flows/sub%20dup/executions/flow`, {
      token: 'admin',
      json: { alias: 'browser', type: 'basic-flow' },
    });
    expect([taken.status, taken.json]).toEqual([409, { errorMessage: 'New flow alias name already exists' }]);
    const missingParent = await target.request('POST', `${A}/flows/nope/executions/flow`, {
      token: 'admin',
      json: { alias: 'x', type: 'basic-flow' },
    });
    expect([missingParent.status, missingParent.json]).toEqual([400, { errorMessage: "Parent flow doesn't exist" }]);
  });

  it('changes a requirement through PUT .../executions (204) and moves executions with raise/lower-priority', async () => {
    await newFlow('moves');
    const first = idFrom(
      (
        await target.request('POST', `${A}/flows/moves/executions/execution`, {
          token: 'admin',
          json: { provider: 'auth-cookie' },
        })
      ).headers.get('location'),
    );
    await target.request('POST', `${A}/flows/moves/executions/execution`, {
      token: 'admin',
      json: { provider: 'auth-otp-form' },
    });
    const rows = (await target.request('GET', `${A}/flows/moves/executions`, { token: 'admin' })).json as Record<
      string,
      unknown
    >[];
    const put = await target.request('PUT', `${A}/flows/moves/executions`, {
      token: 'admin',
      json: { ...rows[0], requirement: 'ALTERNATIVE' },
    });
    expect([put.status, put.text]).toEqual([204, '']);
    const lowered = await target.request('POST', `${A}/executions/${first}/lower-priority`, { token: 'admin' });
    expect(lowered.status).toBe(204);
    const after = (await target.request('GET', `${A}/flows/moves/executions`, { token: 'admin' })).json as {
      providerId: string;
      requirement: string;
      priority: number;
    }[];
    expect(after.map((r) => [r.providerId, r.requirement, r.priority])).toEqual([
      ['auth-otp-form', 'DISABLED', 0],
      ['auth-cookie', 'ALTERNATIVE', 1],
    ]);
    const missing = await target.request('POST', `${A}/executions/nope/raise-priority`, { token: 'admin' });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Illegal execution' }]);
    const unknownFlow = await target.request('PUT', `${A}/flows/nope/executions`, { token: 'admin', json: rows[0] });
    expect([unknownFlow.status, unknownFlow.json]).toEqual([404, { error: 'flow not found' }]);
  });

  it('adds an execution through POST /executions with a parent flow id', async () => {
    const flowId = await newFlow('generic add');
    const added = await target.request('POST', `${A}/executions`, {
      token: 'admin',
      json: { parentFlow: flowId, authenticator: 'auth-otp-form', requirement: 'REQUIRED' },
    });
    expect(added.status).toBe(201);
    const read = await target.request('GET', `${A}/executions/${idFrom(added.headers.get('location'))}`, {
      token: 'admin',
    });
    expect(read.json).toMatchObject({ authenticator: 'auth-otp-form', requirement: 'REQUIRED', parentFlow: flowId });
  });
});

describe(`authenticator configs and providers (${targetKind})`, () => {
  it('creates, reads, updates and deletes an execution config, dropping empty values', async () => {
    await newFlow('configs');
    const exec = idFrom(
      (
        await target.request('POST', `${A}/flows/configs/executions/execution`, {
          token: 'admin',
          json: { provider: 'identity-provider-redirector' },
        })
      ).headers.get('location'),
    );
    const created = await target.request('POST', `${A}/executions/${exec}/config`, {
      token: 'admin',
      json: { alias: 'cfg1', config: { defaultProvider: 'x', empty: '' } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(
      new RegExp(`/authentication/executions/${exec}/config/[0-9a-f-]{36}$`),
    );
    const id = idFrom(created.headers.get('location'));
    expect((await target.request('GET', `${A}/config/${id}`, { token: 'admin' })).json).toEqual({
      id,
      alias: 'cfg1',
      config: { defaultProvider: 'x' },
    });
    const rows = (await target.request('GET', `${A}/flows/configs/executions`, { token: 'admin' })).json as Record<
      string,
      unknown
    >[];
    expect(rows[0]).toMatchObject({ configurable: true, alias: 'cfg1', authenticationConfig: id });
    expect(
      (
        await target.request('PUT', `${A}/config/${id}`, {
          token: 'admin',
          json: { alias: 'cfg2', config: { defaultProvider: 'y' } },
        })
      ).status,
    ).toBe(204);
    expect((await target.request('GET', `${A}/config/${id}`, { token: 'admin' })).json).toEqual({
      id,
      alias: 'cfg2',
      config: { defaultProvider: 'y' },
    });
    expect((await target.request('DELETE', `${A}/config/${id}`, { token: 'admin' })).status).toBe(204);
    const gone = await target.request('GET', `${A}/config/${id}`, { token: 'admin' });
    expect([gone.status, gone.json]).toEqual([404, { error: 'Could not find authenticator config' }]);
  });

  it('refuses a config without alias (409) and one for an unknown execution (404)', async () => {
    await newFlow('config errors');
    const exec = idFrom(
      (
        await target.request('POST', `${A}/flows/config%20errors/executions/execution`, {
          token: 'admin',
          json: { provider: 'identity-provider-redirector' },
        })
      ).headers.get('location'),
    );
    const noAlias = await target.request('POST', `${A}/executions/${exec}/config`, {
      token: 'admin',
      json: { config: { defaultProvider: 'x' } },
    });
    expect([noAlias.status, noAlias.json]).toEqual([
      409,
      { errorMessage: 'Failed to create authentication execution configuration with empty alias name' },
    ]);
    const unknown = await target.request('POST', `${A}/executions/nope/config`, {
      token: 'admin',
      json: { alias: 'c', config: {} },
    });
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'Illegal execution' }]);
  });

  it('describes the config of a provider, with an empty property list for one without settings', async () => {
    const redirector = await target.request('GET', `${A}/config-description/identity-provider-redirector`, {
      token: 'admin',
    });
    expect(redirector.json).toEqual({
      name: 'Identity Provider Redirector',
      providerId: 'identity-provider-redirector',
      helpText:
        'Redirects to default Identity Provider or Identity Provider specified with kc_idp_hint query parameter',
      properties: [
        {
          name: 'defaultProvider',
          label: 'Default Identity Provider',
          helpText: 'To automatically redirect to an identity provider set to the alias of the identity provider',
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
    });
    const cookie = await target.request('GET', `${A}/config-description/auth-cookie`, { token: 'admin' });
    expect([cookie.status, cookie.json]).toEqual([
      200,
      {
        name: 'Cookie',
        providerId: 'auth-cookie',
        helpText: 'Validates the SSO cookie set by the auth server.',
        properties: [],
      },
    ]);
    const unknown = await target.request('GET', `${A}/config-description/nope`, { token: 'admin' });
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'Could not find authenticator provider' }]);
  });

  it('lists the provider factories of each kind', async () => {
    const authenticators = (await target.request('GET', `${A}/authenticator-providers`, { token: 'admin' })).json as {
      id: string;
    }[];
    expect(authenticators).toHaveLength(42);
    expect(authenticators[0]).toEqual({
      id: 'auth-cookie',
      displayName: 'Cookie',
      description: 'Validates the SSO cookie set by the auth server.',
    });
    const clients = (await target.request('GET', `${A}/client-authenticator-providers`, { token: 'admin' })).json as {
      id: string;
    }[];
    expect(clients.map((c) => c.id).sort()).toEqual([
      'client-jwt',
      'client-secret',
      'client-secret-jwt',
      'client-x509',
      'federated-jwt',
    ]);
    expect(clients).toContainEqual({
      id: 'client-secret',
      displayName: 'Client Id and Secret',
      description:
        "Validates client based on 'client_id' and 'client_secret' sent either in request parameters or in 'Authorization: Basic' header",
      supportsSecret: true,
    });
    const formActions = (await target.request('GET', `${A}/form-action-providers`, { token: 'admin' })).json as {
      id: string;
    }[];
    expect(formActions).toHaveLength(5);
    const forms = await target.request('GET', `${A}/form-providers`, { token: 'admin' });
    expect(forms.json).toEqual([
      {
        id: 'registration-page-form',
        displayName: 'Registration Page',
        description: 'This is the controller for the registration page',
      },
    ]);
  });
});

describe(`required actions (${targetKind})`, () => {
  it('lists the registered actions by priority, with none left unregistered', async () => {
    const actions = (await target.request('GET', `${A}/required-actions`, { token: 'admin' })).json as {
      alias: string;
      priority: number;
    }[];
    expect(actions.map((a) => a.alias).slice(0, 5)).toEqual([
      'TERMS_AND_CONDITIONS',
      'UPDATE_PROFILE',
      'VERIFY_EMAIL',
      'CONFIGURE_TOTP',
      'UPDATE_PASSWORD',
    ]);
    expect(actions.find((a) => a.alias === 'CONFIGURE_TOTP')).toEqual({
      alias: 'CONFIGURE_TOTP',
      name: 'Configure OTP',
      providerId: 'CONFIGURE_TOTP',
      enabled: true,
      defaultAction: false,
      priority: 54,
      config: {},
    });
    expect((await target.request('GET', `${A}/unregistered-required-actions`, { token: 'admin' })).json).toEqual([]);
  });

  it('unregisters an action, lists it as unregistered, and registers it again at the end (409 when twice)', async () => {
    expect((await target.request('DELETE', `${A}/required-actions/delete_account`, { token: 'admin' })).status).toBe(
      204,
    );
    expect((await target.request('GET', `${A}/unregistered-required-actions`, { token: 'admin' })).json).toEqual([
      { providerId: 'delete_account', name: 'Delete Account' },
    ]);
    const registered = await target.request('POST', `${A}/register-required-action`, {
      token: 'admin',
      json: { providerId: 'delete_account', name: 'Delete Account' },
    });
    expect(registered.status).toBe(204);
    const again = await target.request('POST', `${A}/register-required-action`, {
      token: 'admin',
      json: { providerId: 'delete_account', name: 'Delete Account' },
    });
    expect([again.status, again.json]).toEqual([
      409,
      { error: 'conflict', error_description: 'A Required Action Provider with given alias already exists.' },
    ]);
    const unknown = await target.request('POST', `${A}/register-required-action`, {
      token: 'admin',
      json: { providerId: 'nope', name: 'x' },
    });
    expect([unknown.status, unknown.json]).toEqual([
      400,
      { error: 'Required Action Provider with given providerId not found' },
    ]);
    const read = await target.request('GET', `${A}/required-actions/delete_account`, { token: 'admin' });
    expect(read.json).toEqual({
      alias: 'delete_account',
      name: 'Delete Account',
      providerId: 'delete_account',
      enabled: true,
      defaultAction: false,
      priority: 1001,
      config: {},
    });
  });

  it('moves a required action by swapping priorities with its neighbour', async () => {
    expect(
      (await target.request('POST', `${A}/required-actions/UPDATE_PASSWORD/raise-priority`, { token: 'admin' })).status,
    ).toBe(204);
    const actions = (await target.request('GET', `${A}/required-actions`, { token: 'admin' })).json as {
      alias: string;
      priority: number;
    }[];
    expect(actions.slice(3, 5).map((a) => [a.alias, a.priority])).toEqual([
      ['UPDATE_PASSWORD', 54],
      ['CONFIGURE_TOTP', 57],
    ]);
    await target.request('POST', `${A}/required-actions/UPDATE_PASSWORD/lower-priority`, { token: 'admin' });
    const missing = await target.request('POST', `${A}/required-actions/nope/raise-priority`, { token: 'admin' });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Failed to find required action.' }]);
  });

  it('describes and stores the config of a configurable action, validating max_auth_age', async () => {
    const description = await target.request('GET', `${A}/required-actions/UPDATE_PASSWORD/config-description`, {
      token: 'admin',
    });
    expect(description.json).toEqual({
      properties: [
        expect.objectContaining({
          name: 'max_auth_age',
          label: 'Maximum Age of Authentication',
          type: 'String',
          defaultValue: 300,
        }),
      ],
    });
    expect(
      (
        await target.request('PUT', `${A}/required-actions/UPDATE_PASSWORD/config`, {
          token: 'admin',
          json: { config: { max_auth_age: '100', other: '1' } },
        })
      ).status,
    ).toBe(204);
    expect(
      (await target.request('GET', `${A}/required-actions/UPDATE_PASSWORD/config`, { token: 'admin' })).json,
    ).toEqual({ config: { max_auth_age: '100' } });
    expect(
      (await target.request('GET', `${A}/required-actions/UPDATE_PASSWORD`, { token: 'admin' })).json,
    ).toMatchObject({ config: { max_auth_age: '100' } });
    const invalid = await target.request('PUT', `${A}/required-actions/UPDATE_PASSWORD/config`, {
      token: 'admin',
      json: { config: { max_auth_age: 'abc' } },
    });
    expect([invalid.status, invalid.json]).toEqual([
      400,
      { field: 'max_auth_age', errorMessage: 'error-invalid-value', params: ['max_auth_age'] },
    ]);
    expect(
      (await target.request('DELETE', `${A}/required-actions/UPDATE_PASSWORD/config`, { token: 'admin' })).status,
    ).toBe(204);
    expect(
      (await target.request('GET', `${A}/required-actions/UPDATE_PASSWORD/config`, { token: 'admin' })).json,
    ).toEqual({ config: {} });
  });

  it('answers 400 for the config of an action that is not configurable and 404 for its description', async () => {
    const config = await target.request('GET', `${A}/required-actions/delete_account/config`, { token: 'admin' });
    expect([config.status, config.json]).toEqual([400, { error: 'RequiredAction is not configurable' }]);
    const description = await target.request('GET', `${A}/required-actions/nope/config-description`, {
      token: 'admin',
    });
    expect([description.status, description.json]).toEqual([
      404,
      { error: 'Could not find configurable RequiredAction provider' },
    ]);
    const missing = await target.request('GET', `${A}/required-actions/nope`, { token: 'admin' });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Failed to find required action' }]);
  });
});

describe(`python-keycloak's authentication methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, updates, copies and deletes a flow', async () => {
    const id = await admin.createAuthenticationFlow({
      alias: 'client flow',
      description: 'c',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await admin.createAuthenticationFlow(
        { alias: 'client flow', providerId: 'basic-flow', topLevel: true },
        { skipExists: true },
      ),
    ).toBe(id);
    await admin.updateAuthenticationFlow(id ?? '', {
      alias: 'client flow',
      description: 'changed',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
    });
    expect((await admin.getAuthenticationFlowForId(id ?? '')).description).toBe('changed');
    await admin.copyAuthenticationFlow({ newName: 'client flow copy' }, 'client flow');
    expect((await admin.getAuthenticationFlows()).map((f) => f.alias)).toContain('client flow copy');
    await admin.deleteAuthenticationFlow(id ?? '');
    await expect(admin.getAuthenticationFlowForId(id ?? '')).rejects.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
    });
  });

  it('adds executions, sub-flows and configs and reads the providers', async () => {
    await admin.createAuthenticationFlow({
      alias: 'py flow',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
    });
    const exec = await admin.createAuthenticationFlowExecution({ provider: 'identity-provider-redirector' }, 'py flow');
    await admin.createAuthenticationFlowSubflow(
      { alias: 'py sub', type: 'basic-flow', provider: 'registration-page-form' },
      'py flow',
    );
    expect(
      await admin.createAuthenticationFlowSubflow({ alias: 'py sub', type: 'basic-flow' }, 'py flow', {
        skipExists: true,
      }),
    ).toBeUndefined();
    const rows = await admin.getAuthenticationFlowExecutions('py flow');
    expect(rows.map((r) => r.displayName)).toEqual(['Identity Provider Redirector', 'py sub']);
    await admin.updateAuthenticationFlowExecutions({ ...rows[0], requirement: 'REQUIRED' }, 'py flow');
    expect((await admin.getAuthenticationFlowExecution(exec ?? '')).requirement).toBe('REQUIRED');
    await admin.changeExecutionPriority(exec ?? '', -1);
    expect((await admin.getAuthenticationFlowExecutions('py flow')).map((r) => r.displayName)).toEqual([
      'py sub',
      'Identity Provider Redirector',
    ]);
    const config = await admin.createExecutionConfig(exec ?? '', { alias: 'py cfg', config: { defaultProvider: 'p' } });
    await admin.updateAuthenticatorConfig({ alias: 'py cfg', config: { defaultProvider: 'q' } }, config ?? '');
    expect((await admin.getAuthenticatorConfig(config ?? '')).config).toEqual({ defaultProvider: 'q' });
    await admin.deleteAuthenticatorConfig(config ?? '');
    expect((await admin.getAuthenticatorProviders()).length).toBe(42);
    expect((await admin.getAuthenticatorProviderConfigDescription('auth-cookie')).properties).toEqual([]);
    await admin.deleteAuthenticationFlowExecution(exec ?? '');
    expect((await admin.getAuthenticationFlowExecutions('py flow')).map((r) => r.displayName)).toEqual(['py sub']);
  });

  it('reads and updates required actions', async () => {
    const actions = await admin.getRequiredActions();
    expect(actions.map((a) => a.alias)).toContain('VERIFY_PROFILE');
    const terms = await admin.getRequiredActionByAlias('TERMS_AND_CONDITIONS');
    expect(terms).toMatchObject({ name: 'Terms and Conditions', enabled: false, priority: 20 });
    await admin.updateRequiredAction('TERMS_AND_CONDITIONS', { ...terms, enabled: true });
    expect(await admin.getRequiredActionByAlias('TERMS_AND_CONDITIONS')).toMatchObject({ enabled: true });
    expect(await admin.getRequiredActionByAlias('nope')).toBeUndefined();
  });
});
