/**
 * python-keycloak's `skip_exists` for creations: look the resource up first, create it when absent, and
 * on a 409 (someone created it meanwhile) look it up again so racing creators all get the one id.
 */
import { KeycloakOperationError } from '../../errors.js';
import type { SkipExistsOptions } from '../create-options.js';
import type { AdminCallOptions, AdminEndpoint, AdminRequester } from '../request.js';

/** Creates `payload` under `endpoint` and returns its id; with `skipExists`, an existing one's id found by `find`. */
export async function createOrFind(
  requester: AdminRequester,
  endpoint: AdminEndpoint,
  payload: unknown,
  options: SkipExistsOptions,
  find: (call: AdminCallOptions) => Promise<string | undefined>,
): Promise<string> {
  const { skipExists = false, ...call } = options;
  if (skipExists) {
    const existing = await find(call);
    if (existing !== undefined) return existing;
  }
  const id = (await requester.create(endpoint, { ...call, body: payload, skipExists })) ?? (await find(call));
  if (id === undefined)
    throw new KeycloakOperationError('Keycloak reported a conflict but the resource cannot be found', {
      code: 'ERR_INVALID_RESPONSE',
    });
  return id;
}
