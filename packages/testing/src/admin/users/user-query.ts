import type { RealmModel, UserModel } from '../../model/types.js';
import { booleanParam, integerParam } from '../json-body.js';

/** The filters of `GET /users` and `GET /users/count`, as UsersResource binds them. */
export interface UserQuery {
  search?: string;
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  exact?: boolean;
  idpAlias?: string;
  idpUserId?: string;
  /** `q=key:value key2:value2` attribute filters. */
  attributes: [string, string][];
}

// SearchQueryUtils: `key:value` pairs separated by spaces; either side may be double-quoted to hold spaces.
const Q_PAIR = /(?:"([^"]+)"|([^\s:]+)):(?:"([^"]+)"|(\S+))/g;

/** Reads the query filters from the request URL. */
export function parseUserQuery(url: URL): UserQuery {
  const text = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
  const query: UserQuery = { attributes: [] };
  for (const key of ['search', 'username', 'email', 'firstName', 'lastName', 'idpAlias', 'idpUserId'] as const) {
    const value = text(key);
    if (value !== undefined) query[key] = value;
  }
  for (const key of ['enabled', 'emailVerified', 'exact'] as const) {
    const value = booleanParam(url, key);
    if (value !== undefined) query[key] = value;
  }
  query.attributes.push(...searchQueryPairs(text('q') ?? ''));
  return query;
}

/** The `key:value` pairs of a `q` search query (SearchQueryUtils.getFields). */
export function searchQueryPairs(q: string): [string, string][] {
  return [...q.matchAll(Q_PAIR)].map((match) => [match[1] ?? match[2] ?? '', match[3] ?? match[4] ?? '']);
}

/** The `first`/`max` window: offset from 0, at most 100 users unless `max` says otherwise (negative = all). */
export function parsePage(url: URL): { first: number; max: number } {
  return { first: Math.max(0, integerParam(url, 'first') ?? 0), max: integerParam(url, 'max') ?? 100 };
}

/**
 * One `search` term as JpaUserProvider matches it: `"exact"` in quotes, `*` as a wildcard, otherwise a
 * case-insensitive prefix.
 */
function termMatcher(term: string): (value: string | undefined) => boolean {
  const lower = term.toLowerCase();
  if (lower.length >= 2 && lower.startsWith('"') && lower.endsWith('"')) {
    const exact = lower.slice(1, -1);
    return (value) => value?.toLowerCase() === exact;
  }
  const source = lower
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const pattern = new RegExp(`^${source}${lower.endsWith('*') ? '' : '.*'}$`, 's');
  return (value) => value !== undefined && pattern.test(value.toLowerCase());
}

function matchesSearch(user: UserModel, search: string): boolean {
  return search
    .trim()
    .split(/\s+/)
    .every((term) => {
      const matches = termMatcher(term);
      return [user.username, user.email, user.firstName, user.lastName].some(matches);
    });
}

function fieldMatches(value: string | undefined, wanted: string | undefined, exact: boolean): boolean {
  if (wanted === undefined) return true;
  if (value === undefined) return false;
  return exact ? value.toLowerCase() === wanted.toLowerCase() : value.toLowerCase().includes(wanted.toLowerCase());
}

function matchesFields(user: UserModel, query: UserQuery): boolean {
  const exact = query.exact === true;
  // This server keeps no identity-provider links, so a filter on one matches nobody.
  if (query.idpAlias !== undefined || query.idpUserId !== undefined) return false;
  if (query.enabled !== undefined && user.enabled !== query.enabled) return false;
  if (query.emailVerified !== undefined && user.emailVerified !== query.emailVerified) return false;
  return (
    fieldMatches(user.username, query.username, exact) &&
    fieldMatches(user.email, query.email, exact) &&
    fieldMatches(user.firstName, query.firstName, exact) &&
    fieldMatches(user.lastName, query.lastName, exact) &&
    query.attributes.every(([key, wanted]) => attributeMatches(user, key, wanted, exact))
  );
}

const BUILT_IN = new Set(['username', 'email', 'firstName', 'lastName']);

// JpaUserProvider.searchForUserStream: a `q` key naming a built-in field filters that column as the field
// parameter does (infix unless `exact`); any other key an attribute value, case-insensitively and whole.
function attributeMatches(user: UserModel, key: string, wanted: string, exact: boolean): boolean {
  if (BUILT_IN.has(key))
    return fieldMatches(user[key as 'username' | 'email' | 'firstName' | 'lastName'], wanted, exact);
  return (user.attributes[key] ?? []).some((v) => v.toLowerCase() === wanted.toLowerCase());
}

function hasFieldFilter(query: UserQuery): boolean {
  const { search: _search, attributes, ...fields } = query;
  return attributes.length > 0 || Object.values(fields).some((v) => v !== undefined);
}

/**
 * The users a query selects, ordered by username as Keycloak orders them. `search` wins over the field filters
 * (and `search=id:<id>` looks one user up); service accounts appear only when field filters are used, as
 * UsersResource asks the store to include them only then.
 */
export function selectUsers(realm: RealmModel, query: UserQuery): UserModel[] {
  const users = [...realm.users.values()];
  let selected: UserModel[];
  if (query.search?.startsWith('id:')) {
    const user = realm.users.get(query.search.slice(3).trim());
    selected = user ? [user] : [];
  } else if (query.search !== undefined) {
    const search = query.search;
    selected = users.filter(
      (u) =>
        !u.serviceAccountClientId &&
        matchesSearch(u, search) &&
        (query.enabled === undefined || u.enabled === query.enabled),
    );
  } else if (hasFieldFilter(query)) {
    selected = users.filter((u) => matchesFields(u, query));
  } else {
    selected = users.filter((u) => !u.serviceAccountClientId);
  }
  return selected.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}
