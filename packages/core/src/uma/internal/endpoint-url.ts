/** URL helpers of the UMA client: endpoints come from discovery as absolute URLs, ids are appended encoded. */
import { KeycloakOperationError } from '../../errors.js';

/** `endpoint/<id>` with `id` percent-encoded; an empty, `.` or `..` id would address another endpoint, so it is refused. */
export function endpointWithId(endpoint: string, id: string, what: string): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..') {
    throw new KeycloakOperationError(`${what} must be a non-empty string`);
  }
  return `${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
}

/** python-keycloak's `format_url`: fills `{name}` placeholders with form-encoded (`quote_plus`) values. */
export function formatUrl(url: string, params: Readonly<Record<string, string>>): string {
  return url.replace(/\{([^{}]+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) throw new KeycloakOperationError(`No value for ${placeholder}`);
    return encodeURIComponent(value).replace(/%20/g, '+');
  });
}
