import { randomUUID } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type { Kernel } from '../../http/context.js';
import { disableAuthorization, enableAuthorization, resourceServerOf } from '../../authz/resource-server.js';
import { importAuthorizationSettings } from '../../authz/settings-import.js';
import type { ResourceServerRepresentation } from '../../authz/representations.js';
import { createClient } from '../../model/factory.js';
import { ensureServiceAccount } from '../../model/import.js';
import type { ClientRepresentation } from '../../model/representations.js';
import { serviceAccountOf } from '../../model/store.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { errorResponse } from '../errors.js';
import { expectTypes, type JsonObject } from '../json-body.js';

const CLIENT_TYPES = {
  id: 'string',
  clientId: 'string',
  name: 'string',
  description: 'string',
  rootUrl: 'string',
  adminUrl: 'string',
  baseUrl: 'string',
  enabled: 'boolean',
  clientAuthenticatorType: 'string',
  secret: 'string',
  redirectUris: 'array',
  webOrigins: 'array',
  notBefore: 'number',
  bearerOnly: 'boolean',
  consentRequired: 'boolean',
  standardFlowEnabled: 'boolean',
  implicitFlowEnabled: 'boolean',
  directAccessGrantsEnabled: 'boolean',
  serviceAccountsEnabled: 'boolean',
  authorizationServicesEnabled: 'boolean',
  publicClient: 'boolean',
  frontchannelLogout: 'boolean',
  protocol: 'string',
  attributes: 'object',
  fullScopeAllowed: 'boolean',
  protocolMappers: 'array',
  defaultClientScopes: 'array',
  optionalClientScopes: 'array',
  authorizationSettings: 'object',
} as const;

/** A new client secret as KeycloakModelUtils.generateSecret makes one: 32 alphanumeric characters. */
export function generateSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Gives a client a new generated secret and stamps `client.secret.creation.time` (seconds), as Keycloak does. */
export function setGeneratedSecret(client: ClientModel, nowMs: number): void {
  client.secret = generateSecret();
  client.attributes['client.secret.creation.time'] = String(Math.floor(nowMs / 1000));
}

/** A `Map<String, String>` field as Jackson binds it: scalars become their text, null entries stay absent. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries((value ?? {}) as JsonObject))
    if (v !== null && v !== undefined) out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

function strings(value: unknown): string[] {
  return (value as unknown[]).filter((x): x is string => typeof x === 'string');
}

function clientIdTaken(realm: RealmModel, clientId: string, except?: ClientModel): boolean {
  const found = realm.clients.get(clientId);
  return found !== undefined && found !== except;
}

// The authorization settings a representation carries, applied as ClientsResource/ClientResource do.
function applyAuthorization(realm: RealmModel, client: ClientModel, rep: JsonObject, nowMs: number): void {
  const enabled = rep['authorizationServicesEnabled'];
  if (enabled === false) {
    if (resourceServerOf(client)) disableAuthorization(client);
    return;
  }
  if (enabled !== true) return;
  const settings = rep['authorizationSettings'];
  if (settings && typeof settings === 'object' && !resourceServerOf(client))
    importAuthorizationSettings(realm, client, settings as ResourceServerRepresentation, nowMs);
  else enableAuthorization(realm, client, nowMs, false);
}

/**
 * A new client as ClientsResource.createClient makes one: clientId unique (409 "Client x already exists"), the
 * generated id when none is sent, Keycloak's defaults for what the representation lacks, client scopes limited to the realm's, a
 * service account when enabled, Authorization Services when asked.
 */
export function createClientFromRep(kernel: Kernel, realm: RealmModel, rep: JsonObject): ClientModel {
  expectTypes(rep, CLIENT_TYPES);
  // RepresentationToModel.createClient: without a clientId the client's generated id serves as its clientId.
  const id = typeof rep['id'] === 'string' ? rep['id'] : randomUUID();
  const clientId = rep['clientId'] ?? id;
  if (typeof clientId !== 'string' || clientId.trim() === '') throw errorResponse(400, 'Client id is missing');
  if (clientIdTaken(realm, clientId)) throw errorResponse(409, `Client ${clientId} already exists`);
  if ([...realm.clients.values()].some((c) => c.id === id))
    throw errorResponse(409, `Client ${clientId} already exists`);
  const plain: ClientRepresentation = {
    ...(rep as ClientRepresentation),
    id,
    clientId,
    attributes: stringMap(rep['attributes']),
  };
  for (const key of ['defaultClientScopes', 'optionalClientScopes'] as const) {
    if (Array.isArray(rep[key])) plain[key] = strings(rep[key]).filter((name) => realm.clientScopes.has(name));
  }
  delete plain.authorizationServicesEnabled;
  const client = createClient(plain, realm);
  const nowMs = kernel.clock.now();
  // ClientManager.createClient: only a public client goes without a secret (a bearer-only one gets one too); a
  // generated secret records its creation time, and an admin-made client is never a realm's own client.
  if (client.publicClient) delete client.secret;
  else if (typeof rep['secret'] !== 'string') setGeneratedSecret(client, nowMs);
  client.attributes['realm_client'] = 'false';
  realm.clients.set(client.clientId, client);
  if (client.serviceAccountsEnabled) ensureServiceAccount(realm, client, nowMs);
  try {
    applyAuthorization(realm, client, rep, nowMs);
  } catch (error) {
    realm.clients.delete(client.clientId);
    throw error;
  }
  return client;
}

function renameClient(realm: RealmModel, client: ClientModel, clientId: string): void {
  if (clientIdTaken(realm, clientId, client)) throw errorResponse(409, `Client ${clientId} already exists`);
  // Rebuild the map so the client keeps its place in listings.
  const entries = [...realm.clients.entries()].map(([key, c]): [string, ClientModel] =>
    c === client ? [clientId, c] : [key, c],
  );
  realm.clients.clear();
  for (const [key, c] of entries) realm.clients.set(key, c);
  client.clientId = clientId;
}

const UPDATABLE_STRINGS = [
  'name',
  'description',
  'rootUrl',
  'baseUrl',
  'adminUrl',
  'clientAuthenticatorType',
  'protocol',
  'secret',
] as const;
const UPDATABLE_FLAGS = [
  'enabled',
  'bearerOnly',
  'consentRequired',
  'standardFlowEnabled',
  'implicitFlowEnabled',
  'directAccessGrantsEnabled',
  'publicClient',
  'frontchannelLogout',
  'fullScopeAllowed',
] as const;

/**
 * Applies a PUT as RepresentationToModel.updateClient does: absent fields stay, sent attributes are merged (an
 * empty value removes one), protocol mappers and client scopes of the body are ignored; turning the service
 * account on creates its user, turning it off removes it (ClientResource.updateClientServiceAccount).
 */
export function updateClientFromRep(kernel: Kernel, realm: RealmModel, client: ClientModel, rep: JsonObject): void {
  expectTypes(rep, CLIENT_TYPES);
  const clientId = rep['clientId'];
  if (typeof clientId === 'string' && clientId !== client.clientId) {
    if (clientId.trim() === '') throw errorResponse(400, 'Client id is missing');
    renameClient(realm, client, clientId);
  }
  for (const key of UPDATABLE_STRINGS) {
    const value = rep[key];
    if (typeof value === 'string') client[key] = value;
  }
  for (const key of UPDATABLE_FLAGS) {
    const value = rep[key];
    if (typeof value === 'boolean') client[key] = value;
  }
  if (typeof rep['notBefore'] === 'number') client.notBefore = rep['notBefore'];
  if (Array.isArray(rep['redirectUris'])) client.redirectUris = strings(rep['redirectUris']);
  if (Array.isArray(rep['webOrigins'])) client.webOrigins = strings(rep['webOrigins']);
  for (const [key, value] of Object.entries(stringMap(rep['attributes']))) {
    if (value === '') delete client.attributes[key];
    else client.attributes[key] = value;
  }
  const nowMs = kernel.clock.now();
  if (rep['serviceAccountsEnabled'] === true) {
    client.serviceAccountsEnabled = true;
    ensureServiceAccount(realm, client, nowMs);
  } else if (rep['serviceAccountsEnabled'] === false) {
    client.serviceAccountsEnabled = false;
    const user = serviceAccountOf(realm, client);
    if (user) {
      realm.users.delete(user.id);
      kernel.sessions.removeAll(realm, user.id);
    }
  }
  if (!client.publicClient && !client.bearerOnly && client.secret === undefined) client.secret = generateSecret();
  applyAuthorization(realm, client, rep, nowMs);
}

/** Removes a client with what hangs on it: its service account, its roles wherever granted, its client sessions. */
export function removeClient(kernel: Kernel, realm: RealmModel, client: ClientModel): void {
  const account = serviceAccountOf(realm, client);
  if (account) {
    realm.users.delete(account.id);
    kernel.sessions.removeAll(realm, account.id);
  }
  realm.clients.delete(client.clientId);
  const roles = new Set(client.roles.values());
  const unlink = (set: Set<unknown>): void => {
    for (const role of roles) set.delete(role);
  };
  for (const user of realm.users.values()) unlink(user.roleMappings);
  const groups = [...realm.groups];
  for (let group = groups.pop(); group; group = groups.pop()) {
    unlink(group.roleMappings);
    groups.push(...group.subGroups);
  }
  for (const role of realm.roles.values()) unlink(role.composites);
  unlink(realm.defaultRole.composites);
  for (const other of realm.clients.values()) {
    unlink(other.scopeMappings);
    for (const role of other.roles.values()) unlink(role.composites);
  }
  for (const scope of realm.clientScopes.values()) unlink(scope.scopeMappings);
  for (const session of kernel.sessions.list(realm)) session.clientSessions.delete(client.id);
  for (const session of kernel.sessions.list(realm, { offline: true })) session.clientSessions.delete(client.id);
}
