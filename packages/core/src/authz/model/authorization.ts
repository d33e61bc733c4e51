/**
 * python-keycloak's `Authorization`: the role policies of an exported authorization config and the
 * permissions that apply them. This is the model behind `getPolicies` / `getPermissions`; it does
 * not evaluate logic or decision strategies (see `evaluatePermissions` for that).
 */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { isObject, readList, readStringList, type JsonObject } from '../internal/json.js';
import { Permission } from './permission.js';
import { Policy } from './policy.js';
import { Role } from './role.js';

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** The loaded authorization config: role policies by name. */
export class Authorization {
  #policies = new Map<string, Policy>();

  /** Role policies by name, each with the permissions that apply it. */
  get policies(): ReadonlyMap<string, Policy> {
    return this.#policies;
  }

  /**
   * Loads role policies and their resource/scope permissions from exported settings, replacing
   * what was loaded before. Unlike python-keycloak, a permission applying a non-role or unknown
   * policy is skipped instead of raising KeyError, and a missing `logic`/`required` takes
   * Keycloak's default.
   *
   * @throws KeycloakAuthorizationConfigError naming the policy and field that is malformed.
   */
  loadConfig(data: unknown): void {
    if (!isObject(data) || !Array.isArray(data.policies)) {
      throw new KeycloakAuthorizationConfigError('Authorization config must be an object with a "policies" array');
    }
    const entries = data.policies.map((item, index): [JsonObject, string] => {
      const where = `policies[${index}]`;
      if (!isObject(item) || typeof item.name !== 'string' || typeof item.type !== 'string') {
        throw new KeycloakAuthorizationConfigError(`${where} must be an object with string "name" and "type"`);
      }
      if (item.config !== undefined && !isObject(item.config))
        throw new KeycloakAuthorizationConfigError(`${where}.config must be an object`);
      return [item, `${where} ("${item.name}")`];
    });
    const policies = new Map<string, Policy>();
    const create = <T>(
      Kind: new (name: string, type: string, logic: string, strategy: string) => T,
      item: JsonObject,
    ): T =>
      new Kind(
        item.name as string,
        item.type as string,
        text(item.logic, 'POSITIVE'),
        text(item.decisionStrategy, 'UNANIMOUS'),
      );

    for (const [item, where] of entries) {
      if (item.type !== 'role') continue;
      const policy = create(Policy, item);
      const config = (item.config ?? {}) as JsonObject;
      readList(config.roles ?? item.roles, `${where}.config.roles`).forEach((role, index) => {
        if (!isObject(role) || typeof role.id !== 'string' || role.id === '') {
          throw new KeycloakAuthorizationConfigError(`${where}.config.roles[${index}] must have a string "id"`);
        }
        policy.addRole(new Role(role.id, role.required === true || role.required === 'true'));
      });
      policies.set(policy.name, policy);
    }
    for (const [item, where] of entries) {
      if (item.type !== 'scope' && item.type !== 'resource') continue;
      const config = (item.config ?? {}) as JsonObject;
      const permission = create(Permission, item);
      permission.scopes = readStringList(config.scopes ?? item.scopes, `${where}.config.scopes`);
      permission.resources = readStringList(config.resources ?? item.resources, `${where}.config.resources`);
      for (const name of readStringList(config.applyPolicies ?? item.policies, `${where}.config.applyPolicies`)) {
        policies.get(name)?.addPermission(permission);
      }
    }
    this.#policies = policies;
  }
}
