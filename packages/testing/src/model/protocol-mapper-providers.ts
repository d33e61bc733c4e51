/**
 * The ProtocolMapper provider ids of Keycloak 26.7.3 (every protocol): the types a protocol mapper may name, and
 * the options of the allowed-protocol-mappers registration policy.
 */
export const PROTOCOL_MAPPER_PROVIDERS: readonly string[] = [
  'oidc-claims-param-token-mapper',
  'oidc-usermodel-realm-role-mapper',
  'saml-user-attribute-nameid-mapper',
  'oidc-claims-param-value-idtoken-mapper',
  'oidc-usersessionmodel-note-mapper',
  'saml-authn-context-class-ref-mapper',
  'oidc-sub-mapper',
  'oidc-address-mapper',
  'oidc-organization-group-membership-mapper',
  'oidc-organization-membership-mapper',
  'saml-audience-resolve-mapper',
  'saml-organization-membership-mapper',
  'saml-user-session-note-mapper',
  'oidc-role-name-mapper',
  'oidc-usermodel-client-role-mapper',
  'oidc-acr-mapper',
  'oidc-usermodel-property-mapper',
  'saml-audience-mapper',
  'saml-group-membership-mapper',
  'docker-v2-allow-all-mapper',
  'oidc-hardcoded-role-mapper',
  'oidc-nonce-backwards-compatible-mapper',
  'oidc-hardcoded-claim-mapper',
  'oidc-sha256-pairwise-sub-mapper',
  'saml-role-name-mapper',
  'saml-user-property-mapper',
  'oidc-amr-mapper',
  'saml-role-list-mapper',
  'oidc-full-name-mapper',
  'oidc-allowed-origins-mapper',
  'oidc-audience-mapper',
  'oidc-usermodel-attribute-mapper',
  'oidc-session-state-mapper',
  'saml-hardcode-attribute-mapper',
  'oidc-group-membership-mapper',
  'saml-user-attribute-mapper',
  'saml-organization-group-membership-mapper',
  'saml-hardcode-role-mapper',
  'oidc-audience-resolve-mapper',
];

/** Whether a protocol mapper type names a provider Keycloak has. */
export const isProtocolMapperProvider = (type: string): boolean => PROVIDERS.has(type);

const PROVIDERS: ReadonlySet<string> = new Set(PROTOCOL_MAPPER_PROVIDERS);
