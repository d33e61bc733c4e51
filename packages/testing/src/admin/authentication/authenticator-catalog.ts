import type { Requirement } from '../../model/authentication-types.js';

/**
 * The authenticator providers this server knows, as Keycloak 26's factories describe themselves (display type,
 * help text, requirement choices, config properties). Data only: the server never runs them, it only lets the
 * admin API build flows of them and refuse unknown ids as Keycloak does.
 */

/** Which SPI a provider belongs to: flows of `client-flow` take client authenticators, `form-flow` form actions. */
export type AuthenticatorKind = 'authenticator' | 'client' | 'form-action';

/** A config property (ConfigPropertyRepresentation). */
export interface ConfigProperty {
  name: string;
  label: string;
  helpText: string;
  type: string;
  defaultValue?: unknown;
  options?: string[];
  secret?: boolean;
  required?: boolean;
  readOnly?: boolean;
}

/** One provider factory. */
export interface AuthenticatorProvider {
  id: string;
  kind: AuthenticatorKind;
  displayName: string;
  description: string;
  requirementChoices: readonly Requirement[];
  /** Config properties; a provider without them is not configurable. */
  properties?: readonly ConfigProperty[];
}

const ALL: readonly Requirement[] = ['REQUIRED', 'ALTERNATIVE', 'DISABLED'];
const CONDITIONAL: readonly Requirement[] = ['REQUIRED', 'DISABLED'];
const FORM: readonly Requirement[] = ['REQUIRED', 'DISABLED'];
const CLIENT: readonly Requirement[] = ['ALTERNATIVE', 'REQUIRED', 'DISABLED'];

const text = (name: string, label: string, helpText: string, defaultValue?: string): ConfigProperty =>
  ({ name, label, helpText, type: 'String', ...(defaultValue === undefined ? {} : { defaultValue }) });
const flag = (name: string, label: string, helpText: string, defaultValue: boolean): ConfigProperty =>
  ({ name, label, helpText, type: 'boolean', defaultValue });

const a = (id: string, displayName: string, description: string, requirementChoices = ALL, properties?: readonly ConfigProperty[]): AuthenticatorProvider =>
  ({ id, kind: 'authenticator', displayName, description, requirementChoices, ...(properties ? { properties } : {}) });

const PROVIDERS: readonly AuthenticatorProvider[] = [
  a('auth-cookie', 'Cookie', 'Validates the SSO cookie set by the auth server.'),
  a('auth-spnego', 'Kerberos', 'Initiates the SPNEGO protocol.  Most often used with Kerberos.'),
  a('identity-provider-redirector', 'Identity Provider Redirector', 'Redirects to default Identity Provider or Identity Provider specified with kc_idp_hint query parameter', ALL, [
    text('defaultProvider', 'Default Identity Provider', 'To automatically redirect to an identity provider set to the alias of the identity provider'),
  ]),
  a('auth-username-password-form', 'Username Password Form', 'Validates a username and password from login form.'),
  a('auth-username-form', 'Username Form', 'Selects a user from his username or email.'),
  a('auth-password-form', 'Password Form', 'Validates a password from login form.'),
  a('auth-otp-form', 'OTP Form', 'Validates a OTP on a separate OTP form.'),
  a('auth-conditional-otp-form', 'Conditional OTP Form', 'Validates a OTP on a separate OTP form. Only shown if required based on the configured conditions.', ALL, [
    text('skipOtpRole', 'Skip OTP for Role', 'OTP is always skipped if user has the given Role.'),
    text('forceOtpRole', 'Force OTP for Role', 'OTP is always required if user has the given Role.'),
    text('defaultOtpOutcome', 'Fallback OTP outcome', 'What to do in case of every check abstains. Defaults to force.'),
  ]),
  a('webauthn-authenticator', 'WebAuthn Authenticator', 'Authenticator for WebAuthn. Usually used for WebAuthn two-factor authentication'),
  a('auth-recovery-authn-code-form', 'Recovery Authentication Code Form', 'Validates a Recovery Authentication Code'),
  a('conditional-user-configured', 'Condition - user configured', 'Executes the current flow only if authenticators are configured', CONDITIONAL),
  a('conditional-user-role', 'Condition - user role', 'Flow is executed only if user has the given role.', CONDITIONAL, [
    text('condUserRole', 'User role', 'Role the user should have to execute this flow.'),
    flag('negate', 'Negate output', 'Apply a not to the check result', false),
  ]),
  a('conditional-credential', 'Condition - credential', 'Condition to evaluate if a specific credential type has been used (or not used) by the user during the authentication process', CONDITIONAL, [
    text('credentials', 'Credentials', 'The list of credentials to be considered by the condition.'),
    flag('included', 'Included', 'If included is true, the condition matches when any of the credentials has been used.', false),
  ]),
  a('direct-grant-validate-username', 'Username Validation', 'Validates the username supplied as a \'username\' form parameter in direct grant request', ['REQUIRED']),
  a('direct-grant-validate-password', 'Password', 'Validates the password supplied as a \'password\' form parameter in direct grant request', CONDITIONAL),
  a('direct-grant-validate-otp', 'OTP', 'Validates the one time password supplied as a \'totp\' form parameter in direct grant request', CONDITIONAL),
  a('docker-http-basic-authenticator', 'Docker Authenticator', 'Uses HTTP Basic authentication to validate docker users, returning a docker error token on auth failure', ['REQUIRED']),
  a('http-basic-authenticator', 'HTTP Basic Authentication', 'Validates username and password from Authorization HTTP header'),
  a('idp-confirm-link', 'Confirm link existing account', 'Show the form where user confirms if he wants to link identity provider with existing account or rather edit user profile data retrieved from identity provider to avoid conflict'),
  a('idp-create-user-if-unique', 'Create User If Unique', 'Detect if there is existing Keycloak account with same email like identity provider. If no, create new user', ALL, [
    flag('require.password.update.after.registration', 'Require Password Update After Registration', 'If this option is true and new user is successfully imported from Identity Provider to Keycloak (there is no duplicated email or username detected in Keycloak DB), then this user is required to update his password', false),
  ]),
  a('idp-email-verification', 'Verify existing account by Email', 'Email verification of existing Keycloak user, that wants to link his user account with identity provider'),
  a('idp-review-profile', 'Review Profile', 'User reviews and updates profile data retrieved from Identity Provider in the displayed form', ALL, [
    { name: 'update.profile.on.first.login', label: 'Update profile on first login', helpText: 'Define conditions under which a user has to review and update his profile after first-time login.', type: 'List', defaultValue: 'missing', options: ['on', 'missing', 'off'] },
  ]),
  a('idp-username-password-form', 'Username Password Form for identity provider reauthentication', 'Validates a password from login form. Username may be already known from identity provider authentication'),
  a('idp-auto-link', 'Automatically set existing user', 'Automatically set existing user to authentication context without any verification'),
  a('reset-credentials-choose-user', 'Choose User', 'Choose a user to reset credentials for', ['REQUIRED']),
  a('reset-credential-email', 'Send Reset Email', 'Send email to user and wait for response.', ['REQUIRED']),
  a('reset-password', 'Reset Password', 'Sets the Update Password required action if execution is REQUIRED.  Will also set it if execution is OPTIONAL and the password is currently configured for it.'),
  a('reset-otp', 'Reset OTP', 'Removes existing OTP configurations (if chosen) and sets the \'Configure OTP\' required action.'),
  a('allow-access-authenticator', 'Allow access', 'Authenticator will always successfully authenticate. Useful for example in the conditional flows to be used after satisfying the previous conditions', ['REQUIRED', 'DISABLED']),
  a('deny-access-authenticator', 'Deny access', 'Access will be always denied. Useful for example in the conditional flows to be used after satisfying the previous conditions', ['REQUIRED', 'DISABLED']),
  a('registration-page-form', 'Registration Page', 'This is the controller for the registration page', ['REQUIRED']),
  { id: 'registration-user-creation', kind: 'form-action', displayName: 'Registration User Profile Creation', description: 'This action must always be first! Validates the username and user profile of the user in validation phase.  In success phase, this will create the user in the database including his user profile.', requirementChoices: ['REQUIRED'] },
  { id: 'registration-password-action', kind: 'form-action', displayName: 'Password Validation', description: 'Validates that password matches password confirmation field.  It also will store password in user\'s credential store.', requirementChoices: FORM },
  { id: 'registration-recaptcha-action', kind: 'form-action', displayName: 'reCAPTCHA', description: 'Adds Google reCAPTCHA to the form.', requirementChoices: FORM, properties: [text('site.key', 'reCAPTCHA Site Key', 'The site key.'), { ...text('secret', 'reCAPTCHA Secret', 'The secret key.'), secret: true }] },
  { id: 'registration-terms-and-conditions', kind: 'form-action', displayName: 'Terms and conditions', description: 'Asks the user to accept terms and conditions before submitting its registration form.', requirementChoices: FORM },
  { id: 'client-secret', kind: 'client', displayName: 'Client Id and Secret', description: 'Validates client based on \'client_id\' and \'client_secret\' sent either in request parameters or in \'Authorization: Basic\' header', requirementChoices: CLIENT },
  { id: 'client-jwt', kind: 'client', displayName: 'Signed Jwt', description: 'Validates client based on signed JWT issued by client and signed with the Client private key', requirementChoices: CLIENT },
  { id: 'client-secret-jwt', kind: 'client', displayName: 'Signed Jwt with Client Secret', description: 'Validates client based on signed JWT issued by client and signed with the Client Secret', requirementChoices: CLIENT },
  { id: 'client-x509', kind: 'client', displayName: 'X509 Certificate', description: 'Validates client based on a X509 Certificate', requirementChoices: CLIENT },
];

const BY_ID = new Map(PROVIDERS.map((p) => [p.id, p]));

/** The provider with this id, any kind. */
export function authenticatorProvider(id: string | undefined): AuthenticatorProvider | undefined {
  return id === undefined ? undefined : BY_ID.get(id);
}

/** The providers of one kind (authenticator-providers, client-authenticator-providers, form-action-providers). */
export function providersOf(kind: AuthenticatorKind): AuthenticatorProvider[] {
  return PROVIDERS.filter((p) => p.kind === kind);
}

/** The provider kind a flow of this type accepts (AuthenticationManagementResource.getProviderFactory). */
export function kindForFlowType(flowProviderId: string): AuthenticatorKind {
  return flowProviderId === 'client-flow' ? 'client' : flowProviderId === 'form-flow' ? 'form-action' : 'authenticator';
}
