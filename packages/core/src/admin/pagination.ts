/**
 * Paged lists (`first`/`max`) with python-keycloak's rules, and async iterators over them.
 *
 * - `fetchAll`: one request when the query has `first` or `max`; otherwise pages of 100 are fetched and
 *   concatenated until a page comes back shorter than asked (python-keycloak's `__fetch_all`).
 * - `iteratePages`: yields one item at a time and fetches the next page only when the consumer has
 *   used up the current one, so `break` stops the requests. Each `get<Things>` that Keycloak pages has
 *   an `iterate<Things>` twin (e.g. `getUsers` / `iterateUsers`).
 */
import { KeycloakOperationError } from '../errors.js';
import type { QueryParams } from '../http/types.js';
import type { AdminCall, AdminEndpoint, AdminRequester } from './request.js';

/** python-keycloak's `PAGE_SIZE`. */
export const DEFAULT_PAGE_SIZE = 100;

/** Options of the `iterate<Things>` methods. */
export interface PageIterationOptions {
  /** Aborts the pending page request; the iteration then fails with `ERR_ABORTED`. */
  signal?: AbortSignal;
  /** Time limit of each page request in ms. */
  timeout?: number;
  /** Items asked per request. Default 100. */
  pageSize?: number;
}

/** The list under `endpoint`, following python-keycloak's paging rules. */
export async function fetchAll<T>(
  requester: AdminRequester,
  endpoint: AdminEndpoint,
  call: AdminCall = {},
): Promise<T[]> {
  const query = call.query ?? {};
  if (isSet(query['first']) || isSet(query['max'])) return requester.call<T[]>(endpoint, call);
  const all: T[] = [];
  for await (const page of pages<T>(requester, endpoint, call, DEFAULT_PAGE_SIZE)) all.push(...page);
  return all;
}

/** Yields the items under `endpoint`, one page request at a time, on demand. */
export async function* iteratePages<T>(
  requester: AdminRequester,
  endpoint: AdminEndpoint,
  call: AdminCall,
  options: PageIterationOptions = {},
): AsyncGenerator<T, void, undefined> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new TypeError('pageSize must be a positive integer');
  const paged: AdminCall = { ...call, signal: options.signal, timeout: options.timeout };
  for await (const page of pages<T>(requester, endpoint, paged, pageSize)) yield* page;
}

async function* pages<T>(
  requester: AdminRequester,
  endpoint: AdminEndpoint,
  call: AdminCall,
  pageSize: number,
): AsyncGenerator<T[], void, undefined> {
  const base: QueryParams = withoutPaging(call.query ?? {});
  for (let first = 0; ; first += pageSize) {
    const page = await requester.call<T[]>(endpoint, { ...call, query: { ...base, first, max: pageSize } });
    if (!Array.isArray(page))
      throw new KeycloakOperationError('A paged list answer is not a JSON array', { code: 'ERR_INVALID_RESPONSE' });
    if (page.length === 0) return;
    yield page;
    // A page longer than asked means the server ignored `max` (an older Keycloak, a rewriting proxy): it is
    // the whole rest of the list, and asking on would repeat it forever when `first` is ignored too.
    if (page.length !== pageSize) return;
  }
}

function withoutPaging(query: QueryParams): QueryParams {
  const { first: _first, max: _max, ...rest } = query;
  return rest;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
