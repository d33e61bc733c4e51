/**
 * python-keycloak's `UMAPermission`, `Resource` and `Scope`: small immutable values that assemble
 * `resource#scope` permissions for {@link KeycloakUMA.permissionsCheck} and
 * {@link KeycloakUMA.permissionTicketCreate}.
 */

/** What a permission may be built from: a resource, a scope, and a resource id already known. */
export interface UMAPermissionInit {
  resource?: string;
  scope?: string;
  /** The resource's `_id`; when absent, {@link KeycloakUMA.permissionTicketCreate} looks it up by exact name. */
  resourceId?: string;
}

/**
 * One UMA permission: a resource, a scope, or both.
 *
 * @example
 * ```ts
 * const users = new Resource('Users');
 * const permission = users.with(new Scope('delete')); // Users#delete
 * ```
 */
export class UMAPermission {
  readonly resource: string;
  readonly scope: string;
  readonly resourceId: string | undefined;

  constructor(init: UMAPermissionInit = {}) {
    this.resource = init.resource ?? '';
    this.scope = init.scope ?? '';
    this.resourceId = init.resourceId;
  }

  /**
   * python-keycloak's `__call__`: a new permission where each non-empty part of `other` replaces this
   * one's (`Resource('a').with(Scope('b'))` is `a#b`).
   */
  with(other: UMAPermission | UMAPermissionInit): UMAPermission {
    return new UMAPermission({ resource: other.resource || this.resource, scope: other.scope || this.scope });
  }

  /** `resource#scope`, `resource`, or `#scope`. */
  toString(): string {
    return this.scope === '' ? this.resource : `${this.resource}#${this.scope}`;
  }

  /** Equal when both print the same (python-keycloak compares `str()`). */
  equals(other: unknown): boolean {
    return other !== null && other !== undefined && String(other) === this.toString();
  }
}

/** A permission on a whole resource (python-keycloak's `Resource`). */
export class Resource extends UMAPermission {
  constructor(resource: string) {
    super({ resource });
  }
}

/** A permission naming only a scope (python-keycloak's `Scope`). */
export class Scope extends UMAPermission {
  constructor(scope: string) {
    super({ scope });
  }
}
