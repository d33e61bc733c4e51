/**
 * Top-level field names of the representations the admin API reads, from Keycloak 26.6's admin REST spec
 * (docs-api/26.6.0/rest-api/openapi.json on keycloak.org, components.schemas). Jackson rejects any other field with
 * "Unrecognized field", so the server does too.
 */

/** Fields of UserRepresentation. */
export const USER_FIELDS: ReadonlySet<string> = new Set([
  'id', 'username', 'firstName', 'lastName', 'email', 'emailVerified', 'attributes', 'userProfileMetadata',
  'enabled', 'self', 'origin', 'createdTimestamp', 'totp', 'federationLink', 'serviceAccountClientId', 'credentials',
  'disableableCredentialTypes', 'requiredActions', 'federatedIdentities', 'realmRoles', 'clientRoles',
  'clientConsents', 'notBefore', 'applicationRoles', 'socialLinks', 'groups', 'access',
]);

/** Fields of CredentialRepresentation. */
export const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set([
  'id', 'type', 'userLabel', 'createdDate', 'secretData', 'credentialData', 'priority', 'value', 'temporary',
  'device', 'hashedSaltedValue', 'salt', 'hashIterations', 'counter', 'algorithm', 'digits', 'period', 'config',
  'federationLink',
]);

/** Fields of RealmRepresentation. */
export const REALM_FIELDS: ReadonlySet<string> = new Set([
  'id', 'realm', 'displayName', 'displayNameHtml', 'notBefore', 'defaultSignatureAlgorithm', 'revokeRefreshToken',
  'refreshTokenMaxReuse', 'accessTokenLifespan', 'accessTokenLifespanForImplicitFlow', 'ssoSessionIdleTimeout',
  'ssoSessionMaxLifespan', 'ssoSessionIdleTimeoutRememberMe', 'ssoSessionMaxLifespanRememberMe',
  'offlineSessionIdleTimeout', 'offlineSessionMaxLifespanEnabled', 'offlineSessionMaxLifespan',
  'clientSessionIdleTimeout', 'clientSessionMaxLifespan', 'clientOfflineSessionIdleTimeout',
  'clientOfflineSessionMaxLifespan', 'accessCodeLifespan', 'accessCodeLifespanUserAction', 'accessCodeLifespanLogin',
  'actionTokenGeneratedByAdminLifespan', 'actionTokenGeneratedByUserLifespan', 'oauth2DeviceCodeLifespan',
  'oauth2DevicePollingInterval', 'enabled', 'sslRequired', 'passwordCredentialGrantAllowed', 'registrationAllowed',
  'registrationEmailAsUsername', 'rememberMe', 'verifyEmail', 'loginWithEmailAllowed', 'duplicateEmailsAllowed',
  'resetPasswordAllowed', 'editUsernameAllowed', 'userCacheEnabled', 'realmCacheEnabled', 'bruteForceProtected',
  'permanentLockout', 'maxTemporaryLockouts', 'bruteForceStrategy', 'maxFailureWaitSeconds',
  'minimumQuickLoginWaitSeconds', 'waitIncrementSeconds', 'quickLoginCheckMilliSeconds', 'maxDeltaTimeSeconds',
  'failureFactor', 'maxSecondaryAuthFailures', 'privateKey', 'publicKey', 'certificate', 'codeSecret', 'roles',
  'groups', 'defaultRoles', 'defaultRole', 'adminPermissionsClient', 'defaultGroups', 'requiredCredentials',
  'passwordPolicy', 'otpPolicyType', 'otpPolicyAlgorithm', 'otpPolicyInitialCounter', 'otpPolicyDigits',
  'otpPolicyLookAheadWindow', 'otpPolicyPeriod', 'otpPolicyCodeReusable', 'otpSupportedApplications',
  'localizationTexts', 'webAuthnPolicyRpEntityName', 'webAuthnPolicySignatureAlgorithms', 'webAuthnPolicyRpId',
  'webAuthnPolicyAttestationConveyancePreference', 'webAuthnPolicyAuthenticatorAttachment',
  'webAuthnPolicyRequireResidentKey', 'webAuthnPolicyResidentKey', 'webAuthnPolicyUserVerificationRequirement', 'webAuthnPolicyCreateTimeout',
  'webAuthnPolicyAvoidSameAuthenticatorRegister', 'webAuthnPolicyAcceptableAaguids', 'webAuthnPolicyExtraOrigins',
  'webAuthnPolicyPasswordlessRpEntityName', 'webAuthnPolicyPasswordlessSignatureAlgorithms',
  'webAuthnPolicyPasswordlessRpId', 'webAuthnPolicyPasswordlessAttestationConveyancePreference',
  'webAuthnPolicyPasswordlessAuthenticatorAttachment', 'webAuthnPolicyPasswordlessRequireResidentKey', 'webAuthnPolicyPasswordlessResidentKey',
  'webAuthnPolicyPasswordlessUserVerificationRequirement', 'webAuthnPolicyPasswordlessCreateTimeout',
  'webAuthnPolicyPasswordlessAvoidSameAuthenticatorRegister', 'webAuthnPolicyPasswordlessAcceptableAaguids',
  'webAuthnPolicyPasswordlessExtraOrigins', 'webAuthnPolicyPasswordlessPasskeysEnabled', 'clientProfiles',
  'clientPolicies', 'users', 'federatedUsers', 'scopeMappings', 'clientScopeMappings', 'clients', 'clientScopes',
  'defaultDefaultClientScopes', 'defaultOptionalClientScopes', 'browserSecurityHeaders', 'smtpServer',
  'userFederationProviders', 'userFederationMappers', 'loginTheme', 'accountTheme', 'adminTheme', 'emailTheme',
  'eventsEnabled', 'eventsExpiration', 'eventsListeners', 'enabledEventTypes', 'adminEventsEnabled',
  'adminEventsDetailsEnabled', 'identityProviders', 'identityProviderMappers', 'protocolMappers', 'components',
  'internationalizationEnabled', 'supportedLocales', 'defaultLocale', 'authenticationFlows', 'authenticatorConfig',
  'requiredActions', 'browserFlow', 'registrationFlow', 'directGrantFlow', 'resetCredentialsFlow',
  'clientAuthenticationFlow', 'dockerAuthenticationFlow', 'firstBrokerLoginFlow', 'attributes', 'keycloakVersion',
  'userManagedAccessAllowed', 'organizationsEnabled', 'organizations', 'verifiableCredentialsEnabled',
  'adminPermissionsEnabled', 'social', 'updateProfileOnInitialSocialLogin', 'socialProviders',
  'applicationScopeMappings', 'applications', 'oauthClients', 'clientTemplates', 'scimApiEnabled',
]);

/** Fields of GroupRepresentation. */
export const GROUP_FIELDS: ReadonlySet<string> = new Set([
  'id', 'name', 'description', 'path', 'parentId', 'subGroupCount', 'subGroups', 'attributes', 'realmRoles',
  'clientRoles', 'access',
]);

/** Fields of FederatedIdentityRepresentation. */
export const FEDERATED_IDENTITY_FIELDS: ReadonlySet<string> = new Set(['identityProvider', 'userId', 'userName']);
