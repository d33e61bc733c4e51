import { errorMessage } from '../errors.js';
import { integerParam } from '../json-body.js';
import { BASE_FIELDS, OIDC_FIELDS, SAML_FIELDS } from './client-v2-representation.js';

/**
 * The listing options of GET /clients/v2 (ListOptions.java, SortOption.java, ClientField.java) as Keycloak 26.7.3
 * applies them: without `q`, `offset` (from 0) and `limit` (from 1, default 100) cut a page of the clients ordered
 * by clientId, then `sort` orders that page only (so `sort=clientId|desc&limit=3` gives the first three clientIds,
 * reversed); with `q`, the matching clients are sorted as a whole before the page is cut. `fields` keeps the named
 * top-level fields of each client.
 */

const SORTABLE = new Set([
  'clientId',
  'displayName',
  'description',
  'protocol',
  'enabled',
  'appUrl',
  'createdTimestamp',
  'updatedTimestamp',
]);
/** Every top-level field of the v2 representations (what `fields` and `q` may name). */
export const V2_FIELDS: ReadonlySet<string> = new Set([...BASE_FIELDS, ...OIDC_FIELDS, ...SAML_FIELDS]);

export interface ListOptions {
  offset: number;
  limit: number;
  sort: Array<{ field: string; descending: boolean }>;
  fields: Set<string> | undefined;
}

function commaList(url: URL, name: string): string[] {
  return (url.searchParams.get(name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Reads and checks the options: a bad bound, sort field or field name is a 400 naming it. */
export function listOptions(url: URL): ListOptions {
  const offset = integerParam(url, 'offset') ?? 0;
  const limit = integerParam(url, 'limit') ?? 100;
  if (limit < 1) throw errorMessage(400, 'limit must be greater than or equal to 1');
  if (offset < 0) throw errorMessage(400, 'offset must be greater than or equal to 0');
  const sort = commaList(url, 'sort').map((item) => {
    const [field = '', direction = 'asc'] = item.split('|');
    if (!SORTABLE.has(field)) throw errorMessage(400, `${field} is not a sortable field`);
    return { field, descending: direction.toLowerCase() === 'desc' };
  });
  const named = commaList(url, 'fields');
  for (const field of named) if (!V2_FIELDS.has(field)) throw errorMessage(400, `${field} is an unknown field`);
  return { offset, limit, sort, fields: named.length > 0 ? new Set(named) : undefined };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // A field the representation leaves out (no display name, no description) comes first.
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

/** Orders a page of v2 representations by the sort options. */
export function sortPage(page: Array<Record<string, unknown>>, sort: ListOptions['sort']): void {
  if (sort.length === 0) return;
  page.sort((a, b) => {
    for (const { field, descending } of sort) {
      const order = compare(a[field], b[field]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

/** Keeps only the asked fields of a representation (all of them when none was asked). */
export function keepFields(rep: Record<string, unknown>, fields: Set<string> | undefined): Record<string, unknown> {
  if (!fields) return rep;
  return Object.fromEntries(Object.entries(rep).filter(([key]) => fields.has(key)));
}
