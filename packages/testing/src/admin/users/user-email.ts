import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import { mailOutboxOf, type SentMail } from '../../mail/outbox.js';
import { verifyRedirectUri } from '../../oidc/authorize/redirect-uri.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorResponse } from '../errors.js';
import { integerParam, readJsonArray } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { realmSetting } from '../realms/realm-representation.js';
import { findUser } from './users.js';

/**
 * UserResource's e-mail actions. Keycloak builds an action-token link and mails it through the realm's
 * `smtpServer`; the test server has no SMTP, so once Keycloak's checks pass and the realm names a sender
 * (`smtpServer.from`) it records the e-mail in the server's outbox (`server.mail`) and answers 204 as a Keycloak
 * with working SMTP would. A realm without a sender answers the 500 of Keycloak's DefaultEmailSenderProvider
 * ("Invalid sender address 'null'"), as a fresh Keycloak realm does; `server.mail.failing = true` gives the 500
 * of an SMTP server that refuses the mail.
 */

// The required-action providers of a Keycloak 26 realm (RequiredActionsValidator accepts only these).
const REQUIRED_ACTIONS = new Set([
  'CONFIGURE_TOTP',
  'TERMS_AND_CONDITIONS',
  'UPDATE_PASSWORD',
  'UPDATE_PROFILE',
  'VERIFY_EMAIL',
  'delete_account',
  'webauthn-register',
  'webauthn-register-passwordless',
  'VERIFY_PROFILE',
  'delete_credential',
  'update_user_locale',
  'CONFIGURE_RECOVERY_AUTHN_CODES',
  'UPDATE_EMAIL',
  'idp_link',
]);

// RealmModel.getActionTokenGeneratedByAdminLifespan's default: 12 hours.
const DEFAULT_LIFESPAN_SECONDS = 43200;

type MailParams = Pick<SentMail, 'clientId' | 'redirectUri' | 'lifespanSeconds'>;

// UserResource.verifySendEmailParams, in Keycloak's order of checks.
function verifySendEmailParams(ctx: RequestContext, realm: RealmModel, user: UserModel): MailParams & { to: string } {
  if (user.email === undefined) throw errorResponse(400, 'User email missing');
  if (!user.enabled) throw errorResponse(400, 'User is disabled');
  const redirect = ctx.url.searchParams.get('redirect_uri') ?? undefined;
  const clientId = ctx.url.searchParams.get('client_id') ?? undefined;
  if (redirect !== undefined && clientId === undefined) throw errorResponse(400, 'Client id missing');
  const client = realm.clients.get(clientId ?? 'admin-cli');
  if (!client) throw errorResponse(400, "Client doesn't exist");
  if (!client.enabled) throw errorResponse(400, 'Client is not enabled');
  const params: MailParams & { to: string } = {
    to: user.email,
    clientId: client.clientId,
    lifespanSeconds: integerParam(ctx.url, 'lifespan') ?? DEFAULT_LIFESPAN_SECONDS,
  };
  if (redirect !== undefined) {
    const verified = verifyRedirectUri(client.redirectUris, client, redirect, ctx.baseUrl, true);
    if (verified === undefined) throw errorResponse(400, 'Invalid redirect uri.');
    params.redirectUri = verified;
  }
  return params;
}

// The body of execute-actions-email: a JSON array of action names; no body means no actions.
async function readActions(ctx: RequestContext): Promise<string[]> {
  return (await readJsonArray(ctx, (item): item is string => typeof item === 'string')) ?? [];
}

// EmailException's text when the realm's smtpServer names no `from` address (DefaultEmailSenderProvider).
const NO_SENDER =
  "Invalid sender address 'null'. If the address contains UTF-8 characters in the local part please ensure the SMTP server supports the SMTPUTF8 extension and enable 'Allow UTF-8' in the email realm configuration.";

function hasSender(realm: RealmModel): boolean {
  const smtp = realmSetting(realm, 'smtpServer');
  const from = smtp && typeof smtp === 'object' ? (smtp as Record<string, unknown>)['from'] : undefined;
  return typeof from === 'string' && from !== '';
}

// `reset-password`: the deprecated PUT reset-password-email, which UserResource answers as execute-actions-email
// with UPDATE_PASSWORD.
async function send(ctx: RequestContext, kind: SentMail['kind'] | 'reset-password'): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canManageUsers());
  const params = verifySendEmailParams(ctx, realm, user);
  const actions =
    kind === 'reset-password' ? ['UPDATE_PASSWORD'] : kind === 'execute-actions' ? await readActions(ctx) : [];
  if (actions.some((a) => !REQUIRED_ACTIONS.has(a))) throw errorResponse(400, 'Provided invalid required actions');
  const outbox = mailOutboxOf(ctx.kernel);
  const failure = kind !== 'verify-email' ? 'Failed to send execute actions email' : 'Failed to send verify email';
  if (!hasSender(realm)) throw errorResponse(500, kind !== 'verify-email' ? `${failure}: ${NO_SENDER}` : failure);
  if (outbox.failing) throw errorResponse(500, failure);
  outbox.record({
    kind: kind === 'verify-email' ? kind : 'execute-actions',
    realm: realm.name,
    userId: user.id,
    actions,
    ...params,
    sentAtMs: ctx.kernel.clock.now(),
  });
  return { status: 204 };
}

/** The e-mail action routes of a user. */
export const userEmailRoutes: Route[] = [
  {
    method: 'PUT',
    path: '/admin/realms/{realm}/users/{id}/execute-actions-email',
    endpoint: 'admin',
    handler: (ctx) => send(ctx, 'execute-actions'),
  },
  {
    method: 'PUT',
    path: '/admin/realms/{realm}/users/{id}/send-verify-email',
    endpoint: 'admin',
    handler: (ctx) => send(ctx, 'verify-email'),
  },
  {
    method: 'PUT',
    path: '/admin/realms/{realm}/users/{id}/reset-password-email',
    endpoint: 'admin',
    handler: (ctx) => send(ctx, 'reset-password'),
  },
];
