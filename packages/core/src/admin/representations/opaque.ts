/**
 * A Keycloak representation whose area is not typed yet: a JSON object with Keycloak's wire field
 * names. Typed areas replace it with their own interface (ClientRepresentation, RoleRepresentation...).
 */
export type OpaqueRepresentation = Record<string, unknown>;
