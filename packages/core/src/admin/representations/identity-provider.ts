/**
 * Identity-provider representations, written from the schemas of Keycloak 26.6's admin
 * OpenAPI document (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are Keycloak's wire names; every
 * field is optional because Keycloak omits what is unset.
 */

/** Keycloak's `IdentityProviderRepresentation`. */
export interface IdentityProviderRepresentation {
  alias?: string;
  displayName?: string;
  internalId?: string;
  /** The provider type: `oidc`, `saml`, `keycloak-oidc`, `google`, `github`... */
  providerId?: string;
  enabled?: boolean;
  /** @deprecated */
  updateProfileFirstLoginMode?: string;
  trustEmail?: boolean;
  storeToken?: boolean;
  addReadTokenRoleOnCreate?: boolean;
  authenticateByDefault?: boolean;
  linkOnly?: boolean;
  hideOnLogin?: boolean;
  firstBrokerLoginFlowAlias?: string;
  postBrokerLoginFlowAlias?: string;
  organizationId?: string;
  /** Provider settings; secrets come back as `**********`. */
  config?: Record<string, string>;
  types?: string[];
  /** @deprecated */
  updateProfileFirstLogin?: boolean;
}

/** Keycloak's `IdentityProviderMapperRepresentation`. */
export interface IdentityProviderMapperRepresentation {
  id?: string;
  name?: string;
  identityProviderAlias?: string;
  /** The mapper type, e.g. `hardcoded-role-idp-mapper`, `oidc-user-attribute-idp-mapper`. */
  identityProviderMapper?: string;
  config?: Record<string, string>;
}
