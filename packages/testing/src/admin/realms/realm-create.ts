import type { RequestContext } from '../../http/context.js';
import { HttpError } from '../../http/http-error.js';
import { RealmImportError } from '../../model/import.js';
import type { RealmModel } from '../../model/types.js';
import type { AdminAuth } from '../auth.js';
import { cannotParseJson, errorResponse, serverError } from '../errors.js';
import type { JsonObject } from '../json-body.js';
import { isMasterAdmin } from '../permissions.js';
import { checkReservedChars } from './reserved-chars.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Creates a realm from a full representation as RealmManager.importRealm does, then, like
 * RealmsAdminResource.grantPermissionsToRealmCreator, gives a creator who is not master's `admin` every role of
 * the new realm's `<realm>-realm` client so they can manage what they created.
 */
export function importNewRealm(ctx: RequestContext, auth: AdminAuth, rep: JsonObject): RealmModel {
  const name = rep['realm'];
  if (typeof name !== 'string' || name.trim() === '') throw errorResponse(400, 'Realm name cannot be empty');
  const { store } = ctx.kernel;
  checkReservedChars(name);
  // A lone surrogate cannot be written in a URL or stored (Keycloak answers 500 and keeps nothing); this server
  // refuses it as unparseable before anything is created, never with a 500.
  if (LONE_SURROGATE.test(name)) throw cannotParseJson();
  if (store.get(name)) throw errorResponse(409, `Realm ${name} already exists`);
  let realm: RealmModel;
  try {
    realm = store.import(rep, 'keycloak');
  } catch (error) {
    // A reference RepresentationToModel cannot resolve (an unknown group path, composite, client or client
    // scope): a RuntimeException, which KeycloakErrorHandler answers 500 with no detail.
    if (error instanceof RealmImportError && error.keycloakFails) throw serverError();
    // A nested part or a setting of the wrong shape (the import applies settings as the realm PUT does):
    // Jackson would not have bound it.
    if (error instanceof HttpError) throw error;
    throw cannotParseJson();
  }
  if (!isMasterAdmin(auth)) {
    const client = auth.realm.clients.get(`${realm.name}-realm`);
    for (const role of client?.roles.values() ?? []) auth.user.roleMappings.add(role);
  }
  return realm;
}
