import type { Reply } from '../../http/http-error.js';
import type { RequestContext } from '../../http/context.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { PROTOCOL_MAPPER_PROVIDERS } from '../../model/protocol-mapper-providers.js';
import { allowIf } from '../permissions.js';

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
            options: [...PROTOCOL_MAPPER_PROVIDERS],
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
