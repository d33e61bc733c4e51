import { otpCredentialToRepresentation } from '../../credentials/otp-credential.js';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { CredentialRepresentation } from '../../model/representations.js';
import { clientById } from '../../model/roles.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import { sendBackchannelLogouts } from '../../oidc/backchannel-logout.js';
import type { UserSession } from '../../sessions/session-store.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage, errorResponse } from '../errors.js';
import { identityProvidersOf } from '../identity-providers/identity-providers.js';
import { expectTypes, readJsonObject, type JsonObject } from '../json-body.js';
import { FEDERATED_IDENTITY_FIELDS } from '../known-fields.js';
import { allowIf, type RealmPermissions } from '../permissions.js';
import { credentialIds } from './credential-management.js';
import { findUser } from './users.js';
import { userSessionToRepresentation } from './user-session-representation.js';

/** UserResource's credentials, logout, sessions, consents and social links. */

const USER = '/admin/realms/{realm}/users/{id}';

interface UserRequest {
  realm: RealmModel;
  perms: RealmPermissions;
  user: UserModel;
}

async function userRequest(ctx: RequestContext, manage: boolean): Promise<UserRequest> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(manage ? perms.canManageUsers() : perms.canViewUsers());
  return { realm, perms, user };
}

// Keycloak hashes an imported clear password with its default provider, pbkdf2-sha512 at 210000 iterations.
function credentialsOf(user: UserModel): CredentialRepresentation[] {
  const out: CredentialRepresentation[] = [];
  const p = user.password;
  if (p) {
    const [algorithm, iterations] = p.kind === 'pbkdf2' ? [p.algorithm, p.iterations] : ['pbkdf2-sha512', 210000];
    out.push({
      id: p.id,
      type: 'password',
      ...(p.userLabel !== undefined ? { userLabel: p.userLabel } : {}),
      createdDate: p.createdDate,
      credentialData: JSON.stringify({ hashIterations: iterations, algorithm, additionalParameters: {} }),
    });
  }
  // The credentials endpoint never answers secretData.
  for (const otp of user.otp ?? []) {
    const { secretData: _secret, ...rep } = otpCredentialToRepresentation(otp);
    out.push(rep);
  }
  const order = credentialIds(user);
  return out.sort((a, b) => order.indexOf(a.id ?? '') - order.indexOf(b.id ?? ''));
}

async function listCredentials(ctx: RequestContext): Promise<Reply> {
  const { user } = await userRequest(ctx, false);
  return { status: 200, body: credentialsOf(user) };
}

// removeCredential: an unknown id is 404 for a caller who may query users, 403 otherwise (no id phishing).
async function deleteCredential(ctx: RequestContext): Promise<Reply> {
  const { user, perms } = await userRequest(ctx, true);
  const id = ctx.params['credentialId'];
  if (user.password?.id === id) delete user.password;
  else if (user.otp?.some((c) => c.id === id)) user.otp = user.otp.filter((c) => c.id !== id);
  else {
    allowIf(perms.canQueryUsers());
    throw errorMessage(404, 'Credential not found');
  }
  return { status: 204 };
}

// UserResource.logout: tokens issued before now become stale and the online sessions end.
async function logout(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, true);
  user.notBefore = ctx.nowSeconds;
  for (const session of ctx.kernel.sessions.list(realm, { userId: user.id })) {
    ctx.kernel.sessions.remove(session.id, false);
    await sendBackchannelLogouts(realm, session, ctx.issuer(realm), ctx.nowSeconds);
  }
  return { status: 204 };
}

async function listSessions(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, false);
  const live = ctx.kernel.sessions
    .list(realm, { userId: user.id })
    .filter((s) => ctx.kernel.sessions.isValid(realm, s, ctx.nowSeconds));
  return { status: 200, body: live.map((s) => userSessionToRepresentation(realm, s)) };
}

function offlineSessions(ctx: RequestContext, realm: RealmModel, user: UserModel): UserSession[] {
  return ctx.kernel.sessions.list(realm, { userId: user.id, offline: true });
}

// UserResource.getOfflineSessions: `{clientUuid}` is the client's internal id; each offline session holding a
// client session of it, with lastAccess from that client session.
async function listOfflineSessions(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, false);
  const clientUuid = ctx.params['clientUuid'] ?? '';
  if (!clientById(realm, clientUuid)) throw errorMessage(404, 'Client not found');
  const body = offlineSessions(ctx, realm, user).flatMap((s) => {
    const clientSession = s.clientSessions.get(clientUuid);
    if (!clientSession) return [];
    return [{ ...userSessionToRepresentation(realm, s), lastAccess: clientSession.timestamp * 1000 }];
  });
  return { status: 200, body };
}

// UserResource.getConsents: explicit consents, then clients holding only an offline token.
async function listConsents(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, false);
  const offline = new Set(offlineSessions(ctx, realm, user).flatMap((s) => [...s.clientSessions.keys()]));
  const offlineGrant = (clientUuid: string): JsonObject[] =>
    offline.has(clientUuid) ? [{ client: clientUuid, key: 'Offline Token' }] : [];
  const consents = user.consents ?? [];
  const body: JsonObject[] = consents.flatMap((c) => {
    const client = clientById(realm, c.clientId);
    if (!client) return [];
    return [
      {
        clientId: client.clientId,
        grantedClientScopes: [...c.grantedClientScopes],
        createdDate: c.createdDate,
        lastUpdatedDate: c.lastUpdatedDate,
        additionalGrants: offlineGrant(c.clientId),
      },
    ];
  });
  for (const clientUuid of offline) {
    const client = clientById(realm, clientUuid);
    if (!client || consents.some((c) => c.clientId === clientUuid)) continue;
    body.push({
      clientId: client.clientId,
      grantedClientScopes: [],
      createdDate: null,
      lastUpdatedDate: null,
      additionalGrants: offlineGrant(clientUuid),
    });
  }
  return { status: 200, body };
}

// UserConsentManager.revokeConsentToClient: drops the consent (and then the client's online sessions) and the
// client's offline tokens; `{client}` is the clientId, not the internal id.
async function revokeConsent(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, true);
  const client = realm.clients.get(ctx.params['client'] ?? '');
  if (!client) throw errorMessage(404, 'Client not found');
  const before = user.consents?.length ?? 0;
  user.consents = (user.consents ?? []).filter((c) => c.clientId !== client.id);
  const revokedConsent = user.consents.length < before;
  let revokedOffline = false;
  const sessions = ctx.kernel.sessions;
  const online = revokedConsent ? sessions.list(realm, { userId: user.id }) : [];
  for (const session of [...offlineSessions(ctx, realm, user), ...online]) {
    if (!session.clientSessions.delete(client.id)) continue;
    if (session.offline) revokedOffline = true;
    if (session.clientSessions.size === 0) sessions.remove(session.id, session.offline);
  }
  if (!revokedConsent && !revokedOffline) throw errorMessage(404, 'Consent nor offline token not found');
  return { status: 204 };
}

// UserResource.getFederatedIdentities: only links to a provider the realm has are listed; a link made to an
// alias no provider holds stays stored but hidden, as Keycloak filters by the realm's provider aliases.
async function listSocialLinks(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, false);
  const providers = identityProvidersOf(realm).providers;
  const links = (user.federatedIdentities ?? []).filter((link) => providers.has(link.identityProvider));
  return { status: 200, body: links.map((link) => ({ ...link })) };
}

async function addSocialLink(ctx: RequestContext): Promise<Reply> {
  const { user } = await userRequest(ctx, true);
  const provider = ctx.params['provider'] ?? '';
  const rep = await readJsonObject(ctx, {
    className: 'org.keycloak.representations.idm.FederatedIdentityRepresentation',
    fields: FEDERATED_IDENTITY_FIELDS,
  });
  expectTypes(rep, { identityProvider: 'string', userId: 'string', userName: 'string' });
  const links = (user.federatedIdentities ??= []);
  if (links.some((l) => l.identityProvider === provider))
    throw errorResponse(409, 'User is already linked with provider');
  links.push({
    identityProvider: provider,
    ...(typeof rep['userId'] === 'string' ? { userId: rep['userId'] } : {}),
    ...(typeof rep['userName'] === 'string' ? { userName: rep['userName'] } : {}),
  });
  return { status: 204 };
}

async function deleteSocialLink(ctx: RequestContext): Promise<Reply> {
  const { user } = await userRequest(ctx, true);
  const links = user.federatedIdentities ?? [];
  const index = links.findIndex((l) => l.identityProvider === ctx.params['provider']);
  if (index < 0) throw errorMessage(404, 'Link not found');
  links.splice(index, 1);
  return { status: 204 };
}

/** Credentials, logout, sessions, consents and social-link routes of a user. */
export const userExtraRoutes: Route[] = [
  { method: 'GET', path: `${USER}/credentials`, endpoint: 'admin', handler: listCredentials },
  { method: 'DELETE', path: `${USER}/credentials/{credentialId}`, endpoint: 'admin', handler: deleteCredential },
  { method: 'POST', path: `${USER}/logout`, endpoint: 'admin', handler: logout },
  { method: 'GET', path: `${USER}/sessions`, endpoint: 'admin', handler: listSessions },
  { method: 'GET', path: `${USER}/offline-sessions/{clientUuid}`, endpoint: 'admin', handler: listOfflineSessions },
  { method: 'GET', path: `${USER}/consents`, endpoint: 'admin', handler: listConsents },
  { method: 'DELETE', path: `${USER}/consents/{client}`, endpoint: 'admin', handler: revokeConsent },
  { method: 'GET', path: `${USER}/federated-identity`, endpoint: 'admin', handler: listSocialLinks },
  { method: 'POST', path: `${USER}/federated-identity/{provider}`, endpoint: 'admin', handler: addSocialLink },
  { method: 'DELETE', path: `${USER}/federated-identity/{provider}`, endpoint: 'admin', handler: deleteSocialLink },
];
