import type { ClientModel } from '../../model/types.js';

/**
 * TokenManager.isValidScope: every requested scope but `openid` must be one of the client's default or
 * optional client scopes.
 */
export function isValidScope(client: ClientModel, scope: string | undefined): boolean {
  return (scope ?? '')
    .split(' ')
    .filter(Boolean)
    .every((s) => s === 'openid' || client.defaultClientScopes.includes(s) || client.optionalClientScopes.includes(s));
}
