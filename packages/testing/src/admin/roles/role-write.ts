import { genericError } from '../../http/http-error.js';
import { createRole } from '../../model/factory.js';
import type { RealmModel, RoleModel } from '../../model/types.js';
import { errorMessage, errorResponse } from '../errors.js';
import { expectTypes, type JsonObject, type RepresentationShape } from '../json-body.js';
import { normaliseAttributes } from '../users/user-write.js';

/** RoleRepresentation's fields (Keycloak 26.6's admin REST spec, components.schemas.RoleRepresentation). */
export const ROLE_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.RoleRepresentation',
  fields: new Set([
    'id',
    'name',
    'description',
    'scopeParamRequired',
    'composite',
    'composites',
    'clientRole',
    'containerId',
    'attributes',
  ]),
};

const ROLE_TYPES = {
  name: 'string',
  description: 'string',
  attributes: 'object',
  composite: 'boolean',
  composites: 'object',
} as const;

/** Where roles live: the realm (`clientId` undefined) or one client, each keyed by role name. */
export interface RoleContainer {
  roles: Map<string, RoleModel>;
  /** Internal id of the owning client. */
  clientId?: string;
}

const exists = (name: string) => errorResponse(409, `Role with name ${name} already exists`);

/** Composites named in a create body, resolved before anything is created so a miss changes nothing. */
function compositesOf(realm: RealmModel, rep: JsonObject): RoleModel[] {
  const composites = rep['composites'] as { realm?: unknown; client?: unknown } | undefined;
  if (rep['composite'] !== true || !composites) return [];
  const out: RoleModel[] = [];
  for (const name of Array.isArray(composites.realm) ? composites.realm : []) {
    const role = realm.roles.get(String(name));
    if (!role) throw errorResponse(404, `Realm Role with name ${String(name)} does not exist`);
    out.push(role);
  }
  const byClient =
    composites.client && typeof composites.client === 'object' ? (composites.client as Record<string, unknown>) : {};
  for (const [clientId, names] of Object.entries(byClient)) {
    const client = realm.clients.get(clientId);
    if (!client) continue; // Keycloak skips an unknown clientId here
    for (const name of Array.isArray(names) ? names : []) {
      const role = client.roles.get(String(name));
      if (!role) throw errorResponse(404, `Client Role with name ${String(name)} does not exist`);
      out.push(role);
    }
  }
  return out;
}

/**
 * RoleContainerResource.createRole: a name is required (400 "role has no name"), a taken name is 409
 * "Role with name … already exists"; description, attributes and (with `composite: true`) the composites named
 * in `composites` are kept, a sent `id` is ignored.
 */
export function createRoleFromRep(realm: RealmModel, container: RoleContainer, rep: JsonObject): RoleModel {
  expectTypes(rep, ROLE_TYPES);
  const name = rep['name'];
  if (typeof name !== 'string' || name === '') throw errorMessage(400, 'role has no name');
  if (container.roles.has(name)) throw exists(name);
  const composites = compositesOf(realm, rep);
  const role = createRole(
    { name, ...(typeof rep['description'] === 'string' ? { description: rep['description'] } : {}) },
    container.clientId,
  );
  if (rep['attributes']) role.attributes = normaliseAttributes(rep['attributes']);
  for (const composite of composites) role.composites.add(composite);
  container.roles.set(name, role);
  return role;
}

/**
 * RoleResource.updateRole: the name may change (409 when taken), the description is replaced (absent clears it),
 * attributes are replaced when sent. A missing name is refused instead of renaming the role to nothing.
 */
export function updateRoleFromRep(container: RoleContainer, role: RoleModel, rep: JsonObject): void {
  expectTypes(rep, ROLE_TYPES);
  const name = rep['name'];
  if (typeof name !== 'string' || name === '') throw genericError(400, 'Bad Request');
  if (name !== role.name) {
    if (container.roles.has(name)) throw exists(name);
    container.roles.delete(role.name);
    role.name = name;
    container.roles.set(name, role);
  }
  if (typeof rep['description'] === 'string') role.description = rep['description'];
  else delete role.description;
  if (rep['attributes']) role.attributes = normaliseAttributes(rep['attributes']);
}

/** RoleResource.deleteRole refuses the realm's default role with a 400 ErrorResponse. */
export function checkDeletable(realm: RealmModel, role: RoleModel): void {
  if (role === realm.defaultRole)
    throw errorResponse(400, `${role.name} is default role of the realm and cannot be removed.`);
}
