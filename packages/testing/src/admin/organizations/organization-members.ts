import type { RequestContext } from '../../http/context.js';
import { genericError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import { errorResponse } from '../errors.js';
import { booleanParam, integerParam, type JsonObject } from '../json-body.js';
import { countReply, organizationRequest, organizationsRequest, readBareId } from './organization-access.js';
import { liveMembers, organizationsOf, organizationView, type OrganizationEntry } from './organization-store.js';
import { allowIf } from '../permissions.js';
import { userToAdminRepresentation } from '../users/user-representation.js';

/**
 * Organization members (OrganizationMemberResource). A member is a user, addressed by the user's id; every
 * route needs an organization right and a users right together, as Keycloak 26 checks them. Memberships made
 * here are all UNMANAGED: managed ones come from brokering or invitations, which this server does not do.
 */

const ORGS = '/admin/realms/{realm}/organizations';
const MEMBERS = `${ORGS}/{orgId}/members`;

// MemberRepresentation: the user's representation without `access`, plus how the membership came to be.
function memberView(realm: RealmModel, user: UserModel): JsonObject {
  const rep = userToAdminRepresentation(realm, user);
  return { ...rep, membershipType: 'UNMANAGED' };
}

// getMembersStream's filters: `search` is a case-insensitive infix of username, e-mail, first or last name
// (`*` a wildcard); `exact` compares the whole value.
function searchMatcher(url: URL): (user: UserModel) => boolean {
  const search = url.searchParams.get('search');
  if (search === null) return () => true;
  const exact = booleanParam(url, 'exact') === true;
  const lower = search.toLowerCase();
  const pattern = new RegExp(
    lower
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  const hit = (value: string | undefined) =>
    value !== undefined && (exact ? value.toLowerCase() === lower : pattern.test(value.toLowerCase()));
  return (user) => hit(user.username) || hit(user.email) || hit(user.firstName) || hit(user.lastName);
}

function membershipFilter(url: URL): boolean {
  const type = url.searchParams.get('membershipType');
  if (type === null) return true;
  const upper = type.toUpperCase();
  // Keycloak's MembershipType.valueOf throws on an unknown name and the server answers 500; a bad query
  // parameter is the caller's mistake, so the house answers 400 in ErrorResponse's shape instead.
  if (upper !== 'MANAGED' && upper !== 'UNMANAGED')
    throw errorResponse(400, `Invalid membershipType: expected MANAGED or UNMANAGED, got "${type}"`);
  return upper === 'UNMANAGED';
}

function membersOf(realm: RealmModel, org: OrganizationEntry): UserModel[] {
  return liveMembers(realm, org)
    .flatMap((id) => realm.users.get(id) ?? [])
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

// The member list writes brief rows unless briefRepresentation=false, and never the attributes (26.7.3).
function memberRow(realm: RealmModel, user: UserModel, brief: boolean): JsonObject {
  const {
    access: _access,
    attributes: _attributes,
    totp,
    disableableCredentialTypes,
    requiredActions,
    notBefore,
    serviceAccountClientId: _sa,
    ...rep
  } = userToAdminRepresentation(realm, user);
  return {
    ...rep,
    ...(brief ? {} : { totp, disableableCredentialTypes, requiredActions, notBefore }),
    membershipType: 'UNMANAGED',
  };
}

async function list(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, org } = await organizationRequest(ctx, 'view');
  allowIf(perms.canQueryUsers());
  const from = Math.max(0, integerParam(ctx.url, 'first') ?? 0);
  const max = integerParam(ctx.url, 'max') ?? 10;
  const matches = searchMatcher(ctx.url);
  const found = membershipFilter(ctx.url) ? membersOf(realm, org).filter(matches) : [];
  return {
    status: 200,
    body: found
      .slice(from, max < 0 ? undefined : from + max)
      .map((u) => memberRow(realm, u, booleanParam(ctx.url, 'briefRepresentation') !== false)),
  };
}

// The count takes no filter at all.
async function count(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, org } = await organizationRequest(ctx, 'view');
  allowIf(perms.canQueryUsers());
  return countReply(liveMembers(realm, org).length);
}

async function add(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, org } = await organizationRequest(ctx, 'manage');
  allowIf(perms.canManageUsers());
  const id = await readBareId(ctx);
  const user = realm.users.get(id);
  if (!user) throw genericError(404, 'Not Found');
  liveMembers(realm, org);
  if (org.members.has(user.id)) throw errorResponse(409, 'User is already a member of the organization.');
  org.members.add(user.id);
  return { status: 201, headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${user.id}` } };
}

// getMember: a user that is not a member is JAX-RS' plain 404.
function memberOf(ctx: RequestContext, realm: RealmModel, org: OrganizationEntry): UserModel {
  const id = ctx.params['memberId'] ?? '';
  const user = liveMembers(realm, org).includes(id) ? realm.users.get(id) : undefined;
  if (!user) throw genericError(404, 'Not Found');
  return user;
}

async function member(ctx: RequestContext): Promise<Reply> {
  const read = ctx.req.method === 'GET';
  const { realm, perms, org } = await organizationRequest(ctx, read ? 'view' : 'manage');
  allowIf(read ? perms.canViewUsers() : perms.canManageUsers());
  const user = memberOf(ctx, realm, org);
  if (read) return { status: 200, body: memberView(realm, user) };
  org.members.delete(user.id);
  return { status: 204 };
}

function organizationsOfUser(ctx: RequestContext, realm: RealmModel, user: UserModel): Reply {
  const brief = booleanParam(ctx.url, 'briefRepresentation') !== false;
  const orgs = [...organizationsOf(realm).values()].filter((org) => liveMembers(realm, org).includes(user.id));
  return { status: 200, body: orgs.map((org) => organizationView(org, brief)) };
}

async function memberOrganizations(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, org } = await organizationRequest(ctx, 'view');
  allowIf(perms.canViewUsers());
  return organizationsOfUser(ctx, realm, memberOf(ctx, realm, org));
}

// The top-level twin needs only the query right on organizations, and answers [] for a user of no organization.
async function userOrganizations(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await organizationsRequest(ctx, 'query');
  allowIf(perms.canViewUsers());
  const user = realm.users.get(ctx.params['memberId'] ?? '');
  if (!user) throw genericError(404, 'Not Found');
  return organizationsOfUser(ctx, realm, user);
}

/** Member routes under `/organizations`, the top-level `members/{id}/organizations` one first. */
export const organizationMemberRoutes: Route[] = [
  { method: 'GET', path: `${ORGS}/members/{memberId}/organizations`, endpoint: 'admin', handler: userOrganizations },
  { method: 'GET', path: MEMBERS, endpoint: 'admin', handler: list },
  { method: 'POST', path: MEMBERS, endpoint: 'admin', handler: add },
  { method: 'GET', path: `${MEMBERS}/count`, endpoint: 'admin', handler: count },
  { method: 'GET', path: `${MEMBERS}/{memberId}/organizations`, endpoint: 'admin', handler: memberOrganizations },
  { method: ['GET', 'DELETE'], path: `${MEMBERS}/{memberId}`, endpoint: 'admin', handler: member },
];
