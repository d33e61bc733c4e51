import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { mediaType } from '../../http/body.js';
import type { UserModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { unsupportedMediaType } from '../json-body.js';
import { allowIf, type RealmPermissions } from '../permissions.js';
import { findUser } from './users.js';

/**
 * UserResource's credential management beyond listing and removal: a credential's label, its priority
 * (moveToFirst / moveAfter) and the credential types a user-storage provider manages.
 */

const CREDENTIAL = '/admin/realms/{realm}/users/{id}/credentials/{credentialId}';

/** The ids of a user's stored credentials in priority order. */
export function credentialIds(user: UserModel): string[] {
  const natural = [...(user.password ? [user.password.id] : []), ...(user.otp ?? []).map((c) => c.id)];
  const order = user.credentialOrder ?? [];
  const rank = (id: string): number => {
    const at = order.indexOf(id);
    return at < 0 ? order.length + natural.indexOf(id) : at;
  };
  return natural.sort((a, b) => rank(a) - rank(b));
}

function hasCredential(user: UserModel, id: string): boolean {
  return user.password?.id === id || (user.otp ?? []).some((c) => c.id === id);
}

// getStoredCredentialById, then "we do this to make sure somebody can't phish ids": 404 only for a caller who
// may query users.
async function credentialRequest(
  ctx: RequestContext,
): Promise<{ user: UserModel; perms: RealmPermissions; id: string }> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(perms.canManageUsers());
  const id = ctx.params['credentialId'] ?? '';
  if (!hasCredential(user, id)) {
    allowIf(perms.canQueryUsers());
    throw errorMessage(404, 'Credential not found');
  }
  return { user, perms, id };
}

// PUT credentials/{id}/userLabel, @Consumes(TEXT_PLAIN): the body is the label. A blank label is refused with
// CredentialValidation's `missingCredentialLabel`.
async function setUserLabel(ctx: RequestContext): Promise<Reply> {
  if (mediaType(ctx.req) !== 'text/plain') throw unsupportedMediaType();
  const { user, id } = await credentialRequest(ctx);
  const label = (await ctx.body()).toString('utf8');
  if (label.trim() === '') {
    return {
      status: 400,
      body: { error: 'missingCredentialLabel', error_description: 'Credential label must not be empty' },
    };
  }
  if (user.password?.id === id) user.password.userLabel = label;
  const otp = user.otp?.find((c) => c.id === id);
  if (otp) otp.userLabel = label;
  return { status: 204 };
}

/**
 * Moves a credential right after another (or first with none), as JpaUserCredentialStore.moveCredentialTo:
 * an unknown "previous" credential changes nothing and is not an error. The OTP list follows the new order,
 * so the first OTP credential stays the one a direct grant checks.
 */
function moveAfter(user: UserModel, id: string, previous: string | undefined): void {
  const ids = credentialIds(user);
  if (previous !== undefined && (!ids.includes(previous) || previous === id)) return;
  const rest = ids.filter((x) => x !== id);
  rest.splice(previous === undefined ? 0 : rest.indexOf(previous) + 1, 0, id);
  user.credentialOrder = rest;
  if (user.otp) user.otp = [...user.otp].sort((a, b) => rest.indexOf(a.id) - rest.indexOf(b.id));
}

async function moveToFirst(ctx: RequestContext): Promise<Reply> {
  const { user, id } = await credentialRequest(ctx);
  moveAfter(user, id, undefined);
  return { status: 204 };
}

async function moveCredentialAfter(ctx: RequestContext): Promise<Reply> {
  const { user, id } = await credentialRequest(ctx);
  moveAfter(user, id, ctx.params['previous'] ?? '');
  return { status: 204 };
}

// GET configured-user-storage-credential-types: the types a federation provider validates for the user; a local
// user (the only kind here) has none.
async function storageCredentialTypes(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  findUser(ctx, realm, perms);
  allowIf(perms.canViewUsers());
  return { status: 200, body: [] };
}

export const credentialManagementRoutes: Route[] = [
  { method: 'PUT', path: `${CREDENTIAL}/userLabel`, endpoint: 'admin', handler: setUserLabel },
  { method: 'POST', path: `${CREDENTIAL}/moveToFirst`, endpoint: 'admin', handler: moveToFirst },
  { method: 'POST', path: `${CREDENTIAL}/moveAfter/{previous}`, endpoint: 'admin', handler: moveCredentialAfter },
  {
    method: 'GET',
    path: '/admin/realms/{realm}/users/{id}/configured-user-storage-credential-types',
    endpoint: 'admin',
    handler: storageCredentialTypes,
  },
];
