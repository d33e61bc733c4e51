/** python-keycloak's authorization `Permission`: a resource or scope permission of the loaded config. */

/** A permission (`type` `resource` or `scope`) with the resources and scopes it protects. */
export class Permission {
  readonly #name: string;
  readonly #type: string;
  readonly #logic: string;
  readonly #decisionStrategy: string;
  #resources: readonly string[] = [];
  #scopes: readonly string[] = [];

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

  /** Resource names (resource permissions). */
  get resources(): readonly string[] {
    return this.#resources;
  }

  set resources(value: readonly string[]) {
    this.#resources = [...value];
  }

  /** Scope names (scope permissions). */
  get scopes(): readonly string[] {
    return this.#scopes;
  }

  set scopes(value: readonly string[]) {
    this.#scopes = [...value];
  }

  toString(): string {
    return `Permission: ${this.#name} (${this.#type})`;
  }
}
