import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
let viewer: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/demo/authentication${path}`, as, body);
const flows = async (): Promise<Json[]> => (await call('GET', '/flows')).body as Json[];
const executions = async (alias: string): Promise<Json[]> =>
  (await call('GET', `/flows/${encodeURIComponent(alias)}/executions`)).body as Json[];
const lastSegment = (location: string | null): string => location?.split('/').pop() ?? '';

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  addAdminUser(kc, 'demo', 'realm-viewer', 'realm-viewer', 'realm-management', ['view-realm']);
  viewer = await tokenFor(kc, 'demo', 'realm-viewer', 'realm-viewer');
});
afterAll(() => kc.close());

describe('authentication flows', () => {
  it('lists the built-in top-level flows of a new realm without SAML ECP, executions in export form', async () => {
    const list = await flows();
    expect(list.map((f) => f['alias'])).toEqual(
      expect.arrayContaining([
        'browser',
        'direct grant',
        'registration',
        'reset credentials',
        'clients',
        'first broker login',
        'docker auth',
      ]),
    );
    expect(list.map((f) => f['alias'])).not.toContain('saml ecp');
    expect(list.map((f) => f['alias'])).not.toContain('forms');
    const browser = list.find((f) => f['alias'] === 'browser');
    expect(browser).toMatchObject({
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: true,
      description: 'Browser based authentication',
    });
    expect((browser!['authenticationExecutions'] as Json[])[4]).toEqual({
      authenticatorFlow: true,
      requirement: 'ALTERNATIVE',
      priority: 30,
      autheticatorFlow: true,
      flowAlias: 'forms',
      userSetupAllowed: false,
    });
  });

  it('creates a flow, answers Location with its id, and gets it by id', async () => {
    const created = await call('POST', '/flows', {
      alias: 'my flow',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
    });
    expect(created.status).toBe(201);
    const id = lastSegment(created.headers.get('location'));
    expect(created.headers.get('location')).toBe(`${kc.url}/admin/realms/demo/authentication/flows/${id}`);
    const got = await call('GET', `/flows/${id}`);
    expect(got.body).toEqual({
      id,
      alias: 'my flow',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
      authenticationExecutions: [],
    });
  });

  it('refuses a duplicate or empty alias with 409 and errorMessage, as ErrorResponse.exists', async () => {
    expect(await call('POST', '/flows', { alias: 'browser' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Flow browser already exists' },
    });
    expect(await call('POST', '/flows', { alias: '' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Failed to create flow with empty alias name' },
    });
    expect(await call('POST', '/flows', '{"alias":')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Cannot parse the JSON' },
    });
  });

  it('replaces a flow with 204, and refuses an alias another flow has', async () => {
    const id = lastSegment(
      (await call('POST', '/flows', { alias: 'to-rename', topLevel: true })).headers.get('location'),
    );
    const updated = await call('PUT', `/flows/${id}`, {
      alias: 'renamed',
      description: 'new text',
      providerId: 'basic-flow',
      topLevel: true,
    });
    expect(updated).toMatchObject({ status: 204 });
    expect((await call('GET', `/flows/${id}`)).body).toMatchObject({ alias: 'renamed', description: 'new text' });
    expect(await call('PUT', `/flows/${id}`, { alias: 'browser' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Flow alias name already exists' },
    });
    expect(await call('PUT', '/flows/nope', { alias: 'x' })).toMatchObject({
      status: 404,
      body: { error: 'Could not find flow with id' },
    });
  });

  it('copies a built-in flow deeply under a new name, sub-flows prefixed, not built in', async () => {
    expect((await call('POST', '/flows/browser/copy', { newName: 'browser copy' })).status).toBe(201);
    const copy = (await flows()).find((f) => f['alias'] === 'browser copy');
    expect(copy).toMatchObject({ builtIn: false, topLevel: true });
    const infos = await executions('browser copy');
    expect(infos.map((e) => e['displayName'])).toEqual([
      'Cookie',
      'Kerberos',
      'Identity Provider Redirector',
      'browser copy Organization',
      'browser copy Browser - Conditional Organization',
      'Condition - user configured',
      'Organization Identity-First Login',
      'browser copy forms',
      'Username Password Form',
      'browser copy Browser - Conditional 2FA',
      'Condition - user configured',
      'Condition - credential',
      'OTP Form',
      'WebAuthn Authenticator',
      'Recovery Authentication Code Form',
    ]);
    expect(infos.map((e) => e['level'])).toEqual([0, 0, 0, 0, 1, 2, 2, 0, 1, 1, 2, 2, 2, 2, 2]);
    const conditional = infos.find((e) => e['displayName'] === 'Condition - credential');
    const config = await call('GET', `/config/${String(conditional?.['authenticationConfig'])}`);
    expect(config.body).toMatchObject({
      alias: 'browser copy browser-conditional-credential',
      config: { credentials: 'webauthn-passwordless' },
    });
    expect(await call('POST', '/flows/browser/copy', { newName: 'browser copy' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'New flow alias name already exists' },
    });
    expect(await call('POST', '/flows/missing/copy', { newName: 'other' })).toMatchObject({
      status: 404,
      body: { error: 'Flow not found' },
    });
  });

  it('deletes a custom flow with its sub-flows, and refuses a built-in one', async () => {
    await call('POST', '/flows/direct%20grant/copy', { newName: 'dg' });
    const id = String((await flows()).find((f) => f['alias'] === 'dg')?.['id']);
    expect((await call('DELETE', `/flows/${id}`)).status).toBe(204);
    expect((await call('GET', `/flows/${id}`)).status).toBe(404);
    await expect(
      kc.model
        .exportRealm('demo')
        .then((r) => (r['authenticationFlows'] as Json[]).some((f) => String(f['alias']).startsWith('dg '))),
    ).resolves.toBe(false);
    const browserId = String((await flows()).find((f) => f['alias'] === 'browser')?.['id']);
    expect(await call('DELETE', `/flows/${browserId}`)).toMatchObject({
      status: 400,
      body: { error: "Can't delete built in flow" },
    });
    expect(await call('DELETE', '/flows/nope')).toMatchObject({ status: 404, body: { error: 'Flow not found' } });
  });
});

describe('executions', () => {
  it("describes a flow's executions with display names, requirement choices and levels", async () => {
    const infos = await executions('direct grant');
    expect(infos[0]).toEqual({
      id: expect.any(String),
      requirement: 'REQUIRED',
      level: 0,
      index: 0,
      priority: 10,
      displayName: 'Username Validation',
      requirementChoices: ['REQUIRED'],
      configurable: false,
      providerId: 'direct-grant-validate-username',
    });
    expect(infos[2]).toMatchObject({
      displayName: 'Direct Grant - Conditional OTP',
      authenticationFlow: true,
      requirement: 'CONDITIONAL',
      requirementChoices: ['REQUIRED', 'ALTERNATIVE', 'DISABLED', 'CONDITIONAL'],
    });
    expect(await call('GET', '/flows/missing/executions')).toMatchObject({
      status: 404,
      body: { error: 'Flow not found' },
    });
  });

  it('adds an execution and a sub-flow to a custom flow, at the next priority, DISABLED unless one choice', async () => {
    await call('POST', '/flows', { alias: 'custom', providerId: 'basic-flow', topLevel: true });
    const added = await call('POST', '/flows/custom/executions/execution', { provider: 'auth-cookie' });
    expect(added.status).toBe(201);
    const executionId = lastSegment(added.headers.get('location'));
    expect(added.headers.get('location')).toBe(`${kc.url}/admin/realms/demo/authentication/executions/${executionId}`);
    const sub = await call('POST', '/flows/custom/executions/flow', {
      alias: 'custom sub',
      type: 'basic-flow',
      description: 'inner',
    });
    expect(sub.status).toBe(201);
    const infos = await executions('custom');
    expect(infos.map((e) => [e['displayName'], e['requirement'], e['priority']])).toEqual([
      ['Cookie', 'DISABLED', 0],
      ['custom sub', 'DISABLED', 1],
    ]);
    expect((await call('GET', `/flows/${lastSegment(sub.headers.get('location'))}`)).body).toMatchObject({
      alias: 'custom sub',
      description: 'inner',
      topLevel: false,
    });
    expect((await call('GET', `/executions/${executionId}`)).body).toEqual({
      id: executionId,
      authenticator: 'auth-cookie',
      authenticatorFlow: false,
      autheticatorFlow: false,
      requirement: 'DISABLED',
      priority: 0,
      parentFlow: expect.any(String),
    });
  });

  it('refuses executions on built-in flows, unknown parents and unknown providers', async () => {
    expect(await call('POST', '/flows/browser/executions/execution', { provider: 'auth-cookie' })).toMatchObject({
      status: 400,
      body: { error: 'It is illegal to add execution to a built in flow' },
    });
    expect(await call('POST', '/flows/nope/executions/execution', { provider: 'auth-cookie' })).toMatchObject({
      status: 400,
      body: { error: "Parent flow doesn't exist" },
    });
    expect(await call('POST', '/flows/custom/executions/execution', { provider: 'no-such' })).toMatchObject({
      status: 400,
      body: { error: 'No authentication provider found for id: no-such' },
    });
    expect(await call('POST', '/flows/custom/executions/execution', { provider: 'client-secret' })).toMatchObject({
      status: 400,
    });
    expect(
      await call('POST', '/flows/custom/executions/flow', { alias: 'custom sub', type: 'basic-flow' }),
    ).toMatchObject({ status: 409, body: { errorMessage: 'New flow alias name already exists' } });
    expect(await call('POST', '/flows/browser/executions/flow', { alias: 'x', type: 'basic-flow' })).toMatchObject({
      status: 400,
      body: { error: 'It is illegal to add sub-flow to a built in flow' },
    });
  });

  it('changes a requirement, renames a sub-flow through its execution, and refuses unknown ones', async () => {
    const [cookie, sub] = await executions('custom');
    expect(await call('PUT', '/flows/custom/executions', { ...cookie, requirement: 'ALTERNATIVE' })).toMatchObject({
      status: 204,
    });
    expect((await executions('custom'))[0]?.['requirement']).toBe('ALTERNATIVE');
    expect(
      (await call('PUT', '/flows/custom/executions', { ...sub, displayName: 'custom inner', description: 'renamed' }))
        .status,
    ).toBe(204);
    expect((await executions('custom'))[1]).toMatchObject({ displayName: 'custom inner', description: 'renamed' });
    expect(await call('PUT', '/flows/custom/executions', { ...cookie, requirement: 'SOMETIMES' })).toMatchObject({
      status: 400,
      body: { error: 'Unknown requirement: SOMETIMES' },
    });
    expect(await call('PUT', '/flows/custom/executions', { id: 'nope', requirement: 'REQUIRED' })).toMatchObject({
      status: 404,
      body: { error: 'Illegal execution' },
    });
    expect(await call('PUT', '/flows/nope/executions', { id: 'x' })).toMatchObject({
      status: 404,
      body: { error: 'flow not found' },
    });
  });

  it('raises and lowers priorities by swapping with the neighbour; the first stays first', async () => {
    const [first, second] = await executions('custom');
    expect((await call('POST', `/executions/${String(second?.['id'])}/raise-priority`)).status).toBe(204);
    expect((await executions('custom')).map((e) => e['id'])).toEqual([second?.['id'], first?.['id']]);
    expect((await call('POST', `/executions/${String(second?.['id'])}/raise-priority`)).status).toBe(204);
    expect((await call('POST', `/executions/${String(second?.['id'])}/lower-priority`)).status).toBe(204);
    expect((await executions('custom')).map((e) => e['id'])).toEqual([first?.['id'], second?.['id']]);
    const builtIn = (await executions('browser'))[0];
    expect(await call('POST', `/executions/${String(builtIn?.['id'])}/raise-priority`)).toMatchObject({
      status: 400,
      body: { error: 'It is illegal to modify execution in a built in flow' },
    });
    expect(await call('POST', '/executions/nope/lower-priority')).toMatchObject({
      status: 404,
      body: { error: 'Illegal execution' },
    });
  });

  it('adds an execution through POST /executions with a parent flow id', async () => {
    const parentFlow = String((await flows()).find((f) => f['alias'] === 'custom')?.['id']);
    const added = await call('POST', '/executions', {
      parentFlow,
      authenticator: 'auth-otp-form',
      requirement: 'REQUIRED',
    });
    expect(added.status).toBe(201);
    expect((await call('GET', `/executions/${lastSegment(added.headers.get('location'))}`)).body).toMatchObject({
      authenticator: 'auth-otp-form',
      requirement: 'REQUIRED',
      priority: 2,
    });
    expect(await call('POST', '/executions', { authenticator: 'auth-otp-form' })).toMatchObject({
      status: 400,
      body: { error: 'parent flow not set on new execution' },
    });
    expect(await call('POST', '/executions', { parentFlow: 'nope', authenticator: 'auth-otp-form' })).toMatchObject({
      status: 400,
      body: { error: 'execution parent flow does not exist' },
    });
  });

  it('deletes an execution (a sub-flow with its flow) and refuses one of a built-in flow', async () => {
    const before = await executions('custom');
    const sub = before.find((e) => e['authenticationFlow'] === true);
    expect((await call('DELETE', `/executions/${String(sub?.['id'])}`)).status).toBe(204);
    expect((await call('GET', `/flows/${String(sub?.['flowId'])}`)).status).toBe(404);
    const builtIn = (await executions('browser'))[0];
    expect(await call('DELETE', `/executions/${String(builtIn?.['id'])}`)).toMatchObject({
      status: 400,
      body: { error: 'It is illegal to remove execution from a built in flow' },
    });
    expect(await call('DELETE', '/executions/nope')).toMatchObject({
      status: 404,
      body: { error: 'Illegal execution' },
    });
  });
});

describe('authenticator configs and providers', () => {
  it('creates a config for an execution, then reads, updates and deletes it', async () => {
    await call('POST', '/flows', { alias: 'configured', topLevel: true });
    const executionId = lastSegment(
      (
        await call('POST', '/flows/configured/executions/execution', { provider: 'identity-provider-redirector' })
      ).headers.get('location'),
    );
    const created = await call('POST', `/executions/${executionId}/config`, {
      alias: 'redirect',
      config: { defaultProvider: 'github', empty: '' },
    });
    expect(created.status).toBe(201);
    const configId = lastSegment(created.headers.get('location'));
    expect(created.headers.get('location')).toBe(
      `${kc.url}/admin/realms/demo/authentication/executions/${executionId}/config/${configId}`,
    );
    expect((await call('GET', `/config/${configId}`)).body).toEqual({
      id: configId,
      alias: 'redirect',
      config: { defaultProvider: 'github' },
    });
    expect((await executions('configured'))[0]).toMatchObject({
      alias: 'redirect',
      authenticationConfig: configId,
      configurable: true,
    });
    expect(
      (await call('PUT', `/config/${configId}`, { alias: 'redirect2', config: { defaultProvider: 'gitlab' } })).status,
    ).toBe(204);
    expect((await call('GET', `/config/${configId}`)).body).toMatchObject({
      alias: 'redirect2',
      config: { defaultProvider: 'gitlab' },
    });
    expect((await call('DELETE', `/config/${configId}`)).status).toBe(204);
    expect(await call('GET', `/config/${configId}`)).toMatchObject({
      status: 404,
      body: { error: 'Could not find authenticator config' },
    });
    expect((await executions('configured'))[0]).not.toHaveProperty('authenticationConfig');
    expect(await call('POST', `/executions/${executionId}/config`, { config: {} })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Failed to create authentication execution configuration with empty alias name' },
    });
  });

  it('lists authenticator, client-authenticator and form-action providers', async () => {
    const providers = (await call('GET', '/authenticator-providers')).body as Json[];
    expect(providers).toContainEqual({
      id: 'auth-otp-form',
      displayName: 'OTP Form',
      description: 'Validates a OTP on a separate OTP form.',
    });
    expect(providers.map((p) => p['id'])).not.toContain('client-secret');
    expect(((await call('GET', '/client-authenticator-providers')).body as Json[]).map((p) => p['id'])).toEqual([
      'client-jwt',
      'client-secret',
      'federated-jwt',
      'client-x509',
      'client-secret-jwt',
    ]);
  });

  it("describes a provider's config (empty for one without settings), and 404s an unknown one", async () => {
    const description = await call('GET', '/config-description/idp-review-profile');
    expect(description.body).toMatchObject({
      providerId: 'idp-review-profile',
      name: 'Review Profile',
      properties: [{ name: 'update.profile.on.first.login', type: 'List', defaultValue: 'missing' }],
    });
    expect(await call('GET', '/config-description/auth-cookie')).toMatchObject({
      status: 200,
      body: { properties: [] },
    });
    expect(await call('GET', '/config-description/nope')).toMatchObject({
      status: 404,
      body: { error: 'Could not find authenticator provider' },
    });
  });
});

describe('required actions', () => {
  it("lists Keycloak 26's registered required actions in priority order", async () => {
    const actions = (await call('GET', '/required-actions')).body as Json[];
    expect(actions.map((a) => a['alias']).slice(0, 5)).toEqual([
      'TERMS_AND_CONDITIONS',
      'UPDATE_PROFILE',
      'VERIFY_EMAIL',
      'CONFIGURE_TOTP',
      'UPDATE_PASSWORD',
    ]);
    expect(actions[3]).toEqual({
      alias: 'CONFIGURE_TOTP',
      name: 'Configure OTP',
      providerId: 'CONFIGURE_TOTP',
      enabled: true,
      defaultAction: false,
      priority: 54,
      config: {},
    });
  });

  it('gets one by alias, updates it, and reorders by priority', async () => {
    expect((await call('GET', '/required-actions/VERIFY_EMAIL')).body).toMatchObject({
      name: 'Verify Email',
      priority: 50,
    });
    const update = {
      alias: 'VERIFY_EMAIL',
      name: 'Verify Email',
      providerId: 'VERIFY_EMAIL',
      enabled: true,
      defaultAction: true,
      priority: 5,
      config: {},
    };
    expect((await call('PUT', '/required-actions/VERIFY_EMAIL', update)).status).toBe(204);
    const actions = (await call('GET', '/required-actions')).body as Json[];
    expect(actions[0]).toMatchObject({ alias: 'VERIFY_EMAIL', defaultAction: true, priority: 5 });
    expect(await call('GET', '/required-actions/NOPE')).toMatchObject({
      status: 404,
      body: { error: 'Failed to find required action' },
    });
    expect(await call('PUT', '/required-actions/NOPE', update)).toMatchObject({ status: 404 });
    expect(await call('PUT', '/required-actions/VERIFY_EMAIL', { ...update, priority: 'high' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });
});

describe('authentication permissions', () => {
  it('answers 401 without a token and 403 to a viewer who writes', async () => {
    expect(await adminCall(kc, 'GET', '/demo/authentication/flows')).toMatchObject({
      status: 401,
      body: { error: 'HTTP 401 Unauthorized' },
    });
    expect((await call('GET', '/flows', undefined, viewer)).status).toBe(200);
    expect((await call('GET', '/required-actions', undefined, viewer)).status).toBe(200);
    expect(await call('POST', '/flows', { alias: 'viewer flow' }, viewer)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
    expect((await call('PUT', '/required-actions/VERIFY_EMAIL', { alias: 'VERIFY_EMAIL' }, viewer)).status).toBe(403);
    expect((await call('GET', '/executions/x', undefined, viewer)).status).toBe(403);
  });

  it('keeps flows across a realm export and re-import', async () => {
    const exported = await kc.model.exportRealm('demo');
    kc.importRealm({ ...exported, realm: 'demo-copy', id: 'demo-copy-id' });
    const copied = (await adminCall(kc, 'GET', '/demo-copy/authentication/flows', token)).body as Json[];
    expect(copied.map((f) => f['alias'])).toContain('custom');
  });
});
