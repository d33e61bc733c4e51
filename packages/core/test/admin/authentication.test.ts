import { KeycloakDeleteError, KeycloakGetError, KeycloakPostError, KeycloakPutError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { demoRealm, rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([demoRealm]);
const demoAdmin = () => kc.admin({ realmName: 'demo', userRealmName: 'master' });

describe('KeycloakAdmin authentication flow methods', () => {
  it('lists the built-in flows and gets one by id', async () => {
    const admin = demoAdmin();
    const flows = await admin.getAuthenticationFlows();
    const browser = flows.find((f) => f.alias === 'browser');
    expect(browser).toMatchObject({ builtIn: true, topLevel: true, providerId: 'basic-flow' });
    await expect(admin.getAuthenticationFlowForId(browser?.id ?? '')).resolves.toMatchObject({ alias: 'browser' });
    const missing = await rejectionOf(admin.getAuthenticationFlowForId('nope'));
    expect(missing).toBeInstanceOf(KeycloakGetError);
    expect(missing).toMatchObject({ code: 'ERR_HTTP', status: 404, body: { error: 'Could not find flow with id' } });
  });

  it('creates a flow resolving to its id; a duplicate fails with 409 or, with skipExists, resolves to the existing id', async () => {
    const admin = demoAdmin();
    const id = await admin.createAuthenticationFlow({
      alias: 'mine',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
    });
    await expect(admin.getAuthenticationFlowForId(id ?? '')).resolves.toMatchObject({ alias: 'mine' });
    const duplicate = await rejectionOf(admin.createAuthenticationFlow({ alias: 'mine' }));
    expect(duplicate).toBeInstanceOf(KeycloakPostError);
    expect(duplicate).toMatchObject({ status: 409, body: { errorMessage: 'Flow mine already exists' } });
    await expect(admin.createAuthenticationFlow({ alias: 'mine', topLevel: true }, { skipExists: true })).resolves.toBe(
      id,
    );
  });

  it('updates, copies and deletes flows; a built-in one cannot be deleted', async () => {
    const admin = demoAdmin();
    const id = (await admin.createAuthenticationFlow({ alias: 'editable', topLevel: true })) ?? '';
    // Keycloak replaces the flow with the representation and answers 204 without a body.
    await expect(
      admin.updateAuthenticationFlow(id, {
        alias: 'edited',
        description: 'now',
        providerId: 'basic-flow',
        topLevel: true,
      }),
    ).resolves.toBeUndefined();
    expect(await admin.getAuthenticationFlowForId(id)).toMatchObject({ id, alias: 'edited', description: 'now' });
    await admin.copyAuthenticationFlow({ newName: 'browser2' }, 'browser');
    const copy = (await admin.getAuthenticationFlows()).find((f) => f.alias === 'browser2');
    expect(copy).toMatchObject({ builtIn: false });
    await admin.deleteAuthenticationFlow(id);
    await expect(admin.getAuthenticationFlowForId(id)).rejects.toMatchObject({ status: 404 });
    const builtIn = (await admin.getAuthenticationFlows()).find((f) => f.alias === 'browser')?.id ?? '';
    const refused = await rejectionOf(admin.deleteAuthenticationFlow(builtIn));
    expect(refused).toBeInstanceOf(KeycloakDeleteError);
    expect(refused).toMatchObject({ status: 400, body: { error: "Can't delete built in flow" } });
    const badUpdate = await rejectionOf(admin.updateAuthenticationFlow(copy?.id ?? '', { alias: 'browser' }));
    expect(badUpdate).toBeInstanceOf(KeycloakPutError);
    expect(badUpdate).toMatchObject({ status: 409 });
  });
});

describe('KeycloakAdmin execution and authenticator config methods', () => {
  it('adds executions and a sub-flow, reorders them with changeExecutionPriority, and updates a requirement', async () => {
    const admin = demoAdmin();
    await admin.createAuthenticationFlow({ alias: 'steps', providerId: 'basic-flow', topLevel: true });
    const cookie = (await admin.createAuthenticationFlowExecution({ provider: 'auth-cookie' }, 'steps')) ?? '';
    const otp = (await admin.createAuthenticationFlowExecution({ provider: 'auth-otp-form' }, 'steps')) ?? '';
    const subFlow = await admin.createAuthenticationFlowSubflow(
      { alias: 'steps inner', type: 'basic-flow', description: 'inner' },
      'steps',
    );
    await expect(admin.getAuthenticationFlowForId(subFlow ?? '')).resolves.toMatchObject({ alias: 'steps inner' });
    await expect(
      admin.createAuthenticationFlowSubflow({ alias: 'steps inner', type: 'basic-flow' }, 'steps', {
        skipExists: true,
      }),
    ).resolves.toBeUndefined();
    await admin.changeExecutionPriority(otp, 1);
    expect((await admin.getAuthenticationFlowExecutions('steps')).map((e) => e.id).slice(0, 2)).toEqual([otp, cookie]);
    await admin.changeExecutionPriority(otp, -2);
    expect((await admin.getAuthenticationFlowExecutions('steps')).map((e) => e.displayName)).toEqual([
      'Cookie',
      'steps inner',
      'OTP Form',
    ]);
    const [first] = await admin.getAuthenticationFlowExecutions('steps');
    await admin.updateAuthenticationFlowExecutions({ ...first, requirement: 'ALTERNATIVE' }, 'steps');
    await expect(admin.getAuthenticationFlowExecution(cookie)).resolves.toMatchObject({
      id: cookie,
      authenticator: 'auth-cookie',
      requirement: 'ALTERNATIVE',
    });
    await admin.deleteAuthenticationFlowExecution(otp);
    await expect(admin.getAuthenticationFlowExecution(otp)).rejects.toMatchObject({
      status: 404,
      body: { error: 'Illegal execution' },
    });
    await expect(admin.changeExecutionPriority(cookie, 1.5)).rejects.toThrow(TypeError);
  });

  it('refuses an execution of an unknown provider with KeycloakPostError 400', async () => {
    const admin = demoAdmin();
    const error = await rejectionOf(admin.createAuthenticationFlowExecution({ provider: 'nope' }, 'steps'));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ status: 400, body: { error: 'No authentication provider found for id: nope' } });
  });

  it("creates, reads, updates and deletes an execution's authenticator config", async () => {
    const admin = demoAdmin();
    await admin.createAuthenticationFlow({ alias: 'configurable', topLevel: true });
    const execution =
      (await admin.createAuthenticationFlowExecution({ provider: 'identity-provider-redirector' }, 'configurable')) ??
      '';
    const configId =
      (await admin.createExecutionConfig(execution, { alias: 'hint', config: { defaultProvider: 'github' } })) ?? '';
    await expect(admin.getAuthenticatorConfig(configId)).resolves.toEqual({
      id: configId,
      alias: 'hint',
      config: { defaultProvider: 'github' },
    });
    await admin.updateAuthenticatorConfig({ alias: 'hint', config: { defaultProvider: 'gitlab' } }, configId);
    await expect(admin.getAuthenticatorConfig(configId)).resolves.toMatchObject({
      config: { defaultProvider: 'gitlab' },
    });
    await admin.deleteAuthenticatorConfig(configId);
    await expect(admin.getAuthenticatorConfig(configId)).rejects.toMatchObject({
      status: 404,
      body: { error: 'Could not find authenticator config' },
    });
  });

  it("lists authenticator providers and describes a provider's config", async () => {
    const admin = demoAdmin();
    expect((await admin.getAuthenticatorProviders()).map((p) => p.id)).toContain('auth-username-password-form');
    await expect(admin.getAuthenticatorProviderConfigDescription('idp-create-user-if-unique')).resolves.toMatchObject({
      providerId: 'idp-create-user-if-unique',
      properties: [{ name: 'require.password.update.after.registration', type: 'boolean' }],
    });
  });
});

describe('KeycloakAdmin required action methods', () => {
  it('lists required actions, finds one by alias (undefined when absent) and updates it', async () => {
    const admin = demoAdmin();
    expect((await admin.getRequiredActions()).map((a) => a.alias)).toContain('UPDATE_PASSWORD');
    const terms = await admin.getRequiredActionByAlias('TERMS_AND_CONDITIONS');
    expect(terms).toMatchObject({ enabled: false });
    await expect(admin.getRequiredActionByAlias('NOPE')).resolves.toBeUndefined();
    await admin.updateRequiredAction('TERMS_AND_CONDITIONS', { ...terms, enabled: true });
    await expect(admin.getRequiredActionByAlias('TERMS_AND_CONDITIONS')).resolves.toMatchObject({ enabled: true });
    await expect(admin.updateRequiredAction('NOPE', { alias: 'NOPE' })).rejects.toMatchObject({
      status: 404,
      body: { error: 'Failed to find required action' },
    });
  });
});
