/**
 * The authentication flows, authenticator configs and required actions a new Keycloak 26 realm gets, copied from
 * the partial export of a realm created on Keycloak 26.7.3 (`authenticationFlows`, `authenticatorConfig`,
 * `requiredActions`, ids dropped: every realm gets fresh ones). Flows are in the order DefaultAuthenticationFlows
 * creates them (top-level flow, then its sub-flows), the order `GET .../authentication/flows` lists them in. Executions keep the export form
 * (AuthenticationExecutionExportRepresentation) without the misspelt `autheticatorFlow` and `userSetupAllowed`.
 */
import type { AuthenticationFlowExport, AuthenticatorConfigExport, RequiredActionExport } from './authentication-types.js';
/** Built-in flows in export form. */
export const DEFAULT_FLOWS: readonly AuthenticationFlowExport[] = [
  {
    alias: "browser", description: "Browser based authentication", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "auth-cookie", requirement: "ALTERNATIVE", priority: 10, authenticatorFlow: false},
      {authenticator: "auth-spnego", requirement: "DISABLED", priority: 20, authenticatorFlow: false},
      {authenticator: "identity-provider-redirector", requirement: "ALTERNATIVE", priority: 25, authenticatorFlow: false},
      {flowAlias: "Organization", requirement: "ALTERNATIVE", priority: 26, authenticatorFlow: true},
      {flowAlias: "forms", requirement: "ALTERNATIVE", priority: 30, authenticatorFlow: true},
    ],
  },
  {
    alias: "Organization", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {flowAlias: "Browser - Conditional Organization", requirement: "CONDITIONAL", priority: 10, authenticatorFlow: true},
    ],
  },
  {
    alias: "Browser - Conditional Organization", description: "Flow to determine if the organization identity-first login is to be used", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "conditional-user-configured", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "organization", requirement: "ALTERNATIVE", priority: 20, authenticatorFlow: false},
    ],
  },
  {
    alias: "forms", description: "Username, password, otp and other auth forms.", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "auth-username-password-form", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {flowAlias: "Browser - Conditional 2FA", requirement: "CONDITIONAL", priority: 20, authenticatorFlow: true},
    ],
  },
  {
    alias: "Browser - Conditional 2FA", description: "Flow to determine if any 2FA is required for the authentication", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "conditional-user-configured", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "conditional-credential", authenticatorConfig: "browser-conditional-credential", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
      {authenticator: "auth-otp-form", requirement: "ALTERNATIVE", priority: 30, authenticatorFlow: false},
      {authenticator: "webauthn-authenticator", requirement: "DISABLED", priority: 40, authenticatorFlow: false},
      {authenticator: "auth-recovery-authn-code-form", requirement: "DISABLED", priority: 50, authenticatorFlow: false},
    ],
  },
  {
    alias: "direct grant", description: "OpenID Connect Resource Owner Grant", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "direct-grant-validate-username", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "direct-grant-validate-password", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
      {flowAlias: "Direct Grant - Conditional OTP", requirement: "CONDITIONAL", priority: 30, authenticatorFlow: true},
    ],
  },
  {
    alias: "Direct Grant - Conditional OTP", description: "Flow to determine if the OTP is required for the authentication", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "conditional-user-configured", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "direct-grant-validate-otp", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
    ],
  },
  {
    alias: "registration", description: "Registration flow", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "registration-page-form", flowAlias: "registration form", requirement: "REQUIRED", priority: 10, authenticatorFlow: true},
    ],
  },
  {
    alias: "registration form", description: "Registration form", providerId: "form-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "registration-user-creation", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
      {authenticator: "registration-password-action", requirement: "REQUIRED", priority: 50, authenticatorFlow: false},
      {authenticator: "registration-recaptcha-action", requirement: "DISABLED", priority: 60, authenticatorFlow: false},
      {authenticator: "registration-terms-and-conditions", requirement: "DISABLED", priority: 70, authenticatorFlow: false},
    ],
  },
  {
    alias: "reset credentials", description: "Reset credentials for a user if they forgot their password or something", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "reset-credentials-choose-user", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "reset-credential-email", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
      {authenticator: "reset-password", requirement: "REQUIRED", priority: 30, authenticatorFlow: false},
      {flowAlias: "Reset - Conditional OTP", requirement: "CONDITIONAL", priority: 40, authenticatorFlow: true},
    ],
  },
  {
    alias: "Reset - Conditional OTP", description: "Flow to determine if the OTP should be reset or not. Set to REQUIRED to force.", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "conditional-user-configured", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "reset-otp", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
    ],
  },
  {
    alias: "clients", description: "Base authentication for clients", providerId: "client-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "client-secret", requirement: "ALTERNATIVE", priority: 10, authenticatorFlow: false},
      {authenticator: "client-jwt", requirement: "ALTERNATIVE", priority: 20, authenticatorFlow: false},
      {authenticator: "client-secret-jwt", requirement: "ALTERNATIVE", priority: 30, authenticatorFlow: false},
      {authenticator: "client-x509", requirement: "ALTERNATIVE", priority: 40, authenticatorFlow: false},
      {authenticator: "federated-jwt", requirement: "ALTERNATIVE", priority: 50, authenticatorFlow: false},
    ],
  },
  {
    alias: "first broker login", description: "Actions taken after first broker login with identity provider account, which is not yet linked to any Keycloak account", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "idp-review-profile", authenticatorConfig: "review profile config", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {flowAlias: "User creation or linking", requirement: "REQUIRED", priority: 20, authenticatorFlow: true},
      {flowAlias: "First Broker Login - Conditional Organization", requirement: "CONDITIONAL", priority: 60, authenticatorFlow: true},
    ],
  },
  {
    alias: "User creation or linking", description: "Flow for the existing/non-existing user alternatives", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "idp-create-user-if-unique", authenticatorConfig: "create unique user config", requirement: "ALTERNATIVE", priority: 10, authenticatorFlow: false},
      {flowAlias: "Handle Existing Account", requirement: "ALTERNATIVE", priority: 20, authenticatorFlow: true},
    ],
  },
  {
    alias: "Handle Existing Account", description: "Handle what to do if there is existing account with same email/username like authenticated identity provider", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "idp-confirm-link", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {flowAlias: "Account verification options", requirement: "REQUIRED", priority: 20, authenticatorFlow: true},
    ],
  },
  {
    alias: "Account verification options", description: "Method with which to verify the existing account", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "idp-email-verification", requirement: "ALTERNATIVE", priority: 10, authenticatorFlow: false},
      {flowAlias: "Verify Existing Account by Re-authentication", requirement: "ALTERNATIVE", priority: 20, authenticatorFlow: true},
    ],
  },
  {
    alias: "Verify Existing Account by Re-authentication", description: "Reauthentication of existing account", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "idp-username-password-form", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {flowAlias: "First broker login - Conditional 2FA", requirement: "CONDITIONAL", priority: 20, authenticatorFlow: true},
    ],
  },
  {
    alias: "First broker login - Conditional 2FA", description: "Flow to determine if any 2FA is required for the authentication", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "conditional-user-configured", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "conditional-credential", authenticatorConfig: "first-broker-login-conditional-credential", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
      {authenticator: "auth-otp-form", requirement: "ALTERNATIVE", priority: 30, authenticatorFlow: false},
      {authenticator: "webauthn-authenticator", requirement: "DISABLED", priority: 40, authenticatorFlow: false},
      {authenticator: "auth-recovery-authn-code-form", requirement: "DISABLED", priority: 50, authenticatorFlow: false},
    ],
  },
  {
    alias: "First Broker Login - Conditional Organization", description: "Flow to determine if the authenticator that adds organization members is to be used", providerId: "basic-flow", topLevel: false, builtIn: true,
    authenticationExecutions: [
      {authenticator: "conditional-user-configured", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
      {authenticator: "idp-add-organization-member", requirement: "REQUIRED", priority: 20, authenticatorFlow: false},
    ],
  },
  {
    alias: "saml ecp", description: "SAML ECP Profile Authentication Flow", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "http-basic-authenticator", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
    ],
  },
  {
    alias: "docker auth", description: "Used by Docker clients to authenticate against the IDP", providerId: "basic-flow", topLevel: true, builtIn: true,
    authenticationExecutions: [
      {authenticator: "docker-http-basic-authenticator", requirement: "REQUIRED", priority: 10, authenticatorFlow: false},
    ],
  },
];

/** Built-in authenticator configs, referenced by alias from the flows' executions. */
export const DEFAULT_AUTHENTICATOR_CONFIGS: readonly AuthenticatorConfigExport[] = [
  {alias: "browser-conditional-credential", config: {credentials: "webauthn-passwordless"}},
  {alias: "create unique user config", config: {"require.password.update.after.registration": "false"}},
  {alias: "first-broker-login-conditional-credential", config: {credentials: "webauthn-passwordless"}},
  {alias: "review profile config", config: {"update.profile.on.first.login": "missing"}},
];

/** Registered required actions, in priority order. */
export const DEFAULT_REQUIRED_ACTIONS: readonly RequiredActionExport[] = [
  {alias: "TERMS_AND_CONDITIONS", name: "Terms and Conditions", providerId: "TERMS_AND_CONDITIONS", enabled: false, defaultAction: false, priority: 20, config: {}},
  {alias: "UPDATE_PROFILE", name: "Update Profile", providerId: "UPDATE_PROFILE", enabled: true, defaultAction: false, priority: 40, config: {}},
  {alias: "VERIFY_EMAIL", name: "Verify Email", providerId: "VERIFY_EMAIL", enabled: true, defaultAction: false, priority: 50, config: {}},
  {alias: "CONFIGURE_TOTP", name: "Configure OTP", providerId: "CONFIGURE_TOTP", enabled: true, defaultAction: false, priority: 54, config: {}},
  {alias: "UPDATE_PASSWORD", name: "Update Password", providerId: "UPDATE_PASSWORD", enabled: true, defaultAction: false, priority: 57, config: {}},
  {alias: "delete_account", name: "Delete Account", providerId: "delete_account", enabled: false, defaultAction: false, priority: 60, config: {}},
  {alias: "UPDATE_EMAIL", name: "Update Email", providerId: "UPDATE_EMAIL", enabled: false, defaultAction: false, priority: 70, config: {}},
  {alias: "webauthn-register", name: "Webauthn Register", providerId: "webauthn-register", enabled: true, defaultAction: false, priority: 80, config: {}},
  {alias: "webauthn-register-passwordless", name: "Webauthn Register Passwordless", providerId: "webauthn-register-passwordless", enabled: true, defaultAction: false, priority: 90, config: {}},
  {alias: "VERIFY_PROFILE", name: "Verify Profile", providerId: "VERIFY_PROFILE", enabled: true, defaultAction: false, priority: 100, config: {}},
  {alias: "delete_credential", name: "Delete Credential", providerId: "delete_credential", enabled: true, defaultAction: false, priority: 110, config: {}},
  {alias: "idp_link", name: "Linking Identity Provider", providerId: "idp_link", enabled: true, defaultAction: false, priority: 120, config: {}},
  {alias: "CONFIGURE_RECOVERY_AUTHN_CODES", name: "Recovery Authentication Codes", providerId: "CONFIGURE_RECOVERY_AUTHN_CODES", enabled: true, defaultAction: false, priority: 130, config: {}},
  {alias: "update_user_locale", name: "Update User Locale", providerId: "update_user_locale", enabled: true, defaultAction: false, priority: 1000, config: {}},
];

/** Which flow the realm binds to each purpose (RealmRepresentation's `browserFlow`, ...). */
export const DEFAULT_FLOW_BINDINGS: Readonly<Record<string, string>> = {browserFlow: "browser", registrationFlow: "registration", directGrantFlow: "direct grant", resetCredentialsFlow: "reset credentials", clientAuthenticationFlow: "clients", dockerAuthenticationFlow: "docker auth", firstBrokerLoginFlow: "first broker login"};
