/**
 * Group representation, written from the schema of Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Brief representations omit attributes and role names.
 */

/** Keycloak's `GroupRepresentation`. */
export interface GroupRepresentation {
  id?: string;
  name?: string;
  description?: string;
  path?: string;
  parentId?: string;
  subGroupCount?: number;
  subGroups?: GroupRepresentation[];
  attributes?: Record<string, string[]>;
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
  access?: Record<string, boolean>;
}
