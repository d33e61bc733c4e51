// Generated from a `kc.sh export` of master by Keycloak 26.5.5 (adorsys/keycloak-config-cli `src/test/resources/import-files/exported-realm/26.5.5/master-realm.json`) (Keycloak 26.5.5 master
// realm export, Apache-2.0 content): the clients and client roles Keycloak puts in every new realm. Ids and
// secrets were removed; "/realms/master/" and "/admin/master/" are rewritten per realm by defaults.ts.
import type { ClientRepresentation, RoleRepresentation } from './representations.js';

/** Default clients (without the realm-management / <realm>-realm client, which defaults.ts makes). */
export const DEFAULT_CLIENTS: readonly ClientRepresentation[] = [
  {
    "clientId": "account",
    "name": "${client_account}",
    "rootUrl": "${authBaseUrl}",
    "baseUrl": "/realms/master/account/",
    "surrogateAuthRequired": false,
    "enabled": true,
    "alwaysDisplayInConsole": false,
    "clientAuthenticatorType": "client-secret",
    "redirectUris": [
      "/realms/master/account/*"
    ],
    "webOrigins": [],
    "notBefore": 0,
    "bearerOnly": false,
    "consentRequired": false,
    "standardFlowEnabled": true,
    "implicitFlowEnabled": false,
    "directAccessGrantsEnabled": false,
    "serviceAccountsEnabled": false,
    "publicClient": true,
    "frontchannelLogout": false,
    "protocol": "openid-connect",
    "attributes": {
      "realm_client": "false",
      "post.logout.redirect.uris": "+"
    },
    "authenticationFlowBindingOverrides": {},
    "fullScopeAllowed": false,
    "nodeReRegistrationTimeout": 0,
    "defaultClientScopes": [
      "web-origins",
      "acr",
      "profile",
      "roles",
      "basic",
      "email"
    ],
    "optionalClientScopes": [
      "address",
      "phone",
      "offline_access",
      "organization",
      "microprofile-jwt"
    ]
  },
  {
    "clientId": "account-console",
    "name": "${client_account-console}",
    "rootUrl": "${authBaseUrl}",
    "baseUrl": "/realms/master/account/",
    "surrogateAuthRequired": false,
    "enabled": true,
    "alwaysDisplayInConsole": false,
    "clientAuthenticatorType": "client-secret",
    "redirectUris": [
      "/realms/master/account/*"
    ],
    "webOrigins": [],
    "notBefore": 0,
    "bearerOnly": false,
    "consentRequired": false,
    "standardFlowEnabled": true,
    "implicitFlowEnabled": false,
    "directAccessGrantsEnabled": false,
    "serviceAccountsEnabled": false,
    "publicClient": true,
    "frontchannelLogout": false,
    "protocol": "openid-connect",
    "attributes": {
      "realm_client": "false",
      "post.logout.redirect.uris": "+",
      "pkce.code.challenge.method": "S256"
    },
    "authenticationFlowBindingOverrides": {},
    "fullScopeAllowed": false,
    "nodeReRegistrationTimeout": 0,
    "protocolMappers": [
      {
        "name": "audience resolve",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-audience-resolve-mapper",
        "consentRequired": false,
        "config": {}
      }
    ],
    "defaultClientScopes": [
      "web-origins",
      "acr",
      "profile",
      "roles",
      "basic",
      "email"
    ],
    "optionalClientScopes": [
      "address",
      "phone",
      "offline_access",
      "organization",
      "microprofile-jwt"
    ]
  },
  {
    "clientId": "admin-cli",
    "name": "${client_admin-cli}",
    "surrogateAuthRequired": false,
    "enabled": true,
    "alwaysDisplayInConsole": false,
    "clientAuthenticatorType": "client-secret",
    "redirectUris": [],
    "webOrigins": [],
    "notBefore": 0,
    "bearerOnly": false,
    "consentRequired": false,
    "standardFlowEnabled": false,
    "implicitFlowEnabled": false,
    "directAccessGrantsEnabled": true,
    "serviceAccountsEnabled": false,
    "publicClient": true,
    "frontchannelLogout": false,
    "protocol": "openid-connect",
    "attributes": {
      "realm_client": "false",
      "client.use.lightweight.access.token.enabled": "true"
    },
    "authenticationFlowBindingOverrides": {},
    "fullScopeAllowed": true,
    "nodeReRegistrationTimeout": 0,
    "defaultClientScopes": [
      "web-origins",
      "acr",
      "profile",
      "roles",
      "basic",
      "email"
    ],
    "optionalClientScopes": [
      "address",
      "phone",
      "offline_access",
      "organization",
      "microprofile-jwt"
    ]
  },
  {
    "clientId": "broker",
    "name": "${client_broker}",
    "surrogateAuthRequired": false,
    "enabled": true,
    "alwaysDisplayInConsole": false,
    "clientAuthenticatorType": "client-secret",
    "redirectUris": [],
    "webOrigins": [],
    "notBefore": 0,
    "bearerOnly": true,
    "consentRequired": false,
    "standardFlowEnabled": true,
    "implicitFlowEnabled": false,
    "directAccessGrantsEnabled": false,
    "serviceAccountsEnabled": false,
    "publicClient": false,
    "frontchannelLogout": false,
    "protocol": "openid-connect",
    "attributes": {
      "realm_client": "true"
    },
    "authenticationFlowBindingOverrides": {},
    "fullScopeAllowed": false,
    "nodeReRegistrationTimeout": 0,
    "defaultClientScopes": [
      "web-origins",
      "acr",
      "profile",
      "roles",
      "basic",
      "email"
    ],
    "optionalClientScopes": [
      "address",
      "phone",
      "offline_access",
      "organization",
      "microprofile-jwt"
    ]
  },
  {
    "clientId": "security-admin-console",
    "name": "${client_security-admin-console}",
    "rootUrl": "${authAdminUrl}",
    "baseUrl": "/admin/master/console/",
    "surrogateAuthRequired": false,
    "enabled": true,
    "alwaysDisplayInConsole": false,
    "clientAuthenticatorType": "client-secret",
    "redirectUris": [
      "/admin/master/console/*"
    ],
    "webOrigins": [
      "+"
    ],
    "notBefore": 0,
    "bearerOnly": false,
    "consentRequired": false,
    "standardFlowEnabled": true,
    "implicitFlowEnabled": false,
    "directAccessGrantsEnabled": false,
    "serviceAccountsEnabled": false,
    "publicClient": true,
    "frontchannelLogout": false,
    "protocol": "openid-connect",
    "attributes": {
      "realm_client": "false",
      "client.use.lightweight.access.token.enabled": "true",
      "post.logout.redirect.uris": "+",
      "pkce.code.challenge.method": "S256"
    },
    "authenticationFlowBindingOverrides": {},
    "fullScopeAllowed": true,
    "nodeReRegistrationTimeout": 0,
    "protocolMappers": [
      {
        "name": "locale",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "locale",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "locale",
          "jsonType.label": "String"
        }
      }
    ],
    "defaultClientScopes": [
      "web-origins",
      "acr",
      "profile",
      "roles",
      "basic",
      "email"
    ],
    "optionalClientScopes": [
      "address",
      "phone",
      "offline_access",
      "organization",
      "microprofile-jwt"
    ]
  }
];

/** Roles of the default `account` and `broker` clients. */
export const DEFAULT_CLIENT_ROLES: Readonly<Record<string, readonly RoleRepresentation[]>> = {
  "account": [
    {
      "name": "manage-consent",
      "description": "${role_manage-consent}",
      "composite": true,
      "composites": {
        "client": {
          "account": [
            "view-consent"
          ]
        }
      },
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "view-groups",
      "description": "${role_view-groups}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "view-applications",
      "description": "${role_view-applications}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "view-profile",
      "description": "${role_view-profile}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "view-consent",
      "description": "${role_view-consent}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "manage-account",
      "description": "${role_manage-account}",
      "composite": true,
      "composites": {
        "client": {
          "account": [
            "manage-account-links"
          ]
        }
      },
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "manage-account-links",
      "description": "${role_manage-account-links}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    },
    {
      "name": "delete-account",
      "description": "${role_delete-account}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    }
  ],
  "broker": [
    {
      "name": "read-token",
      "description": "${role_read-token}",
      "composite": false,
      "clientRole": true,
      "attributes": {}
    }
  ]
};

/**
 * Roles of `realm-management` (and of each `<realm>-realm` client in master), composites written against the
 * placeholder client name `master-realm`.
 */
export const MANAGEMENT_ROLES: readonly RoleRepresentation[] = [
  {
    "name": "manage-authorization",
    "description": "${role_manage-authorization}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "manage-users",
    "description": "${role_manage-users}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "create-client",
    "description": "${role_create-client}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "manage-identity-providers",
    "description": "${role_manage-identity-providers}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "query-clients",
    "description": "${role_query-clients}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "view-identity-providers",
    "description": "${role_view-identity-providers}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "manage-events",
    "description": "${role_manage-events}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "view-realm",
    "description": "${role_view-realm}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "view-users",
    "description": "${role_view-users}",
    "composite": true,
    "composites": {
      "client": {
        "master-realm": [
          "query-groups",
          "query-users"
        ]
      }
    },
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "impersonation",
    "description": "${role_impersonation}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "manage-realm",
    "description": "${role_manage-realm}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "query-groups",
    "description": "${role_query-groups}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "view-authorization",
    "description": "${role_view-authorization}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "view-events",
    "description": "${role_view-events}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "query-users",
    "description": "${role_query-users}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "view-clients",
    "description": "${role_view-clients}",
    "composite": true,
    "composites": {
      "client": {
        "master-realm": [
          "query-clients"
        ]
      }
    },
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "query-realms",
    "description": "${role_query-realms}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "manage-clients",
    "description": "${role_manage-clients}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  // Keycloak 26.7 added the organization roles (AdminRoles.ALL_REALM_ROLES; release notes 26_7_0.adoc), with
  // query-organizations inside view-organizations as MigrateTo26_7_0.addQueryCompositeRoles links them. The
  // 26.5.5 export above predates them.
  {
    "name": "view-organizations",
    "description": "${role_view-organizations}",
    "composite": true,
    "composites": {
      "client": {
        "master-realm": [
          "query-organizations"
        ]
      }
    },
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "manage-organizations",
    "description": "${role_manage-organizations}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  },
  {
    "name": "query-organizations",
    "description": "${role_query-organizations}",
    "composite": false,
    "clientRole": true,
    "attributes": {}
  }
];
