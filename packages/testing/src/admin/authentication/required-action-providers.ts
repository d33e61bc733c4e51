import type { ConfigProperty } from './authenticator-catalog.js';

/**
 * The config properties of Keycloak 26.7.3's configurable required actions (`required-actions/{alias}/config-description`,
 * read from a running server), by provider id; a provider not listed is not configurable (404).
 */
export const REQUIRED_ACTION_CONFIG_PROPERTIES: Readonly<Record<string, readonly ConfigProperty[]>> = {
  TERMS_AND_CONDITIONS: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  UPDATE_PROFILE: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  VERIFY_EMAIL: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
    {
      name: 'emailResendCooldownSeconds',
      label: 'Cooldown Between Email Resend (seconds)',
      helpText: 'Minimum delay in seconds before another email verification email can be sent.',
      type: 'String',
      defaultValue: '30',
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  CONFIGURE_TOTP: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
    {
      name: 'add-recovery-codes',
      label: 'Add Recovery Codes',
      helpText:
        'If this option is enabled, the user will be required to configure recovery codes following the OTP configuration.\nIf the user already has recovery codes configured, Keycloak will not ask for setting them up.\nAs a prerequisite, enable the recovery codes required action and enable recovery codes in your authentication flow.',
      type: 'boolean',
      defaultValue: false,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  UPDATE_PASSWORD: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  UPDATE_EMAIL: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
    {
      name: 'verifyEmail',
      label: 'Force Email Verification',
      helpText:
        'If enabled, the user will be forced to verify the email regardless if email verification is enabled at the realm level or not. Otherwise, verification will be based on the realm level setting.',
      type: 'boolean',
      defaultValue: false,
      secret: false,
      required: false,
      readOnly: false,
    },
    {
      name: 'emailResendCooldownSeconds',
      label: 'Cooldown Between Email Resend (seconds)',
      helpText: 'Minimum delay in seconds before another email verification email can be sent.',
      type: 'String',
      defaultValue: '30',
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  'webauthn-register': [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  'webauthn-register-passwordless': [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  VERIFY_PROFILE: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  delete_credential: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  idp_link: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  CONFIGURE_RECOVERY_AUTHN_CODES: [
    {
      name: 'warning_threshold',
      label: 'Warning Threshold',
      helpText:
        'When user has smaller amount of remaining recovery codes on his account than the value configured here, account console will show warning to the user, which will recommend him to setup new set of recovery codes.',
      type: 'Integer',
      defaultValue: 4,
      secret: false,
      required: false,
      readOnly: false,
    },
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
  update_user_locale: [
    {
      name: 'max_auth_age',
      label: 'Maximum Age of Authentication',
      helpText:
        'Configures the duration in seconds this action can be used after the last authentication before the user is required to re-authenticate. This parameter is used just in the context of AIA when the kc_action parameter is available in the request, which is for instance when user himself updates his password in the account console.',
      type: 'String',
      defaultValue: 300,
      secret: false,
      required: false,
      readOnly: false,
    },
  ],
};
