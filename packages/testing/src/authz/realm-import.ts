import { HttpError } from '../http/http-error.js';
import { RealmImportError } from '../model/import.js';
import type { ClientRepresentation } from '../model/representations.js';
import type { RealmModel } from '../model/types.js';
import type { ResourceServerRepresentation } from './representations.js';
import { enableAuthorization } from './resource-server.js';
import { jsonList, roleByRef } from './refs.js';
import { importAuthorizationSettings } from './settings-import.js';

/**
 * The realm-import step for `clients[].authorizationServicesEnabled` / `authorizationSettings`: the given settings,
 * or Keycloak's default resource, policy and permission when the client only enables authorization.
 */
export function importRealmAuthorization(
  realm: RealmModel,
  clients: readonly ClientRepresentation[],
  nowMs: number,
  dropUnknownRoles = false,
): void {
  for (const rep of clients) {
    const client = realm.clients.get(rep.clientId);
    if (!client || rep.authorizationServicesEnabled !== true) continue;
    const given = rep['authorizationSettings'];
    const settings =
      dropUnknownRoles && given && typeof given === 'object'
        ? withKnownRoles(realm, given as ResourceServerRepresentation)
        : given;
    try {
      if (settings && typeof settings === 'object')
        importAuthorizationSettings(
          realm,
          client,
          settings as ResourceServerRepresentation,
          nowMs,
          (policy, error) => new PolicyImportFailure(String(policy), error),
        );
      else enableAuthorization(realm, client, nowMs, false);
    } catch (error) {
      const failure = error instanceof PolicyImportFailure ? error : undefined;
      const cause = failure?.cause ?? error;
      const body =
        cause instanceof HttpError ? (cause.reply.body as { error_description?: string } | undefined) : undefined;
      const where = `(authorizationSettings of client "${rep.clientId}")`;
      const what = failure === undefined ? where : `policy "${failure.policy}" ${where}`;
      throw new RealmImportError(`${what}: ${readable(body?.error_description ?? String(cause))}`, { cause });
    }
  }
}

/** Keycloak's `Role [nope] does not exist` as the import's messages say it: `role "nope" does not exist`. */
function readable(message: string): string {
  const missing = /^(\w+(?: \w+)?) \[(.*)\] does not exist\.?$/u.exec(message);
  return missing === null ? message : `${(missing[1] ?? '').toLowerCase()} "${missing[2]}" does not exist`;
}

/** A policy of a realm import's settings that does not resolve, with its name and the admin API's answer. */
class PolicyImportFailure extends Error {
  readonly policy: string;
  override readonly cause: unknown;
  constructor(policy: string, cause: unknown) {
    super(`policy "${policy}" does not resolve`);
    this.policy = policy;
    this.cause = cause;
  }
}

/**
 * The settings with the roles no role of the realm answers to left out of role policies: RolePolicyProviderFactory's
 * import on Keycloak 26.7.3 keeps such a policy with `roles: "[]"` rather than failing the realm import.
 */
function withKnownRoles(realm: RealmModel, rep: ResourceServerRepresentation): ResourceServerRepresentation {
  const policies = rep.policies?.map((policy) => {
    if (policy.type !== 'role') return policy;
    const known = <T>(entries: T[]): T[] =>
      entries.filter((entry) => {
        const ref = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : entry;
        return roleByRef(realm, String(ref)) !== undefined;
      });
    if (Array.isArray(policy.roles)) return { ...policy, roles: known(policy.roles) };
    const config = policy.config;
    if (config === undefined || typeof config['roles'] !== 'string') return policy;
    return { ...policy, config: { ...config, roles: JSON.stringify(known(jsonList(config['roles']))) } };
  });
  return policies === undefined ? rep : { ...rep, policies };
}
