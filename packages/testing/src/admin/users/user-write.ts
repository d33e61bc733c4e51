import { randomUUID } from 'node:crypto';
import { HttpError } from '../../http/http-error.js';
import { createUser } from '../../model/factory.js';
import type { RealmModel, UserModel } from '../../model/types.js';
import { errorResponse } from '../errors.js';
import { expectTypes, type JsonObject } from '../json-body.js';
import { defaultGroupsOf } from '../groups/default-groups.js';
import { realmSetting } from '../realms/realm-representation.js';
import { writeAdminAttributes } from './user-attribute-policy.js';

const USER_TYPES = {
  username: 'string',
  email: 'string',
  firstName: 'string',
  lastName: 'string',
  enabled: 'boolean',
  emailVerified: 'boolean',
  attributes: 'object',
  requiredActions: 'array',
  credentials: 'array',
  groups: 'array',
} as const;

/** A user-profile validation failure, in ErrorResponse.errors' single-error shape. */
function profileError(field: string, message: string, ...params: string[]): HttpError {
  return new HttpError({ status: 400, body: { field, errorMessage: message, params: [field, ...params] } });
}

function emailOf(rep: JsonObject): string | undefined {
  const email = rep['email'];
  if (typeof email !== 'string' || email === '') return undefined;
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw profileError('email', 'error-invalid-email', email);
  return email.toLowerCase();
}

function taken(realm: RealmModel, field: 'username' | 'email', value: string, except?: UserModel): boolean {
  for (const user of realm.users.values()) if (user !== except && user[field] === value) return true;
  return false;
}

function checkEmailFree(realm: RealmModel, email: string | undefined, except?: UserModel): void {
  if (
    email !== undefined &&
    realmSetting(realm, 'duplicateEmailsAllowed') !== true &&
    taken(realm, 'email', email, except)
  ) {
    throw errorResponse(409, 'User exists with same email');
  }
}

/** Attributes as Keycloak binds them (StringListMapDeserializer): a single string is a one-value list. */
export function normaliseAttributes(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, v] of Object.entries(value as JsonObject)) {
    if (v === null || v === undefined) continue;
    out[key] = (Array.isArray(v) ? v : [v]).filter((x) => x !== null).map(String);
  }
  return out;
}

function stringList(value: unknown): string[] {
  return (value as unknown[]).filter((x): x is string => typeof x === 'string');
}

/** The password of a representation's credentials, and whether it is temporary; the first password wins. */
function passwordOf(rep: JsonObject): { value: string; temporary: boolean } | undefined {
  const credentials = (rep['credentials'] as unknown[] | undefined) ?? [];
  for (const c of credentials) {
    if (!c || typeof c !== 'object') continue;
    const cred = c as JsonObject;
    if ((cred['type'] ?? 'password') === 'password' && typeof cred['value'] === 'string')
      return { value: cred['value'], temporary: cred['temporary'] === true };
  }
  return undefined;
}

/**
 * A new user as UsersResource.createUser makes one: username (or e-mail when the realm uses e-mail as
 * username) required and lower-cased, duplicates refused, `enabled` false unless sent, the realm default role
 * granted, credentials honoured (temporary adds UPDATE_PASSWORD), `id`, role and client mappings ignored.
 */
export function createUserFromRep(realm: RealmModel, rep: JsonObject, nowMs: number): UserModel {
  expectTypes(rep, USER_TYPES);
  const email = emailOf(rep);
  const rawName = realmSetting(realm, 'registrationEmailAsUsername') === true ? rep['email'] : rep['username'];
  if (typeof rawName !== 'string' || rawName.trim() === '') throw errorResponse(400, 'User name is missing');
  const username = rawName.toLowerCase();
  if (taken(realm, 'username', username)) throw errorResponse(409, 'User exists with same username');
  checkEmailFree(realm, email);
  const user = createUser(
    { username, enabled: rep['enabled'] === true, emailVerified: rep['emailVerified'] === true },
    realm,
    nowMs,
  );
  if (email !== undefined) user.email = email;
  for (const key of ['firstName', 'lastName'] as const) {
    const value = rep[key];
    if (typeof value === 'string' && value !== '') user[key] = value;
  }
  if (rep['attributes']) user.attributes = writeAdminAttributes(realm, user, normaliseAttributes(rep['attributes']));
  if (rep['requiredActions']) user.requiredActions = [...new Set(stringList(rep['requiredActions']))];
  const password = passwordOf(rep);
  if (password) setPassword(user, password.value, password.temporary, nowMs);
  user.roleMappings.add(realm.defaultRole);
  for (const group of defaultGroupsOf(realm)) user.groups.add(group);
  return user;
}

/** Sets a clear password; temporary adds UPDATE_PASSWORD, otherwise that required action is removed. */
export function setPassword(user: UserModel, value: string, temporary: boolean, nowMs: number): void {
  // Keycloak updates the stored password credential in place: its id and label survive a reset.
  const label = user.password?.userLabel;
  user.password = {
    kind: 'plain',
    id: user.password?.id ?? randomUUID(),
    value,
    createdDate: nowMs,
    ...(label !== undefined ? { userLabel: label } : {}),
  };
  const others = user.requiredActions.filter((a) => a !== 'UPDATE_PASSWORD');
  user.requiredActions = temporary ? [...others, 'UPDATE_PASSWORD'] : others;
}

/**
 * Applies a PUT as UserResource.updateUser does: without `attributes`, fields absent from the representation stay
 * as they are; with them, the representation is the whole profile (absent names and e-mail go). `attributes`
 * (those the user profile lets an admin write) and `requiredActions` when sent replace the old ones, an empty name
 * removes it. The username can change only where the realm allows editing usernames.
 */
export function updateUserFromRep(realm: RealmModel, user: UserModel, rep: JsonObject): void {
  expectTypes(rep, USER_TYPES);
  const username = typeof rep['username'] === 'string' ? rep['username'].toLowerCase() : undefined;
  if (username !== undefined && username !== user.username) {
    if (realmSetting(realm, 'editUsernameAllowed') !== true)
      throw profileError('username', 'error-user-attribute-read-only');
    if (username.trim() === '') throw errorResponse(400, 'User name is missing');
    if (taken(realm, 'username', username, user)) throw errorResponse(409, 'User exists with same username');
  }
  const email = emailOf(rep);
  if (email !== user.email) checkEmailFree(realm, email, user);
  if (username !== undefined) user.username = username;
  if (typeof rep['email'] === 'string') {
    if (email === undefined) delete user.email;
    else user.email = email;
  }
  for (const key of ['firstName', 'lastName'] as const) {
    const value = rep[key];
    if (typeof value !== 'string') continue;
    if (value === '') delete user[key];
    else user[key] = value;
  }
  if (typeof rep['enabled'] === 'boolean') user.enabled = rep['enabled'];
  if (typeof rep['emailVerified'] === 'boolean') user.emailVerified = rep['emailVerified'];
  if (rep['attributes']) {
    const sent = normaliseAttributes(rep['attributes']);
    // With `attributes` the representation is the whole profile (UserProfile.update over getRawAttributes): a
    // first or last name neither a field nor an attribute is removed, and the e-mail comes only from its field.
    for (const key of ['firstName', 'lastName'] as const) {
      if (typeof rep[key] === 'string') continue;
      const value = sent[key]?.[0];
      if (value) user[key] = value;
      else delete user[key];
    }
    if (typeof rep['email'] !== 'string') delete user.email;
    user.attributes = writeAdminAttributes(realm, user, sent);
  }
  if (rep['requiredActions']) user.requiredActions = [...new Set(stringList(rep['requiredActions']))];
}
