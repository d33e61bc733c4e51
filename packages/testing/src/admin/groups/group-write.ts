import { randomUUID } from 'node:crypto';
import type { GroupModel, RealmModel } from '../../model/types.js';
import { cannotParseJson, errorResponse } from '../errors.js';
import { expectTypes, type JsonObject, type RepresentationShape } from '../json-body.js';
import { forgetDefaultGroups } from './default-groups.js';
import { GROUP_FIELDS } from '../known-fields.js';

/** How the admin API reads a GroupRepresentation body. */
export const GROUP_SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.GroupRepresentation',
  fields: GROUP_FIELDS,
};

/** Jackson's binding of the fields GroupResource.updateGroup reads; anything else is "Cannot parse the JSON". */
export function checkGroupBody(rep: JsonObject): void {
  expectTypes(rep, { id: 'string', name: 'string', description: 'string', attributes: 'object' });
  const attributes = rep['attributes'];
  if (attributes && typeof attributes === 'object') {
    for (const values of Object.values(attributes)) {
      if (values !== null && !(Array.isArray(values) && values.every((v) => typeof v === 'string')))
        throw cannotParseJson();
    }
  }
}

/** GroupResource.updateGroup: the name, the attributes when sent (replacing them), and the description (cleared when absent). */
export function applyGroupRep(group: GroupModel, rep: JsonObject): void {
  if (typeof rep['name'] === 'string') group.name = rep['name'];
  const attributes = rep['attributes'];
  if (attributes && typeof attributes === 'object') {
    group.attributes = Object.fromEntries(
      Object.entries(attributes as Record<string, string[] | null>).map(([k, v]) => [k, [...(v ?? [])]]),
    );
  }
  if (typeof rep['description'] === 'string') group.description = rep['description'];
  else delete group.description;
}

/** A new empty group named from the body (its roles are set through role mappings, as in Keycloak). */
export function newGroup(rep: JsonObject, name: string): GroupModel {
  const group: GroupModel = { id: randomUUID(), name, subGroups: [], attributes: {}, roleMappings: new Set() };
  applyGroupRep(group, rep);
  return group;
}

/** The groups beside which `parent` (undefined = top level) holds its children. */
export function siblingsOf(realm: RealmModel, parent: GroupModel | undefined): GroupModel[] {
  return parent ? parent.subGroups : realm.groups;
}

/** Whether a group under `parent` other than `except` already has `name`. */
export function nameTaken(
  realm: RealmModel,
  parent: GroupModel | undefined,
  name: string,
  except?: GroupModel,
): boolean {
  return siblingsOf(realm, parent).some((g) => g !== except && g.name === name);
}

/** Moves `group` under `parent` (undefined = top level); moving a group into itself or its subtree is refused. */
export function moveGroup(realm: RealmModel, group: GroupModel, parent: GroupModel | undefined): void {
  for (let g = parent; g; g = g.parent)
    if (g === group) throw errorResponse(400, 'Cannot move a group under itself or its subgroups');
  detach(realm, group);
  if (parent) group.parent = parent;
  else delete group.parent;
  siblingsOf(realm, parent).push(group);
}

/** Removes a group from its parent's list (or the top level), keeping the group object intact. */
export function detach(realm: RealmModel, group: GroupModel): void {
  const list = siblingsOf(realm, group.parent);
  const index = list.indexOf(group);
  if (index >= 0) list.splice(index, 1);
}

/** RealmModel.removeGroup: the group and its subtree leave the realm and every user's memberships. */
export function removeGroup(realm: RealmModel, group: GroupModel): void {
  detach(realm, group);
  const gone = new Set<GroupModel>();
  const collect = (g: GroupModel): void => {
    gone.add(g);
    g.subGroups.forEach(collect);
  };
  collect(group);
  for (const user of realm.users.values()) for (const g of gone) user.groups.delete(g);
  forgetDefaultGroups(realm, gone);
}
