import type { RequestContext } from '../../http/context.js';
import type { GroupModel, RealmModel } from '../../model/types.js';
import { errorResponse } from '../errors.js';
import { booleanParam, integerParam, type JsonObject } from '../json-body.js';
import { allGroups } from '../roles/role-support.js';
import { searchQueryPairs } from '../users/user-query.js';

/** The query of group lists, as GroupsResource and GroupResource bind it. */

/** A name filter: `exact` compares whole names, otherwise a case-insensitive substring (JpaRealmProvider). */
export function nameMatcher(search: string, exact: boolean | undefined): (group: GroupModel) => boolean {
  if (exact) return (group) => group.name === search;
  const lower = search.toLowerCase();
  return (group) => group.name.toLowerCase().includes(lower);
}

/** Groups whose attributes hold every `key:value` pair of `q` (searchGroupModelsByAttributes). */
export function attributeMatcher(q: string): (group: GroupModel) => boolean {
  const pairs = searchQueryPairs(q);
  return (group) => pairs.every(([key, value]) => group.attributes[key]?.includes(value) === true);
}

/** Every group of the realm matching `predicate`, sorted by name. */
export function findGroups(realm: RealmModel, predicate: (group: GroupModel) => boolean): GroupModel[] {
  return allGroups(realm)
    .filter(predicate)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A `first`/`max` window; a missing `max` is `fallbackMax` (undefined = everything). */
export function pageOf<T>(ctx: RequestContext, items: readonly T[], fallbackMax?: number): T[] {
  const first = Math.max(0, integerParam(ctx.url, 'first') ?? 0);
  const max = integerParam(ctx.url, 'max') ?? fallbackMax;
  return items.slice(first, max === undefined || max < 0 ? undefined : first + max);
}

/** A boolean query parameter with a default. */
export function flag(ctx: RequestContext, name: string, fallback: boolean): boolean {
  return booleanParam(ctx.url, name) ?? fallback;
}

/** The group name of a create/update body: missing or blank is ErrorResponse's 400 "Group name is missing". */
export function groupName(rep: JsonObject): string {
  const name = rep['name'];
  if (typeof name !== 'string' || name.trim() === '') throw errorResponse(400, 'Group name is missing');
  return name;
}
