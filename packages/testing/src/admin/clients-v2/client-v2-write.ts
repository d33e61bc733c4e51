import { randomBytes } from 'node:crypto';
import type { Kernel, RequestContext } from '../../http/context.js';
import { mediaType } from '../../http/body.js';
import { HttpError } from '../../http/http-error.js';
import { createRole } from '../../model/factory.js';
import { serviceAccountOf } from '../../model/store.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { createClientFromRep } from '../clients/client-write.js';
import { cannotParseJson, errorMessage, malformedJson, serverError } from '../errors.js';
import type { JsonObject } from '../json-body.js';
import {
  BASE_FIELDS,
  FLOW_NAMES,
  LOGIN_FLOWS,
  OIDC_FIELDS,
  SAML_ATTRIBUTES,
  SAML_FIELDS,
  stampClient,
} from './client-v2-representation.js';

/** The client authenticators Keycloak 26.7.3 ships (ValidAuthMethodValidator checks against the providers). */
const AUTH_METHODS = new Set(['client-secret', 'client-jwt', 'client-secret-jwt', 'client-x509']);
const PROTOCOLS = new Set(['openid-connect', 'saml']);

/** A 400 of the v2 API's Jakarta validation (ValidationExceptionHandler.java). */
function violations(messages: string[]): HttpError {
  return new HttpError({ status: 400, body: { error: 'Provided data is invalid', violations: messages } });
}

/**
 * Reads the JSON body of a v2 write: another media type is RESTEasy's 415 "No supported MessageBodyReader found",
 * bytes that are not JSON `invalid_request`, JSON that is not an object `unknown_error` (Jackson's binding).
 */
export async function readV2Body(ctx: RequestContext): Promise<JsonObject> {
  const type = mediaType(ctx.req);
  if (type !== 'application/json') throw errorMessage(415, 'No supported MessageBodyReader found');
  let parsed: unknown;
  try {
    parsed = JSON.parse((await ctx.body()).toString('utf8'));
  } catch {
    throw malformedJson();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw cannotParseJson();
  return parsed as JsonObject;
}

const isString = (value: unknown): boolean => value == null || typeof value === 'string';
const isBoolean = (value: unknown): boolean => value == null || typeof value === 'boolean';
const isStrings = (value: unknown): boolean =>
  value == null || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

// Jackson binding: a value of the wrong JSON type, or a flow name outside the enum, is "Cannot parse the JSON".
function checkBinding(rep: JsonObject): void {
  const strings = ['uuid', 'clientId', 'displayName', 'description', 'appUrl', 'protocol'];
  const lists = ['redirectUris', 'roles', 'webOrigins', 'serviceAccountRoles'];
  const ok =
    strings.every((key) => isString(rep[key])) &&
    isBoolean(rep['enabled']) &&
    isBoolean(rep['frontChannelLogout']) &&
    lists.every((key) => isStrings(rep[key])) &&
    isStrings(rep['loginFlows']) &&
    ((rep['loginFlows'] as string[] | null | undefined) ?? []).every((flow) => FLOW_NAMES.has(flow)) &&
    (rep['auth'] === undefined ||
      rep['auth'] === null ||
      (typeof rep['auth'] === 'object' &&
        !Array.isArray(rep['auth']) &&
        ['method', 'secret', 'certificate'].every((key) => isString((rep['auth'] as JsonObject)[key]))));
  if (!ok) throw cannotParseJson();
}

/**
 * The checks of a v2 body before it reaches the model, in Keycloak 26.7.3's order: fields the representation
 * does not declare, the `protocol` discriminator, its mapper, JSON binding, then the Jakarta constraints.
 */
export function validateV2Body(rep: JsonObject): void {
  const protocolFields: readonly string[] = rep['protocol'] === 'saml' ? SAML_FIELDS : OIDC_FIELDS;
  const known = new Set<string>([...BASE_FIELDS, ...protocolFields]);
  const unknown = Object.keys(rep).filter((key) => !known.has(key));
  if (unknown.length > 0) throw errorMessage(400, `Payload contains unknown fields: [${unknown.join(', ')}]`);
  const protocol = rep['protocol'];
  if (protocol === undefined || protocol === null) throw errorMessage(400, 'protocol is required');
  if (typeof protocol !== 'string' || !PROTOCOLS.has(protocol))
    throw errorMessage(400, `Mapper not found, unsupported client protocol: ${String(protocol)}`);
  checkBinding(rep);
  const messages: string[] = [];
  const clientId = rep['clientId'];
  if (typeof clientId !== 'string' || clientId.trim() === '') messages.push('clientId: must not be blank');
  const auth = rep['auth'] as JsonObject | null | undefined;
  const flows = (rep['loginFlows'] as string[] | null | undefined) ?? [];
  for (const flow of ['SERVICE_ACCOUNT', 'TOKEN_EXCHANGE'])
    if (flows.includes(flow) && !auth)
      messages.push(`loginFlows: ${flow} requires a confidential client (auth must be specified)`);
  if (auth) {
    const method = auth['method'];
    if (typeof method !== 'string' || method.trim() === '') messages.push('auth.method: must not be blank');
    else if (!AUTH_METHODS.has(method)) messages.push('auth.method: valid client authenticator type is required');
    const secret = auth['secret'];
    if (typeof secret === 'string' && (secret.length < 6 || secret.length > 255))
      messages.push('auth.secret: size must be between 6 and 255');
  }
  if (messages.length > 0) throw violations(messages);
}

/** The secret the v2 API generates: 86 alphanumeric characters, 512 bits as SecretGenerator sizes it. */
function generateV2Secret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(86)].map((b) => alphabet[b % alphabet.length]).join('');
}

function samlAttributes(rep: JsonObject): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [field, attribute] of Object.entries(SAML_ATTRIBUTES)) {
    const value = rep[field];
    if (value !== undefined && value !== null) attributes[attribute] = String(value);
  }
  return attributes;
}

/**
 * A new client from a validated v2 body, made through the v1 path (createClientFromRep) so both APIs see the same
 * client. The v2 mapper starts from a bare model and sets every mapped field, so what the body lacks is off: the
 * client is disabled, public, with no flow and no full scope, as Keycloak 26.7.3 answers.
 */
export function createClientFromV2(kernel: Kernel, realm: RealmModel, rep: JsonObject): ClientModel {
  const clientId = rep['clientId'] as string;
  // Keycloak 26.7.3 answers a taken clientId with a 500 (the model's duplicate-key failure is not mapped).
  if (realm.clients.has(clientId)) throw serverError();
  const flows = new Set((rep['loginFlows'] as string[] | null | undefined) ?? []);
  const auth = rep['auth'] as JsonObject | null | undefined;
  const strings = (key: string): string[] => (rep[key] as string[] | null | undefined) ?? [];
  const v1: JsonObject = {
    clientId,
    enabled: rep['enabled'] === true,
    redirectUris: strings('redirectUris'),
    webOrigins: strings('webOrigins'),
    protocol: rep['protocol'],
    fullScopeAllowed: false,
    publicClient: !auth,
    frontchannelLogout: rep['frontChannelLogout'] === true,
  };
  for (const [field, key] of [
    ['displayName', 'name'],
    ['description', 'description'],
    ['appUrl', 'baseUrl'],
  ] as const)
    if (typeof rep[field] === 'string') v1[key] = rep[field];
  for (const [name, flag] of LOGIN_FLOWS) v1[flag] = flows.has(name);
  if (auth) {
    v1['clientAuthenticatorType'] = auth['method'];
    v1['secret'] = typeof auth['secret'] === 'string' ? auth['secret'] : generateV2Secret();
  }
  if (rep['protocol'] === 'saml') v1['attributes'] = samlAttributes(rep);
  const client = createClientFromRep(kernel, realm, v1);
  // The v2 path makes the service-account user without the realm's default role: it has no role mapping at all.
  const account = serviceAccountOf(realm, client);
  if (account) account.roleMappings.clear();
  for (const name of strings('roles'))
    if (!client.roles.has(name)) client.roles.set(name, createRole({ name }, client.id));
  stampClient(client, kernel.clock.now());
  return client;
}
