/**
 * The subset of Keycloak's representation JSON (realm export/import, admin REST) that the model reads and
 * writes. Field names are Keycloak's; unknown fields are allowed and ignored on import.
 */

/** A protocol mapper as Keycloak exports it; `config` values are strings. */
export interface ProtocolMapperRepresentation {
  id?: string;
  name: string;
  protocol?: string;
  protocolMapper: string;
  consentRequired?: boolean;
  config?: Record<string, string>;
  [extra: string]: unknown;
}

/** A client scope (`clientScopes[]` of a realm export). */
export interface ClientScopeRepresentation {
  id?: string;
  name: string;
  description?: string;
  protocol?: string;
  attributes?: Record<string, string>;
  protocolMappers?: ProtocolMapperRepresentation[];
  [extra: string]: unknown;
}

/** `composites` of a role: realm role names and client role names per clientId. */
export interface RoleCompositesRepresentation {
  realm?: string[];
  client?: Record<string, string[]>;
}

/** A realm or client role. */
export interface RoleRepresentation {
  id?: string;
  name: string;
  description?: string;
  composite?: boolean;
  composites?: RoleCompositesRepresentation;
  clientRole?: boolean;
  containerId?: string;
  attributes?: Record<string, string[]>;
  [extra: string]: unknown;
}

/** A user credential; `value` for a clear password, `secretData`/`credentialData` for a hashed one. */
export interface CredentialRepresentation {
  id?: string;
  type?: string;
  value?: string;
  temporary?: boolean;
  secretData?: string;
  credentialData?: string;
  [extra: string]: unknown;
}

/** A user. */
export interface UserRepresentation {
  id?: string;
  username?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes?: Record<string, string[]>;
  requiredActions?: string[];
  credentials?: CredentialRepresentation[];
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
  groups?: string[];
  serviceAccountClientId?: string;
  createdTimestamp?: number;
  notBefore?: number;
  [extra: string]: unknown;
}

/** A group, possibly with nested `subGroups`. */
export interface GroupRepresentation {
  id?: string;
  name: string;
  path?: string;
  attributes?: Record<string, string[]>;
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
  subGroups?: GroupRepresentation[];
  [extra: string]: unknown;
}

/** A client. */
export interface ClientRepresentation {
  id?: string;
  clientId: string;
  name?: string;
  description?: string;
  rootUrl?: string;
  baseUrl?: string;
  adminUrl?: string;
  enabled?: boolean;
  clientAuthenticatorType?: string;
  secret?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  notBefore?: number;
  bearerOnly?: boolean;
  consentRequired?: boolean;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  publicClient?: boolean;
  frontchannelLogout?: boolean;
  protocol?: string;
  attributes?: Record<string, string>;
  fullScopeAllowed?: boolean;
  protocolMappers?: ProtocolMapperRepresentation[];
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
  authorizationServicesEnabled?: boolean;
  [extra: string]: unknown;
}

/** A component (`components["org.keycloak.keys.KeyProvider"][]`); config values are string arrays. */
export interface ComponentRepresentation {
  id?: string;
  name?: string;
  providerId: string;
  subType?: string;
  parentId?: string;
  config?: Record<string, string[]>;
  [extra: string]: unknown;
}

/** A scope mapping entry (`scopeMappings[]`, `clientScopeMappings[clientId][]`). */
export interface ScopeMappingRepresentation {
  client?: string;
  clientScope?: string;
  roles?: string[];
}

/** A realm as `kc.sh export` writes it and `--import-realm` reads it. */
export interface RealmRepresentation {
  id?: string;
  realm: string;
  displayName?: string;
  enabled?: boolean;
  sslRequired?: string;
  notBefore?: number;
  defaultSignatureAlgorithm?: string;
  revokeRefreshToken?: boolean;
  refreshTokenMaxReuse?: number;
  accessTokenLifespan?: number;
  ssoSessionIdleTimeout?: number;
  ssoSessionMaxLifespan?: number;
  offlineSessionIdleTimeout?: number;
  offlineSessionMaxLifespanEnabled?: boolean;
  offlineSessionMaxLifespan?: number;
  clientSessionIdleTimeout?: number;
  clientSessionMaxLifespan?: number;
  roles?: { realm?: RoleRepresentation[]; client?: Record<string, RoleRepresentation[]> };
  groups?: GroupRepresentation[];
  defaultRole?: RoleRepresentation;
  /** Pre-Keycloak-13 list of default realm role names; folded into `default-roles-<realm>`. */
  defaultRoles?: string[];
  users?: UserRepresentation[];
  clients?: ClientRepresentation[];
  clientScopes?: ClientScopeRepresentation[];
  defaultDefaultClientScopes?: string[];
  defaultOptionalClientScopes?: string[];
  scopeMappings?: ScopeMappingRepresentation[];
  clientScopeMappings?: Record<string, ScopeMappingRepresentation[]>;
  components?: Record<string, ComponentRepresentation[]>;
  attributes?: Record<string, string>;
  [extra: string]: unknown;
}
