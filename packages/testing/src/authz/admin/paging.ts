import { parsePage } from '../../admin/users/user-query.js';

/**
 * The paging of the authorization stores' `findByResourceServer`: ordered by name, `first` (default 0) and `max`
 * (default Constants.DEFAULT_MAX_RESULTS = 100, -1 for all); a non-integer value is RESTEasy's 404.
 */
export function pageByName<T extends { name: string }>(items: readonly T[], url: URL): T[] {
  const { first, max } = parsePage(url);
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.slice(first, max < 0 ? undefined : first + max);
}

/** A trimmed, non-empty query parameter (Keycloak ignores blank filters). */
export function filterParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name)?.trim();
  return value ? value : undefined;
}

/** The store's NAME filter: a case-insensitive substring. */
export function nameLike(name: string, term: string): boolean {
  return name.toLowerCase().includes(term.toLowerCase());
}
