/** python-keycloak's authorization `Role`: a role named by a role policy, with its `required` flag. */

/** A role referenced by a role policy (`"user"` or `"clientId/role"` for client roles). */
export class Role {
  readonly #name: string;
  readonly #required: boolean;

  constructor(name: string, required = false) {
    if (typeof name !== 'string' || name === '') throw new TypeError('Role "name" must be a non-empty string');
    this.#name = name;
    this.#required = required;
  }

  get name(): string {
    return this.#name;
  }

  get required(): boolean {
    return this.#required;
  }

  /** python-keycloak's `get_name`. */
  getName(): string {
    return this.#name;
  }

  /** python-keycloak's `__eq__`: a role equals another role or a string of the same name. */
  equals(other: Role | string): boolean {
    return typeof other === 'string' ? other === this.#name : other.name === this.#name;
  }
}
