/**
 * User-area representations, written from the schemas of Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are Keycloak's wire names; every field is
 * optional because Keycloak omits what is unset (and brief representations omit more).
 */

/** Keycloak's `UserRepresentation` (admin REST wire shape). */
export interface UserRepresentation {
  id?: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  emailVerified?: boolean;
  attributes?: Record<string, string[]>;
  userProfileMetadata?: UserProfileMetadata;
  enabled?: boolean;
  self?: string;
  origin?: string;
  createdTimestamp?: number;
  totp?: boolean;
  federationLink?: string;
  serviceAccountClientId?: string;
  credentials?: CredentialRepresentation[];
  disableableCredentialTypes?: string[];
  requiredActions?: string[];
  federatedIdentities?: FederatedIdentityRepresentation[];
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
  clientConsents?: UserConsentRepresentation[];
  notBefore?: number;
  /** @deprecated */
  applicationRoles?: Record<string, string[]>;
  /** @deprecated */
  socialLinks?: SocialLinkRepresentation[];
  groups?: string[];
  access?: Record<string, boolean>;
}

/** Keycloak's `CredentialRepresentation` (admin REST wire shape). */
export interface CredentialRepresentation {
  id?: string;
  type?: string;
  userLabel?: string;
  createdDate?: number;
  secretData?: string;
  credentialData?: string;
  priority?: number;
  value?: string;
  temporary?: boolean;
  /** @deprecated */
  device?: string;
  /** @deprecated */
  hashedSaltedValue?: string;
  /** @deprecated */
  salt?: string;
  /** @deprecated */
  hashIterations?: number;
  /** @deprecated */
  counter?: number;
  /** @deprecated */
  algorithm?: string;
  /** @deprecated */
  digits?: number;
  /** @deprecated */
  period?: number;
  /** @deprecated */
  config?: Record<string, string[]>;
  federationLink?: string;
}

/** Keycloak's `UserConsentRepresentation` (admin REST wire shape). */
export interface UserConsentRepresentation {
  clientId?: string;
  grantedClientScopes?: string[];
  createdDate?: number;
  lastUpdatedDate?: number;
  /** @deprecated */
  grantedRealmRoles?: string[];
}

/** Keycloak's `FederatedIdentityRepresentation` (admin REST wire shape). */
export interface FederatedIdentityRepresentation {
  identityProvider?: string;
  userId?: string;
  userName?: string;
}

/** Keycloak's `SocialLinkRepresentation` (admin REST wire shape). */
export interface SocialLinkRepresentation {
  socialProvider?: string;
  socialUserId?: string;
  socialUsername?: string;
}

/** Keycloak's `UserProfileMetadata` (admin REST wire shape). */
export interface UserProfileMetadata {
  attributes?: UserProfileAttributeMetadata[];
  groups?: UserProfileAttributeGroupMetadata[];
}

/** Keycloak's `UserProfileAttributeMetadata` (admin REST wire shape). */
export interface UserProfileAttributeMetadata {
  name?: string;
  displayName?: string;
  required?: boolean;
  readOnly?: boolean;
  annotations?: Record<string, unknown>;
  validators?: Record<string, Record<string, unknown>>;
  group?: string;
  multivalued?: boolean;
  defaultValue?: string;
}

/** Keycloak's `UserProfileAttributeGroupMetadata` (admin REST wire shape). */
export interface UserProfileAttributeGroupMetadata {
  name?: string;
  displayHeader?: string;
  displayDescription?: string;
  annotations?: Record<string, unknown>;
}
