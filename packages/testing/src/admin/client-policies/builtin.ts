/**
 * Keycloak 26.7.3's built-in client policy data: the global client profiles its SecurityProfileProvider ships
 * (keycloak-default-client-profiles.json, as `GET client-policies/profiles?include-global-profiles=true` answers
 * them), and the ids of its ClientPolicyExecutorProvider and ClientPolicyConditionProvider factories (the
 * `componentTypes` of its server info), which a proposed profile or policy must name.
 */
export const GLOBAL_CLIENT_PROFILES: readonly object[] = [
  {
    name: 'fapi-1-baseline',
    description:
      "Client profile, which enforce clients to conform 'Financial-grade API Security Profile 1.0 - Part 1: Baseline' specification.",
    executors: [
      { executor: 'secure-session', configuration: {} },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': true } },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-secret-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      { executor: 'secure-client-uris', configuration: {} },
      { executor: 'consent-required', configuration: { 'auto-configure': true } },
      { executor: 'full-scope-disabled', configuration: { 'auto-configure': true } },
    ],
  },
  {
    name: 'fapi-1-advanced',
    description:
      "Client profile, which enforce clients to conform 'Financial-grade API Security Profile 1.0 - Part 2: Advanced' specification.",
    executors: [
      { executor: 'secure-session', configuration: {} },
      { executor: 'confidential-client', configuration: {} },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      { executor: 'secure-client-uris', configuration: {} },
      { executor: 'secure-request-object', configuration: { 'available-period': '3600', 'verify-nbf': true } },
      {
        executor: 'secure-response-type',
        configuration: { 'auto-configure': true, 'allow-token-response-type': false },
      },
      { executor: 'secure-signature-algorithm', configuration: { 'default-algorithm': 'PS256' } },
      { executor: 'secure-signature-algorithm-signed-jwt', configuration: { 'require-client-assertion': false } },
      { executor: 'consent-required', configuration: { 'auto-configure': true } },
      { executor: 'full-scope-disabled', configuration: { 'auto-configure': true } },
      { executor: 'holder-of-key-enforcer', configuration: { 'auto-configure': true } },
    ],
  },
  {
    name: 'fapi-ciba',
    description:
      "Client profile, which enforce clients to conform 'Financial-grade API: Client Initiated Backchannel Authentication Profile' specification (Implementer's Draft ver1'). To satisfy FAPI-CIBA, both this profile and fapi-1-advanced global profile need to be used.",
    executors: [
      { executor: 'secure-ciba-req-sig-algorithm', configuration: { 'default-algorithm': 'PS256' } },
      { executor: 'secure-ciba-session', configuration: {} },
      { executor: 'secure-ciba-signed-authn-req', configuration: { 'available-period': '3600' } },
    ],
  },
  {
    name: 'fapi-2-security-profile',
    description: "Client profile, which enforce clients to conform 'FAPI 2.0 Security Profile Final' specification.",
    executors: [
      { executor: 'confidential-client', configuration: {} },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      { executor: 'secure-client-uris', configuration: {} },
      { executor: 'secure-signature-algorithm', configuration: { 'default-algorithm': 'PS256' } },
      { executor: 'secure-signature-algorithm-signed-jwt', configuration: { 'require-client-assertion': false } },
      { executor: 'consent-required', configuration: { 'auto-configure': true } },
      { executor: 'full-scope-disabled', configuration: { 'auto-configure': true } },
      { executor: 'reject-implicit-grant', configuration: { 'auto-configure': 'true' } },
      { executor: 'holder-of-key-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'secure-client-authentication-assertion', configuration: {} },
      { executor: 'secure-par-content', configuration: {} },
    ],
  },
  {
    name: 'fapi-2-message-signing',
    description: "Client profile, which enforce clients to conform 'FAPI 2.0 Message Signing Final' specification.",
    executors: [
      { executor: 'confidential-client', configuration: {} },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      { executor: 'secure-client-uris', configuration: {} },
      { executor: 'secure-signature-algorithm', configuration: { 'default-algorithm': 'PS256' } },
      { executor: 'secure-signature-algorithm-signed-jwt', configuration: { 'require-client-assertion': false } },
      { executor: 'consent-required', configuration: { 'auto-configure': true } },
      { executor: 'full-scope-disabled', configuration: { 'auto-configure': true } },
      { executor: 'reject-implicit-grant', configuration: { 'auto-configure': 'true' } },
      { executor: 'holder-of-key-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'secure-par-content', configuration: {} },
      {
        executor: 'secure-request-object',
        configuration: { 'verify-nbf': true, 'available-period': '3600', 'encryption-required': false },
      },
      { executor: 'secure-client-authentication-assertion', configuration: {} },
    ],
  },
  {
    name: 'oauth-2-1-for-confidential-client',
    description: "Client profile, which enforce confidential clients to conform 'OAuth 2.1' specification.",
    executors: [
      { executor: 'confidential-client', configuration: {} },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      {
        executor: 'secure-redirect-uris-enforcer',
        configuration: {
          'allow-ipv4-loopback-address': 'true',
          'allow-ipv6-loopback-address': 'true',
          'allow-private-use-uri-scheme': 'true',
          'oauth-2-1-compliant': 'true',
        },
      },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'holder-of-key-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'reject-implicit-grant', configuration: { 'auto-configure': 'true' } },
      { executor: 'reject-ropc-grant', configuration: { 'auto-configure': 'true' } },
    ],
  },
  {
    name: 'oauth-2-1-for-public-client',
    description: "Client profile, which enforce public clients to conform 'OAuth 2.1' specification.",
    executors: [
      {
        executor: 'secure-redirect-uris-enforcer',
        configuration: {
          'allow-ipv4-loopback-address': 'true',
          'allow-ipv6-loopback-address': 'true',
          'allow-private-use-uri-scheme': 'true',
          'oauth-2-1-compliant': 'true',
        },
      },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': 'true' } },
      {
        executor: 'dpop-bind-enforcer',
        configuration: {
          'auto-configure': 'true',
          'enforce-authorization-code-binding-to-dpop': 'false',
          'allow-only-refresh-token-binding': 'false',
        },
      },
      { executor: 'reject-implicit-grant', configuration: { 'auto-configure': 'true' } },
      { executor: 'reject-ropc-grant', configuration: { 'auto-configure': 'true' } },
    ],
  },
  {
    name: 'fapi-2-dpop-security-profile',
    description:
      "Client profile, which enforce clients to conform 'FAPI 2.0 Security Profile Final' using DPoP specification.",
    executors: [
      { executor: 'confidential-client', configuration: {} },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      { executor: 'secure-client-uris', configuration: {} },
      { executor: 'secure-signature-algorithm', configuration: { 'default-algorithm': 'PS256' } },
      { executor: 'secure-signature-algorithm-signed-jwt', configuration: { 'require-client-assertion': false } },
      { executor: 'consent-required', configuration: { 'auto-configure': true } },
      { executor: 'full-scope-disabled', configuration: { 'auto-configure': true } },
      { executor: 'reject-implicit-grant', configuration: { 'auto-configure': 'true' } },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'secure-client-authentication-assertion', configuration: {} },
      { executor: 'secure-par-content', configuration: {} },
      {
        executor: 'dpop-bind-enforcer',
        configuration: {
          'auto-configure': 'true',
          'enforce-authorization-code-binding-to-dpop': 'false',
          'allow-only-refresh-token-binding': 'false',
        },
      },
    ],
  },
  {
    name: 'fapi-2-dpop-message-signing',
    description:
      "Client profile, which enforce clients to conform 'FAPI 2.0 Message Signing Final' with DPoP specification.",
    executors: [
      { executor: 'confidential-client', configuration: {} },
      {
        executor: 'secure-client-authenticator',
        configuration: {
          'allowed-client-authenticators': ['client-jwt', 'client-x509'],
          'default-client-authenticator': 'client-jwt',
        },
      },
      { executor: 'secure-client-uris', configuration: {} },
      { executor: 'secure-signature-algorithm', configuration: { 'default-algorithm': 'PS256' } },
      { executor: 'secure-signature-algorithm-signed-jwt', configuration: { 'require-client-assertion': false } },
      { executor: 'consent-required', configuration: { 'auto-configure': true } },
      { executor: 'full-scope-disabled', configuration: { 'auto-configure': true } },
      { executor: 'reject-implicit-grant', configuration: { 'auto-configure': 'true' } },
      { executor: 'pkce-enforcer', configuration: { 'auto-configure': 'true' } },
      { executor: 'secure-par-content', configuration: {} },
      {
        executor: 'secure-request-object',
        configuration: { 'verify-nbf': true, 'available-period': '3600', 'encryption-required': false },
      },
      {
        executor: 'dpop-bind-enforcer',
        configuration: {
          'auto-configure': 'true',
          'enforce-authorization-code-binding-to-dpop': 'false',
          'allow-only-refresh-token-binding': 'false',
        },
      },
      { executor: 'secure-client-authentication-assertion', configuration: {} },
    ],
  },
  {
    name: 'saml-security-profile',
    description: 'Client profile that enforces SAML clients to be secure.',
    executors: [
      { executor: 'saml-secure-client-uris', configuration: {} },
      { executor: 'saml-signature-enforcer', configuration: {} },
      { executor: 'saml-avoid-redirect', configuration: {} },
    ],
  },
];

export const EXECUTOR_PROVIDERS: ReadonlySet<string> = new Set([
  'auth-flow-enforcer',
  'confidential-client',
  'consent-required',
  'downscope-assertion-grant-enforcer',
  'dpop-bind-enforcer',
  'full-scope-disabled',
  'holder-of-key-enforcer',
  'intent-client-bind-checker',
  'jwt-claim-enforcer',
  'pkce-enforcer',
  'registration-access-token-rotation-disabled',
  'reject-implicit-grant',
  'reject-request',
  'reject-ropc-grant',
  'saml-avoid-redirect',
  'saml-secure-client-uris',
  'saml-signature-enforcer',
  'secure-ciba-req-sig-algorithm',
  'secure-ciba-session',
  'secure-ciba-signed-authn-req',
  'secure-client-authentication-assertion',
  'secure-client-authenticator',
  'secure-client-uris',
  'secure-client-uris-pattern',
  'secure-logout',
  'secure-par-content',
  'secure-redirect-uris-enforcer',
  'secure-request-object',
  'secure-response-type',
  'secure-session',
  'secure-signature-algorithm',
  'secure-signature-algorithm-signed-jwt',
  'suppress-refresh-token-rotation',
  'tls-client-auth-ca-subject-dn',
  'use-lightweight-access-token',
]);

export const CONDITION_PROVIDERS: ReadonlySet<string> = new Set([
  'acr-condition',
  'any-client',
  'client-access-type',
  'client-attributes',
  'client-roles',
  'client-scopes',
  'client-type',
  'client-updater-context',
  'client-updater-source-groups',
  'client-updater-source-host',
  'client-updater-source-roles',
  'grant-type',
  'identity-provider-alias',
]);
