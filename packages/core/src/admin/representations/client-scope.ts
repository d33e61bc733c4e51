/**
 * Client-scope representations, written from the schemas of Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are Keycloak's wire names.
 */

/** Keycloak's `ProtocolMapperRepresentation`; `config` values are strings. */
export interface ProtocolMapperRepresentation {
  id?: string;
  name?: string;
  protocol?: string;
  protocolMapper?: string;
  /** @deprecated */
  consentRequired?: boolean;
  /** @deprecated */
  consentText?: string;
  config?: Record<string, string>;
}

/** Keycloak's `ClientScopeRepresentation`; `protocolMappers` is absent when the scope has none. */
export interface ClientScopeRepresentation {
  id?: string;
  name?: string;
  description?: string;
  protocol?: string;
  attributes?: Record<string, string>;
  protocolMappers?: ProtocolMapperRepresentation[];
}
