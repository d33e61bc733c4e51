/**
 * Links each KeycloakAdmin to its request helper without a public field: the API areas' methods run
 * with `this` = the KeycloakAdmin and look the helper up here.
 */
import { KeycloakOperationError } from '../../errors.js';
import type { AdminRequester } from '../request.js';

const requesters = new WeakMap<object, AdminRequester>();

/** Registers the helper of a new KeycloakAdmin. */
export function registerRequester(admin: object, requester: AdminRequester): void {
  requesters.set(admin, requester);
}

/** The helper of `admin`; throws when an area method was detached from its KeycloakAdmin. */
export function requesterOf(admin: object): AdminRequester {
  const requester = requesters.get(admin);
  if (requester === undefined) throw new KeycloakOperationError('Admin methods must be called on a KeycloakAdmin (was the method detached?)');
  return requester;
}
