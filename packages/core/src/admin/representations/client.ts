/**
 * Client-area representations, written from the schemas of Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are Keycloak's wire names; every field is
 * optional because Keycloak omits what is unset (and brief representations omit more).
 */
import type { OpaqueRepresentation } from './opaque.js';
import type { ProtocolMapperRepresentation } from './client-scope.js';

/** Keycloak's `ClientRepresentation` (admin REST wire shape). */
export interface ClientRepresentation {
  id?: string;
  clientId?: string;
  name?: string;
  description?: string;
  type?: string;
  rootUrl?: string;
  adminUrl?: string;
  baseUrl?: string;
  surrogateAuthRequired?: boolean;
  enabled?: boolean;
  alwaysDisplayInConsole?: boolean;
  clientAuthenticatorType?: string;
  secret?: string;
  registrationAccessToken?: string;
  /** @deprecated */
  defaultRoles?: string[];
  redirectUris?: string[];
  webOrigins?: string[];
  notBefore?: number;
  bearerOnly?: boolean;
  consentRequired?: boolean;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  authorizationServicesEnabled?: boolean;
  /** @deprecated */
  directGrantsOnly?: boolean;
  publicClient?: boolean;
  frontchannelLogout?: boolean;
  protocol?: string;
  attributes?: Record<string, string>;
  authenticationFlowBindingOverrides?: Record<string, string>;
  fullScopeAllowed?: boolean;
  nodeReRegistrationTimeout?: number;
  registeredNodes?: Record<string, number>;
  protocolMappers?: ProtocolMapperRepresentation[];
  /** @deprecated */
  clientTemplate?: string;
  /** @deprecated */
  useTemplateConfig?: boolean;
  /** @deprecated */
  useTemplateScope?: boolean;
  /** @deprecated */
  useTemplateMappers?: boolean;
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
  /** Keycloak's `ResourceServerRepresentation` (typed by the authorization area). */
  authorizationSettings?: OpaqueRepresentation;
  access?: Record<string, boolean>;
  origin?: string;
}

/** A client secret as `GET|POST .../client-secret` answers it (a `CredentialRepresentation` of type `secret`). */
export interface ClientSecretRepresentation {
  type?: 'secret';
  /** Absent for a client without a secret (public or bearer-only). */
  value?: string;
}

/** Keycloak's `ClientInitialAccessCreatePresentation`. */
export interface ClientInitialAccessCreatePresentation {
  /** Lifetime in seconds; 0 = never expires. */
  expiration?: number;
  /** How many clients it may register; 0 = unlimited. */
  count?: number;
  webOrigins?: string[];
}

/** Keycloak's `ClientInitialAccessPresentation`: `token` is only ever shown in the creation answer. */
export interface ClientInitialAccessPresentation {
  id?: string;
  token?: string;
  timestamp?: number;
  expiration?: number;
  count?: number;
  remainingCount?: number;
}

/** Keycloak's `UserSessionRepresentation`; `start`/`lastAccess` are epoch ms, `clients` maps client id to clientId. */
export interface UserSessionRepresentation {
  id?: string;
  username?: string;
  userId?: string;
  ipAddress?: string;
  start?: number;
  lastAccess?: number;
  rememberMe?: boolean;
  clients?: Record<string, string>;
  transientUser?: boolean;
}

/** One entry of `GET /admin/realms/{realm}/client-session-stats`; counts are strings on the wire. */
export interface ClientSessionStats {
  id?: string;
  clientId?: string;
  active?: string;
  offline?: string;
}

/** Keycloak's `ManagementPermissionReference`. */
export interface ManagementPermissionReference {
  enabled?: boolean;
  resource?: string;
  scopePermissions?: Record<string, string>;
}

/** Keycloak's `CertificateRepresentation`. */
export interface CertificateRepresentation {
  privateKey?: string;
  publicKey?: string;
  certificate?: string;
  kid?: string;
  jwks?: string;
}
