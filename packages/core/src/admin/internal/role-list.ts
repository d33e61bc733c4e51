import type { RoleRepresentation, RolesInput } from '../representations/role.js';

/** The body Keycloak expects: always a JSON array, whether one role or a list was given. */
export function roleList(roles: RolesInput): RoleRepresentation[] {
  return Array.isArray(roles) ? [...(roles as readonly RoleRepresentation[])] : [roles as RoleRepresentation];
}
