/**
 * Top-level field names of the client-side representations the admin API reads, from Keycloak 26.6's admin
 * REST spec (docs-api/26.6.0/rest-api/openapi.json on keycloak.org, components.schemas). Jackson rejects any other field with
 * "Unrecognized field", so the server does too.
 */
import type { RepresentationShape } from '../json-body.js';

const IDM = 'org.keycloak.representations.idm';

/** ClientRepresentation. */
export const CLIENT_SHAPE: RepresentationShape = {
  className: `${IDM}.ClientRepresentation`,
  fields: new Set([
    'id',
    'clientId',
    'name',
    'description',
    'type',
    'rootUrl',
    'adminUrl',
    'baseUrl',
    'surrogateAuthRequired',
    'enabled',
    'alwaysDisplayInConsole',
    'clientAuthenticatorType',
    'secret',
    'registrationAccessToken',
    'defaultRoles',
    'redirectUris',
    'webOrigins',
    'notBefore',
    'bearerOnly',
    'consentRequired',
    'standardFlowEnabled',
    'implicitFlowEnabled',
    'directAccessGrantsEnabled',
    'serviceAccountsEnabled',
    'authorizationServicesEnabled',
    'directGrantsOnly',
    'publicClient',
    'frontchannelLogout',
    'protocol',
    'attributes',
    'authenticationFlowBindingOverrides',
    'fullScopeAllowed',
    'nodeReRegistrationTimeout',
    'registeredNodes',
    'protocolMappers',
    'clientTemplate',
    'useTemplateConfig',
    'useTemplateScope',
    'useTemplateMappers',
    'defaultClientScopes',
    'optionalClientScopes',
    'authorizationSettings',
    'access',
    'origin',
  ]),
};

/** ProtocolMapperRepresentation. */
export const PROTOCOL_MAPPER_SHAPE: RepresentationShape = {
  className: `${IDM}.ProtocolMapperRepresentation`,
  fields: new Set(['id', 'name', 'protocol', 'protocolMapper', 'consentRequired', 'consentText', 'config']),
};

/** ClientInitialAccessCreatePresentation. */
export const INITIAL_ACCESS_SHAPE: RepresentationShape = {
  className: `${IDM}.ClientInitialAccessCreatePresentation`,
  fields: new Set(['expiration', 'count', 'webOrigins']),
};

/** ManagementPermissionReference. */
export const MANAGEMENT_PERMISSION_SHAPE: RepresentationShape = {
  className: `${IDM}.ManagementPermissionReference`,
  fields: new Set(['enabled', 'resource', 'scopePermissions']),
};
