import type { RequestContext } from '../../http/context.js';
import type { Kernel } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import type { UserSession } from '../../sessions/session-store.js';
import { formPage, infoPage } from '../authorize/pages.js';
import { startLogin } from '../authorize/login.js';
import { deviceState, normaliseUserCode, type DeviceAuthorization } from './device-store.js';

/** Marks a pending device authorization approved by the session's user (or denied); false when unknown/expired. */
export function settleDevice(
  kernel: Kernel,
  realm: RealmModel,
  userCode: string,
  outcome: { session: UserSession } | 'deny',
  nowSeconds: number,
): boolean {
  const state = deviceState(kernel);
  const authorization = state.byUserCode.get(normaliseUserCode(userCode), nowSeconds);
  if (!authorization || authorization.realmId !== realm.id || authorization.status !== 'pending') return false;
  state.byUserCode.delete(authorization.userCode);
  if (outcome === 'deny') {
    authorization.status = 'denied';
    return true;
  }
  const { session } = outcome;
  session.clientSessions.set(authorization.clientUuid, {
    clientId: authorization.clientUuid,
    started: nowSeconds,
    timestamp: nowSeconds,
    scope: authorization.scope,
    currentRefreshTokenUseCount: 0,
  });
  authorization.sessionId = session.id;
  authorization.status = 'approved';
  return true;
}

function statusUrl(ctx: RequestContext, realm: RealmModel, error?: string): string {
  return `${ctx.issuer(realm)}/device/status${error ? `?error=${error}` : ''}`;
}

/** After the login of a device verification: approve (or deny when the form said `cancel`) and show the outcome. */
export function approveDeviceAfterLogin(
  ctx: RequestContext,
  realm: RealmModel,
  userCode: string,
  _client: ClientModel,
  session: UserSession,
  form: Map<string, string>,
): Reply {
  const deny = form.has('cancel');
  const settled = settleDevice(ctx.kernel, realm, userCode, deny ? 'deny' : { session }, ctx.nowSeconds);
  const error = !settled ? 'expired_token' : deny ? 'access_denied' : undefined;
  return { status: 302, headers: { location: statusUrl(ctx, realm, error) } };
}

function userCodeForm(ctx: RequestContext, realm: RealmModel, message?: string): Reply {
  const notice = message ? `<div id="input-error" class="alert-error">${message}</div>\n` : '';
  return formPage(
    'Device Login',
    `${ctx.issuer(realm)}/device`,
    {},
    `${notice}<input id="device-user-code" name="device_user_code" type="text" autofocus>
<input id="kc-login" type="submit" value="Submit">`,
  );
}

function pendingFor(ctx: RequestContext, realm: RealmModel, typed: string): DeviceAuthorization | undefined {
  const found = deviceState(ctx.kernel).byUserCode.get(normaliseUserCode(typed), ctx.nowSeconds);
  return found && found.realmId === realm.id && found.status === 'pending' ? found : undefined;
}

function loginForDevice(ctx: RequestContext, realm: RealmModel, authorization: DeviceAuthorization): Reply {
  const client = [...realm.clients.values()].find((c) => c.id === authorization.clientUuid);
  if (!client) return userCodeForm(ctx, realm, 'Invalid code, please try again.');
  const request = {
    client,
    redirectUri: statusUrl(ctx, realm),
    redirectUriParam: undefined,
    responseMode: 'query' as const,
    scope: authorization.scope,
    state: undefined,
    nonce: authorization.nonce,
    codeChallenge: undefined,
    codeChallengeMethod: undefined,
    prompt: undefined,
  };
  return startLogin(ctx, realm, { request, userCode: authorization.userCode });
}

/** GET device: the user-code form, or straight to the login form with `?user_code=` (verification_uri_complete). */
function verificationPage(ctx: RequestContext): Reply {
  const realm = ctx.realm();
  const typed = ctx.url.searchParams.get('user_code');
  if (!typed) return userCodeForm(ctx, realm);
  const authorization = pendingFor(ctx, realm, typed);
  return authorization
    ? loginForDevice(ctx, realm, authorization)
    : userCodeForm(ctx, realm, 'Invalid code, please try again.');
}

async function submitUserCode(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const form = await ctx.form();
  const authorization = pendingFor(ctx, realm, form.get('device_user_code') ?? form.get('user_code') ?? '');
  return authorization
    ? loginForDevice(ctx, realm, authorization)
    : userCodeForm(ctx, realm, 'Invalid code, please try again.');
}

function statusPage(ctx: RequestContext): Reply {
  ctx.realm();
  const error = ctx.url.searchParams.get('error');
  if (!error)
    return infoPage(
      'Device Login Successful',
      'Device Login Successful. You may now close this browser window and go back to your device.',
    );
  return infoPage(
    'Device Login Failed',
    error === 'access_denied'
      ? 'Consent denied for connecting the device.'
      : 'The device code has expired. Please go back to your device and try connecting again.',
  );
}

/** The verification URI a person opens to approve a device. */
export const deviceVerificationRoutes: Route[] = [
  { method: 'GET', path: '/realms/{realm}/device', endpoint: 'device', handler: verificationPage },
  { method: 'POST', path: '/realms/{realm}/device', endpoint: 'device', handler: submitUserCode },
  { method: 'GET', path: '/realms/{realm}/device/status', endpoint: 'device', handler: statusPage },
];
