import type { Reply } from '../../http/http-error.js';
import type { RequestContext } from '../../http/context.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { allowIf } from '../permissions.js';

// The protocol mapper provider ids of Keycloak 26.7.3, offered by the allowed-protocol-mappers policy.
const PROTOCOL_MAPPER_TYPES: readonly string[] = [
  'oidc-claims-param-token-mapper',
  'oidc-usermodel-realm-role-mapper',
  'saml-user-attribute-nameid-mapper',
  'oidc-claims-param-value-idtoken-mapper',
  'oidc-usersessionmodel-note-mapper',
  'saml-authn-context-class-ref-mapper',
  'oidc-sub-mapper',
  'oidc-address-mapper',
  'oidc-organization-group-membership-mapper',
  'oidc-organization-membership-mapper',
  'saml-audience-resolve-mapper',
  'saml-organization-membership-mapper',
  'saml-user-session-note-mapper',
  'oidc-role-name-mapper',
  'oidc-usermodel-client-role-mapper',
  'oidc-acr-mapper',
  'oidc-usermodel-property-mapper',
  'saml-audience-mapper',
  'saml-group-membership-mapper',
  'docker-v2-allow-all-mapper',
  'oidc-hardcoded-role-mapper',
  'oidc-nonce-backwards-compatible-mapper',
  'oidc-hardcoded-claim-mapper',
  'oidc-sha256-pairwise-sub-mapper',
  'saml-role-name-mapper',
  'saml-user-property-mapper',
  'oidc-amr-mapper',
  'saml-role-list-mapper',
  'oidc-full-name-mapper',
  'oidc-allowed-origins-mapper',
  'oidc-audience-mapper',
  'oidc-usermodel-attribute-mapper',
  'oidc-session-state-mapper',
  'saml-hardcode-attribute-mapper',
  'oidc-group-membership-mapper',
  'saml-user-attribute-mapper',
  'saml-organization-group-membership-mapper',
  'saml-hardcode-role-mapper',
  'oidc-audience-resolve-mapper',
];

/**
 * GET client-registration-policy/providers (ClientRegistrationPolicyResource.getProviders): the registration
 * policy factories with their config properties, as Keycloak 26.7.3 lists them; the allowed client scopes are the
 * realm's own scope names. Needs view-realm.
 */
async function listProviders(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  // AllowedClientScopesPolicyFactory offers the realm's scopes and `openid`.
  const scopes = [...realm.clientScopes.keys(), 'openid'];
  return {
    status: 200,
    body: [
      {
        id: 'allowed-client-templates',
        helpText:
          'When present, it allows to specify whitelist of client scopes, which will be allowed in representation of registered (or updated) client',
        properties: [
          {
            name: 'allowed-client-scopes',
            label: 'allowed-client-scopes.label',
            helpText: 'allowed-client-scopes.tooltip',
            type: 'MultivaluedList',
            options: scopes,
            secret: false,
            required: false,
            readOnly: false,
          },
          {
            name: 'allow-default-scopes',
            label: 'allow-default-scopes.label',
            helpText: 'allow-default-scopes.tooltip',
            type: 'boolean',
            defaultValue: true,
            secret: false,
            required: false,
            readOnly: false,
          },
        ],
        metadata: {},
      },
      {
        id: 'registration-web-origins',
        helpText: 'Allowed web origins for client registration requests',
        properties: [
          {
            name: 'web-origins',
            label: 'registration-web-origins.label',
            helpText: 'registration-web-origins.tooltip',
            type: 'MultivaluedString',
            secret: false,
            required: false,
            readOnly: false,
          },
        ],
        metadata: {},
      },
      {
        id: 'client-disabled',
        helpText: 'When present, then newly registered client will be disabled and admin needs to manually enable them',
        properties: [],
        metadata: {},
      },
      {
        id: 'scope',
        helpText: "When present, then newly registered client won't have full scope allowed",
        properties: [],
        metadata: {},
      },
      {
        id: 'max-clients',
        helpText:
          "When present, then it won't be allowed to register new client if count of existing clients in realm is same or bigger than configured limit",
        properties: [
          {
            name: 'max-clients',
            label: 'max-clients.label',
            helpText: 'max-clients.tooltip',
            type: 'String',
            defaultValue: '200',
            secret: false,
            required: false,
            readOnly: false,
          },
        ],
        metadata: {},
      },
      {
        id: 'allowed-protocol-mappers',
        helpText:
          'When present, it allows to specify whitelist of protocol mapper types, which will be allowed in representation of registered (or updated) client',
        properties: [
          {
            name: 'allowed-protocol-mapper-types',
            label: 'allowed-protocol-mappers.label',
            helpText: 'allowed-protocol-mappers.tooltip',
            type: 'MultivaluedList',
            options: [...PROTOCOL_MAPPER_TYPES],
            secret: false,
            required: false,
            readOnly: false,
          },
        ],
        metadata: {},
      },
      {
        id: 'trusted-hosts',
        helpText:
          "Allows to specify from which hosts is user able to register and which redirect URIs can client use in it's configuration",
        properties: [
          {
            name: 'trusted-hosts',
            label: 'trusted-hosts.label',
            helpText: 'trusted-hosts.tooltip',
            type: 'MultivaluedString',
            secret: false,
            required: false,
            readOnly: false,
          },
          {
            name: 'host-sending-registration-request-must-match',
            label: 'host-sending-registration-request-must-match.label',
            helpText: 'host-sending-registration-request-must-match.tooltip',
            type: 'boolean',
            defaultValue: 'true',
            secret: false,
            required: false,
            readOnly: false,
          },
          {
            name: 'client-uris-must-match',
            label: 'client-uris-must-match.label',
            helpText: 'client-uris-must-match.tooltip',
            type: 'boolean',
            defaultValue: 'true',
            secret: false,
            required: false,
            readOnly: false,
          },
        ],
        metadata: {},
      },
      {
        id: 'consent-required',
        helpText: "When present, then newly registered client will always have 'consentRequired' switch enabled",
        properties: [],
        metadata: {},
      },
    ],
  };
}

/** `client-registration-policy/providers` of the admin API. */
export const registrationPolicyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/admin/realms/{realm}/client-registration-policy/providers',
    endpoint: 'admin',
    handler: listProviders,
  },
];
