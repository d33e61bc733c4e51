/** python-keycloak's authorization `Policy`: a role policy with its roles and the permissions applying it. */
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import type { Permission } from './permission.js';
import type { Role } from './role.js';

/** A policy of the loaded config; only role policies carry roles. */
export class Policy {
  readonly #name: string;
  readonly #type: string;
  readonly #logic: string;
  readonly #decisionStrategy: string;
  readonly #roles: Role[] = [];
  readonly #permissions: Permission[] = [];

  constructor(name: string, type: string, logic: string, decisionStrategy: string) {
    this.#name = name;
    this.#type = type;
    this.#logic = logic;
    this.#decisionStrategy = decisionStrategy;
  }

  get name(): string {
    return this.#name;
  }

  get type(): string {
    return this.#type;
  }

  get logic(): string {
    return this.#logic;
  }

  get decisionStrategy(): string {
    return this.#decisionStrategy;
  }

  get roles(): readonly Role[] {
    return this.#roles;
  }

  /** Permissions that apply this policy. */
  get permissions(): readonly Permission[] {
    return this.#permissions;
  }

  /**
   * Adds a role.
   * @throws KeycloakAuthorizationConfigError when the policy is not a role policy.
   */
  addRole(role: Role): void {
    if (this.#type !== 'role')
      throw new KeycloakAuthorizationConfigError("Can't add role. Policy type is different of role");
    this.#roles.push(role);
  }

  addPermission(permission: Permission): void {
    if (!this.#permissions.includes(permission)) this.#permissions.push(permission);
  }

  /** True when one of the policy's roles has this name. */
  hasRole(name: string): boolean {
    return this.#roles.some((role) => role.equals(name));
  }

  toString(): string {
    return `Policy: ${this.#name} (${this.#type})`;
  }
}
