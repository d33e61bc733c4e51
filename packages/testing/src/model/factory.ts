import { randomBytes, randomUUID } from 'node:crypto';
import type {
  ClientRepresentation,
  ClientScopeRepresentation,
  CredentialRepresentation,
  GroupRepresentation,
  RoleRepresentation,
  UserRepresentation,
} from './representations.js';
import { otpCredentialsFrom } from '../credentials/otp-credential.js';
import type {
  ClientModel,
  ClientScopeModel,
  GroupModel,
  PasswordCredential,
  RealmModel,
  RoleModel,
  UserModel,
} from './types.js';

/**
 * Builders from representations to model objects, shared by realm import and the admin API. They fill in
 * Keycloak's defaults for missing fields (RepresentationToModel / DefaultExportImportManager.createUser).
 */

/** A new role; composites are resolved separately because they may name roles not created yet. */
export function createRole(rep: RoleRepresentation, clientId?: string): RoleModel {
  const role: RoleModel = {
    id: rep.id ?? randomUUID(),
    name: rep.name,
    composites: new Set(),
    attributes: { ...rep.attributes },
  };
  if (rep.description !== undefined) role.description = rep.description;
  if (clientId !== undefined) role.clientId = clientId;
  return role;
}

/** Resolves role names of a `composites`/`realmRoles`+`clientRoles` shape; unknown names are skipped. */
export function resolveRoles(
  realm: RealmModel,
  realmNames: readonly string[] = [],
  clientNames: Record<string, readonly string[]> = {},
): RoleModel[] {
  const out: RoleModel[] = [];
  for (const name of realmNames) {
    const role = realm.roles.get(name);
    if (role) out.push(role);
  }
  for (const [clientId, names] of Object.entries(clientNames)) {
    const client = realm.clients.get(clientId);
    for (const name of names) {
      const role = client?.roles.get(name);
      if (role) out.push(role);
    }
  }
  return out;
}

/** A new client with Keycloak's import defaults; a confidential client without secret gets one. */
export function createClient(rep: ClientRepresentation, realm: RealmModel): ClientModel {
  const publicClient = rep.publicClient ?? false;
  const bearerOnly = rep.bearerOnly ?? false;
  const client: ClientModel = {
    id: rep.id ?? randomUUID(),
    clientId: rep.clientId,
    enabled: rep.enabled ?? true,
    clientAuthenticatorType: rep.clientAuthenticatorType ?? 'client-secret',
    redirectUris: [...(rep.redirectUris ?? [])],
    webOrigins: rep.webOrigins ? [...rep.webOrigins] : originsOf(rep.redirectUris ?? []),
    notBefore: rep.notBefore ?? 0,
    bearerOnly,
    consentRequired: rep.consentRequired ?? false,
    standardFlowEnabled: rep.standardFlowEnabled ?? true,
    implicitFlowEnabled: rep.implicitFlowEnabled ?? false,
    directAccessGrantsEnabled: rep.directAccessGrantsEnabled ?? false,
    serviceAccountsEnabled: rep.serviceAccountsEnabled ?? false,
    publicClient,
    frontchannelLogout: rep.frontchannelLogout ?? false,
    protocol: rep.protocol ?? 'openid-connect',
    // A client created without post-logout redirect URIs shows no such attribute (Keycloak 26.7.3) and still
    // accepts its redirect URIs after logout: see postLogoutRedirectUris.
    attributes: { ...rep.attributes },
    fullScopeAllowed: rep.fullScopeAllowed ?? true,
    protocolMappers: (rep.protocolMappers ?? []).map((m) => ({
      ...m,
      id: m.id ?? randomUUID(),
      config: { ...m.config },
    })),
    defaultClientScopes: [...(rep.defaultClientScopes ?? defaultScopesFor(realm, realm.defaultDefaultClientScopes))],
    optionalClientScopes: [...(rep.optionalClientScopes ?? defaultScopesFor(realm, realm.defaultOptionalClientScopes))],
    roles: new Map(),
    scopeMappings: new Set(),
    extensions: {},
  };
  for (const key of ['name', 'description', 'rootUrl', 'baseUrl', 'adminUrl'] as const) {
    const value = rep[key];
    if (typeof value === 'string') client[key] = value;
  }
  if (typeof rep.secret === 'string') client.secret = rep.secret;
  else if (!publicClient && !bearerOnly) client.secret = randomBytes(24).toString('base64url');
  if (rep.authorizationServicesEnabled) client.extensions['authorizationServicesEnabled'] = true;
  return client;
}

/**
 * RepresentationToModel.createClient: a client created without `webOrigins` gets the origins of its http(s)
 * redirect URIs, so its tokens carry them as `allowed-origins`.
 */
function originsOf(redirectUris: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const uri of redirectUris) {
    if (!uri.startsWith('http')) continue;
    try {
      origins.add(new URL(uri.replace(/\*$/, '')).origin);
    } catch {
      // Not a URL Keycloak could take an origin from either.
    }
  }
  return [...origins];
}

function defaultScopesFor(realm: RealmModel, names: readonly string[]): string[] {
  return names.filter((n) => (realm.clientScopes.get(n)?.protocol ?? 'openid-connect') === 'openid-connect');
}

/** A new client scope. */
export function createClientScope(rep: ClientScopeRepresentation): ClientScopeModel {
  const scope: ClientScopeModel = {
    id: rep.id ?? randomUUID(),
    name: rep.name,
    protocol: rep.protocol ?? 'openid-connect',
    attributes: { ...rep.attributes },
    protocolMappers: (rep.protocolMappers ?? []).map((m) => ({
      ...m,
      id: m.id ?? randomUUID(),
      config: { ...m.config },
    })),
    scopeMappings: new Set(),
  };
  if (rep.description !== undefined) scope.description = rep.description;
  return scope;
}

/** A group tree; role names are resolved against the realm, which must already hold its roles. */
export function createGroup(rep: GroupRepresentation, realm: RealmModel, parent?: GroupModel): GroupModel {
  const group: GroupModel = {
    id: rep.id ?? randomUUID(),
    name: rep.name,
    subGroups: [],
    attributes: { ...rep.attributes },
    roleMappings: new Set(resolveRoles(realm, rep.realmRoles, rep.clientRoles)),
  };
  if (typeof rep['description'] === 'string') group.description = rep['description'];
  if (parent) group.parent = parent;
  group.subGroups = (rep.subGroups ?? []).map((child) => createGroup(child, realm, group));
  return group;
}

/** Reads a password credential: a clear `value`, or Keycloak's pbkdf2 `secretData`/`credentialData` JSON. */
export function passwordFrom(
  credentials: readonly CredentialRepresentation[] | undefined,
  nowMs: number,
): PasswordCredential | undefined {
  const rep = credentials?.find((c) => (c.type ?? 'password') === 'password');
  if (!rep) return undefined;
  const id = rep.id ?? randomUUID();
  if (typeof rep.value === 'string') return { kind: 'plain', id, value: rep.value, createdDate: nowMs };
  try {
    const secret = JSON.parse(String(rep.secretData)) as { value?: string; salt?: string };
    const data = JSON.parse(String(rep.credentialData)) as { hashIterations?: number; algorithm?: string };
    if (!secret.value || !secret.salt) return undefined;
    return {
      kind: 'pbkdf2',
      id,
      algorithm: data.algorithm ?? 'pbkdf2-sha256',
      iterations: data.hashIterations ?? 27500,
      salt: Buffer.from(secret.salt, 'base64'),
      hash: Buffer.from(secret.value, 'base64'),
      createdDate: nowMs,
    };
  } catch {
    return undefined;
  }
}

/**
 * A new user as realm import makes one: `enabled` defaults to false and no default roles are added
 * (DefaultExportImportManager.createUser). The admin API adds the default role itself.
 */
export function createUser(rep: UserRepresentation, realm: RealmModel, nowMs: number): UserModel {
  const user: UserModel = {
    id: rep.id ?? randomUUID(),
    username: (rep.username ?? '').toLowerCase(),
    enabled: rep.enabled === true,
    emailVerified: rep.emailVerified === true,
    attributes: { ...rep.attributes },
    requiredActions: [...(rep.requiredActions ?? [])],
    roleMappings: new Set(resolveRoles(realm, rep.realmRoles, rep.clientRoles)),
    groups: new Set(),
    createdTimestamp: rep.createdTimestamp ?? nowMs,
    notBefore: rep.notBefore ?? 0,
  };
  for (const key of ['firstName', 'lastName', 'email'] as const) {
    const value = rep[key];
    if (typeof value === 'string') user[key] = key === 'email' ? value.toLowerCase() : value;
  }
  const password = passwordFrom(rep.credentials, nowMs);
  if (password) user.password = password;
  const otp = otpCredentialsFrom(rep.credentials, nowMs);
  if (otp.length > 0) user.otp = otp;
  return user;
}
