import type { ProtocolMapperRepresentation } from './representations.js';
import type { RealmKeys } from '../keys/realm-keys.js';

/**
 * The in-memory realm model. Objects are plain and mutable on purpose: tests and endpoint modules change them
 * directly (disable a user, set `notBefore`, add a role) and every request reads the current state.
 * Durations keep Keycloak's unit, seconds, because they mirror the realm representation one to one.
 */

/** A realm or client role; `composites` holds the roles it includes directly. */
export interface RoleModel {
  id: string;
  name: string;
  description?: string;
  /** Internal id of the owning client; undefined for a realm role. */
  clientId?: string;
  composites: Set<RoleModel>;
  attributes: Record<string, string[]>;
}

/** A stored password: clear (imported `value`) or Keycloak's pbkdf2 hash. */
export type PasswordCredential = (
  | { kind: 'plain'; id: string; value: string; createdDate: number }
  | {
      kind: 'pbkdf2';
      id: string;
      algorithm: string;
      iterations: number;
      salt: Buffer;
      hash: Buffer;
      createdDate: number;
    }
) & { userLabel?: string };

/**
 * An OTP credential as Keycloak stores it: `secretData.value` and the `credentialData` fields. The HMAC key is the
 * secret's UTF-8 bytes (OTPCredentialProvider), or its base32 decoding when `secretEncoding` is BASE32.
 */
export interface OtpCredential {
  id: string;
  userLabel?: string;
  secret: string;
  secretEncoding?: string;
  subType: 'totp' | 'hotp';
  digits: number;
  /** TOTP period in seconds. */
  period: number;
  /** HOTP counter; moves forward on each accepted code. */
  counter: number;
  algorithm: string;
  createdDate: number;
}

/** A user. `serviceAccountClientId` is the internal id of the client it is the service account of. */
export interface UserModel {
  id: string;
  username: string;
  enabled: boolean;
  emailVerified: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes: Record<string, string[]>;
  requiredActions: string[];
  password?: PasswordCredential;
  /** OTP credentials in priority order; the first is the default one direct grants check. */
  otp?: OtpCredential[];
  /**
   * Credential ids in the order an admin set with moveToFirst/moveAfter (Keycloak's credential priority); unset,
   * the password comes before the OTP credentials, as their providers' default priorities put them.
   */
  credentialOrder?: string[];
  roleMappings: Set<RoleModel>;
  groups: Set<GroupModel>;
  /** Links to identity-provider accounts (social logins), as the admin API adds them. */
  federatedIdentities?: FederatedIdentityLink[];
  /** Consents the user granted to clients (internal client id -> granted scope names). */
  consents?: UserConsent[];
  serviceAccountClientId?: string;
  createdTimestamp: number;
  /** Tokens issued before this time (seconds) are stale. */
  notBefore: number;
}

/** A user's link to an identity provider's account (FederatedIdentityModel). */
export interface FederatedIdentityLink {
  identityProvider: string;
  userId?: string;
  userName?: string;
}

/** A consent a user gave a client; dates in ms. */
export interface UserConsent {
  /** Internal id of the client. */
  clientId: string;
  grantedClientScopes: string[];
  createdDate: number;
  lastUpdatedDate: number;
}

/** A group; `path` is computed from the parent chain. */
export interface GroupModel {
  id: string;
  name: string;
  description?: string;
  parent?: GroupModel;
  subGroups: GroupModel[];
  attributes: Record<string, string[]>;
  roleMappings: Set<RoleModel>;
}

/** A client scope with its mappers and role scope mappings. */
export interface ClientScopeModel {
  id: string;
  name: string;
  description?: string;
  protocol: string;
  attributes: Record<string, string>;
  protocolMappers: ProtocolMapperRepresentation[];
  scopeMappings: Set<RoleModel>;
}

/** A client. `extensions` is where later modules (authorization settings, ...) keep their state. */
export interface ClientModel {
  id: string;
  clientId: string;
  name?: string;
  description?: string;
  rootUrl?: string;
  baseUrl?: string;
  adminUrl?: string;
  enabled: boolean;
  clientAuthenticatorType: string;
  secret?: string;
  redirectUris: string[];
  webOrigins: string[];
  notBefore: number;
  bearerOnly: boolean;
  consentRequired: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  publicClient: boolean;
  frontchannelLogout: boolean;
  protocol: string;
  attributes: Record<string, string>;
  fullScopeAllowed: boolean;
  protocolMappers: ProtocolMapperRepresentation[];
  defaultClientScopes: string[];
  optionalClientScopes: string[];
  roles: Map<string, RoleModel>;
  /** Roles this client may put in tokens when `fullScopeAllowed` is false. */
  scopeMappings: Set<RoleModel>;
  extensions: Record<string, unknown>;
}

/** Token and session settings, in seconds as in the realm representation. */
export interface RealmTokenSettings {
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
  offlineSessionIdleTimeout: number;
  offlineSessionMaxLifespanEnabled: boolean;
  offlineSessionMaxLifespan: number;
  clientSessionIdleTimeout: number;
  clientSessionMaxLifespan: number;
  revokeRefreshToken: boolean;
  refreshTokenMaxReuse: number;
}

/** A realm. Maps are keyed by name (roles, scopes), clientId (clients) or id (users). */
export interface RealmModel {
  id: string;
  name: string;
  displayName?: string;
  enabled: boolean;
  sslRequired: string;
  /** Tokens issued before this time (seconds since epoch) are rejected; 0 = none. */
  notBefore: number;
  defaultSignatureAlgorithm: string;
  tokens: RealmTokenSettings;
  roles: Map<string, RoleModel>;
  defaultRole: RoleModel;
  clients: Map<string, ClientModel>;
  users: Map<string, UserModel>;
  groups: GroupModel[];
  clientScopes: Map<string, ClientScopeModel>;
  defaultDefaultClientScopes: string[];
  defaultOptionalClientScopes: string[];
  attributes: Record<string, string>;
  keys: RealmKeys;
  /** Where later modules keep realm-level state of their own. */
  extensions: Record<string, unknown>;
}
