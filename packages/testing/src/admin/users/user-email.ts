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
import { findUser } from './users.js';

/**
 * UserResource's e-mail actions. Keycloak builds an action-token link and mails it; the test server has no SMTP,
 * so after Keycloak's checks it records the e-mail in the server's outbox (`server.mail`) and answers 204 as a
 * Keycloak with SMTP would. `server.mail.failing = true` gives the 500 of a Keycloak without SMTP instead.
 */

// The required-action providers of a Keycloak 26 realm (RequiredActionsValidator accepts only these).
const REQUIRED_ACTIONS = new Set([
  'CONFIGURE_TOTP', 'TERMS_AND_CONDITIONS', 'UPDATE_PASSWORD', 'UPDATE_PROFILE', 'VERIFY_EMAIL', 'delete_account',
  'webauthn-register', 'webauthn-register-passwordless', 'VERIFY_PROFILE', 'delete_credential', 'update_user_locale',
  'CONFIGURE_RECOVERY_AUTHN_CODES', 'UPDATE_EMAIL', 'idp_link',
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
  const params: MailParams & { to: string } = { to: user.email, clientId: client.clientId, lifespanSeconds: integerParam(ctx.url, 'lifespan') ?? DEFAULT_LIFESPAN_SECONDS };
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

async function send(ctx: RequestContext, kind: SentMail['kind']): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canManageUsers());
  const params = verifySendEmailParams(ctx, realm, user);
  const actions = kind === 'execute-actions' ? await readActions(ctx) : [];
  if (actions.some((a) => !REQUIRED_ACTIONS.has(a))) throw errorResponse(400, 'Provided invalid required actions');
  const outbox = mailOutboxOf(ctx.kernel);
  if (outbox.failing) throw errorResponse(500, kind === 'execute-actions' ? 'Failed to send execute actions email' : 'Failed to send verify email');
  outbox.record({ kind, realm: realm.name, userId: user.id, actions, ...params, sentAtMs: ctx.kernel.clock.now() });
  return { status: 204 };
}

/** The e-mail action routes of a user. */
export const userEmailRoutes: Route[] = [
  { method: 'PUT', path: '/admin/realms/{realm}/users/{id}/execute-actions-email', endpoint: 'admin', handler: (ctx) => send(ctx, 'execute-actions') },
  { method: 'PUT', path: '/admin/realms/{realm}/users/{id}/send-verify-email', endpoint: 'admin', handler: (ctx) => send(ctx, 'verify-email') },
];
