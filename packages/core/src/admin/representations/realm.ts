/**
 * RealmRepresentation, written from the schema of Keycloak 26.6's admin OpenAPI document
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Nested representations of areas not typed yet are
 * {@link OpaqueRepresentation}s; their areas replace them as they land.
 */
import type { OpaqueRepresentation } from './opaque.js';
import type { UserRepresentation } from './user.js';

/** How brute-force detection grows the lock-out: Keycloak's `BruteForceStrategy`. */
export type BruteForceStrategy = 'LINEAR' | 'MULTIPLE';

/** Keycloak's `RealmRepresentation` (admin REST wire shape). */
export interface RealmRepresentation {
  id?: string;
  realm?: string;
  displayName?: string;
  displayNameHtml?: string;
  notBefore?: number;
  defaultSignatureAlgorithm?: string;
  revokeRefreshToken?: boolean;
  refreshTokenMaxReuse?: number;
  accessTokenLifespan?: number;
  accessTokenLifespanForImplicitFlow?: number;
  ssoSessionIdleTimeout?: number;
  ssoSessionMaxLifespan?: number;
  ssoSessionIdleTimeoutRememberMe?: number;
  ssoSessionMaxLifespanRememberMe?: number;
  offlineSessionIdleTimeout?: number;
  offlineSessionMaxLifespanEnabled?: boolean;
  offlineSessionMaxLifespan?: number;
  clientSessionIdleTimeout?: number;
  clientSessionMaxLifespan?: number;
  clientOfflineSessionIdleTimeout?: number;
  clientOfflineSessionMaxLifespan?: number;
  accessCodeLifespan?: number;
  accessCodeLifespanUserAction?: number;
  accessCodeLifespanLogin?: number;
  actionTokenGeneratedByAdminLifespan?: number;
  actionTokenGeneratedByUserLifespan?: number;
  oauth2DeviceCodeLifespan?: number;
  oauth2DevicePollingInterval?: number;
  enabled?: boolean;
  sslRequired?: string;
  /** @deprecated */
  passwordCredentialGrantAllowed?: boolean;
  registrationAllowed?: boolean;
  registrationEmailAsUsername?: boolean;
  rememberMe?: boolean;
  verifyEmail?: boolean;
  loginWithEmailAllowed?: boolean;
  duplicateEmailsAllowed?: boolean;
  resetPasswordAllowed?: boolean;
  editUsernameAllowed?: boolean;
  /** @deprecated */
  userCacheEnabled?: boolean;
  /** @deprecated */
  realmCacheEnabled?: boolean;
  bruteForceProtected?: boolean;
  permanentLockout?: boolean;
  maxTemporaryLockouts?: number;
  bruteForceStrategy?: BruteForceStrategy;
  maxFailureWaitSeconds?: number;
  minimumQuickLoginWaitSeconds?: number;
  waitIncrementSeconds?: number;
  quickLoginCheckMilliSeconds?: number;
  maxDeltaTimeSeconds?: number;
  failureFactor?: number;
  maxSecondaryAuthFailures?: number;
  /** @deprecated */
  privateKey?: string;
  /** @deprecated */
  publicKey?: string;
  /** @deprecated */
  certificate?: string;
  /** @deprecated */
  codeSecret?: string;
  roles?: OpaqueRepresentation;
  groups?: OpaqueRepresentation[];
  /** @deprecated */
  defaultRoles?: string[];
  defaultRole?: OpaqueRepresentation;
  adminPermissionsClient?: OpaqueRepresentation;
  defaultGroups?: string[];
  /** @deprecated */
  requiredCredentials?: string[];
  passwordPolicy?: string;
  otpPolicyType?: string;
  otpPolicyAlgorithm?: string;
  otpPolicyInitialCounter?: number;
  otpPolicyDigits?: number;
  otpPolicyLookAheadWindow?: number;
  otpPolicyPeriod?: number;
  otpPolicyCodeReusable?: boolean;
  otpSupportedApplications?: string[];
  localizationTexts?: Record<string, Record<string, string>>;
  webAuthnPolicyRpEntityName?: string;
  webAuthnPolicySignatureAlgorithms?: string[];
  webAuthnPolicyRpId?: string;
  webAuthnPolicyAttestationConveyancePreference?: string;
  webAuthnPolicyAuthenticatorAttachment?: string;
  webAuthnPolicyRequireResidentKey?: string;
  webAuthnPolicyUserVerificationRequirement?: string;
  webAuthnPolicyCreateTimeout?: number;
  webAuthnPolicyAvoidSameAuthenticatorRegister?: boolean;
  webAuthnPolicyAcceptableAaguids?: string[];
  webAuthnPolicyExtraOrigins?: string[];
  webAuthnPolicyPasswordlessRpEntityName?: string;
  webAuthnPolicyPasswordlessSignatureAlgorithms?: string[];
  webAuthnPolicyPasswordlessRpId?: string;
  webAuthnPolicyPasswordlessAttestationConveyancePreference?: string;
  webAuthnPolicyPasswordlessAuthenticatorAttachment?: string;
  webAuthnPolicyPasswordlessRequireResidentKey?: string;
  webAuthnPolicyPasswordlessUserVerificationRequirement?: string;
  webAuthnPolicyPasswordlessCreateTimeout?: number;
  webAuthnPolicyPasswordlessAvoidSameAuthenticatorRegister?: boolean;
  webAuthnPolicyPasswordlessAcceptableAaguids?: string[];
  webAuthnPolicyPasswordlessExtraOrigins?: string[];
  webAuthnPolicyPasswordlessPasskeysEnabled?: boolean;
  clientProfiles?: OpaqueRepresentation;
  clientPolicies?: OpaqueRepresentation;
  users?: UserRepresentation[];
  federatedUsers?: UserRepresentation[];
  scopeMappings?: OpaqueRepresentation[];
  clientScopeMappings?: Record<string, OpaqueRepresentation[]>;
  clients?: OpaqueRepresentation[];
  clientScopes?: OpaqueRepresentation[];
  defaultDefaultClientScopes?: string[];
  defaultOptionalClientScopes?: string[];
  browserSecurityHeaders?: Record<string, string>;
  smtpServer?: Record<string, string>;
  userFederationProviders?: OpaqueRepresentation[];
  userFederationMappers?: OpaqueRepresentation[];
  loginTheme?: string;
  accountTheme?: string;
  adminTheme?: string;
  emailTheme?: string;
  eventsEnabled?: boolean;
  eventsExpiration?: number;
  eventsListeners?: string[];
  enabledEventTypes?: string[];
  adminEventsEnabled?: boolean;
  adminEventsDetailsEnabled?: boolean;
  identityProviders?: OpaqueRepresentation[];
  identityProviderMappers?: OpaqueRepresentation[];
  protocolMappers?: OpaqueRepresentation[];
  components?: OpaqueRepresentation;
  internationalizationEnabled?: boolean;
  supportedLocales?: string[];
  defaultLocale?: string;
  authenticationFlows?: OpaqueRepresentation[];
  authenticatorConfig?: OpaqueRepresentation[];
  requiredActions?: OpaqueRepresentation[];
  browserFlow?: string;
  registrationFlow?: string;
  directGrantFlow?: string;
  resetCredentialsFlow?: string;
  clientAuthenticationFlow?: string;
  dockerAuthenticationFlow?: string;
  firstBrokerLoginFlow?: string;
  attributes?: Record<string, string>;
  keycloakVersion?: string;
  userManagedAccessAllowed?: boolean;
  organizationsEnabled?: boolean;
  organizations?: OpaqueRepresentation[];
  verifiableCredentialsEnabled?: boolean;
  adminPermissionsEnabled?: boolean;
  /** @deprecated */
  social?: boolean;
  /** @deprecated */
  updateProfileOnInitialSocialLogin?: boolean;
  /** @deprecated */
  socialProviders?: Record<string, string>;
  /** @deprecated */
  applicationScopeMappings?: Record<string, OpaqueRepresentation[]>;
  /** @deprecated */
  applications?: OpaqueRepresentation[];
  /** @deprecated */
  oauthClients?: OpaqueRepresentation[];
  /** @deprecated */
  clientTemplates?: OpaqueRepresentation[];
  scimApiEnabled?: boolean;
}
