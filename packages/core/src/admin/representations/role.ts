/**
 * Role-area representations, written from the schemas of Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are Keycloak's wire names; every field is
 * optional because Keycloak omits what is unset (brief representations omit `attributes`).
 */

/** Keycloak's `RoleRepresentation`: a realm role, or a client role (`clientRole`, `containerId` = the client's id). */
export interface RoleRepresentation {
  id?: string;
  name?: string;
  description?: string;
  /** @deprecated */
  scopeParamRequired?: boolean;
  composite?: boolean;
  composites?: Composites;
  clientRole?: boolean;
  containerId?: string;
  attributes?: Record<string, string[]>;
}

/** Keycloak's `Composites`: realm role names and client role names by clientId. */
export interface Composites {
  realm?: string[];
  client?: Record<string, string[]>;
  /** @deprecated */
  application?: Record<string, string[]>;
}

/** Keycloak's `MappingsRepresentation`: the role (or scope) mappings of a user, group, client or client scope. */
export interface MappingsRepresentation {
  realmMappings?: RoleRepresentation[];
  /** Keyed by clientId. */
  clientMappings?: Record<string, ClientMappingsRepresentation>;
}

/** Keycloak's `ClientMappingsRepresentation`: one client's mapped roles. */
export interface ClientMappingsRepresentation {
  /** The client's internal id. */
  id?: string;
  /** The clientId. */
  client?: string;
  mappings?: RoleRepresentation[];
}

/** One role or a list of them, as python-keycloak's role methods accept (`roles if isinstance(roles, list) else [roles]`). */
export type RolesInput = RoleRepresentation | readonly RoleRepresentation[];
