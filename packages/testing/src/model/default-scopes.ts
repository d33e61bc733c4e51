// Generated from a `kc.sh export` of master by Keycloak 26.5.5 (adorsys/keycloak-config-cli `src/test/resources/import-files/exported-realm/26.5.5/master-realm.json`) (a `kc.sh export` of
// Keycloak 26.5.5's master realm, via adorsys/keycloak-config-cli, Apache-2.0): the client scopes and mappers
// every new Keycloak realm gets. Ids were removed; each realm gets fresh ones.
import type { ClientScopeRepresentation } from './representations.js';

/** The client scopes Keycloak 26 creates in every new realm, in its export order. */
export const DEFAULT_CLIENT_SCOPES: readonly ClientScopeRepresentation[] = [
  {
    "name": "basic",
    "description": "OpenID Connect scope for add all basic claims to the token",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "false",
      "display.on.consent.screen": "false"
    },
    "protocolMappers": [
      {
        "name": "sub",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-sub-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "access.token.claim": "true"
        }
      },
      {
        "name": "auth_time",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usersessionmodel-note-mapper",
        "consentRequired": false,
        "config": {
          "user.session.note": "AUTH_TIME",
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "auth_time",
          "jsonType.label": "long"
        }
      }
    ]
  },
  {
    "name": "web-origins",
    "description": "OpenID Connect scope for add allowed web origins to the access token",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "false",
      "consent.screen.text": "",
      "display.on.consent.screen": "false"
    },
    "protocolMappers": [
      {
        "name": "allowed web origins",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-allowed-origins-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "access.token.claim": "true"
        }
      }
    ]
  },
  {
    "name": "acr",
    "description": "OpenID Connect scope for add acr (authentication context class reference) to the token",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "false",
      "display.on.consent.screen": "false"
    },
    "protocolMappers": [
      {
        "name": "acr loa level",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-acr-mapper",
        "consentRequired": false,
        "config": {
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true"
        }
      }
    ]
  },
  {
    "name": "organization",
    "description": "Additional claims about the organization a subject belongs to",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "true",
      "consent.screen.text": "${organizationScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "organization",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-organization-membership-mapper",
        "consentRequired": false,
        "config": {
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "organization",
          "jsonType.label": "String",
          "multivalued": "true"
        }
      }
    ]
  },
  {
    "name": "profile",
    "description": "OpenID Connect built-in scope: profile",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "true",
      "consent.screen.text": "${profileScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "picture",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "picture",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "picture",
          "jsonType.label": "String"
        }
      },
      {
        "name": "birthdate",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "birthdate",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "birthdate",
          "jsonType.label": "String"
        }
      },
      {
        "name": "nickname",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "nickname",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "nickname",
          "jsonType.label": "String"
        }
      },
      {
        "name": "username",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "username",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "preferred_username",
          "jsonType.label": "String"
        }
      },
      {
        "name": "given name",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "firstName",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "given_name",
          "jsonType.label": "String"
        }
      },
      {
        "name": "zoneinfo",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "zoneinfo",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "zoneinfo",
          "jsonType.label": "String"
        }
      },
      {
        "name": "full name",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-full-name-mapper",
        "consentRequired": false,
        "config": {
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "userinfo.token.claim": "true"
        }
      },
      {
        "name": "updated at",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "updatedAt",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "updated_at",
          "jsonType.label": "long"
        }
      },
      {
        "name": "family name",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "lastName",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "family_name",
          "jsonType.label": "String"
        }
      },
      {
        "name": "website",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "website",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "website",
          "jsonType.label": "String"
        }
      },
      {
        "name": "profile",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "profile",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "profile",
          "jsonType.label": "String"
        }
      },
      {
        "name": "middle name",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "middleName",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "middle_name",
          "jsonType.label": "String"
        }
      },
      {
        "name": "gender",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "gender",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "gender",
          "jsonType.label": "String"
        }
      },
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
    ]
  },
  {
    "name": "address",
    "description": "OpenID Connect built-in scope: address",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "true",
      "consent.screen.text": "${addressScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "address",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-address-mapper",
        "consentRequired": false,
        "config": {
          "user.attribute.formatted": "formatted",
          "user.attribute.country": "country",
          "introspection.token.claim": "true",
          "user.attribute.postal_code": "postal_code",
          "userinfo.token.claim": "true",
          "user.attribute.street": "street",
          "id.token.claim": "true",
          "user.attribute.region": "region",
          "access.token.claim": "true",
          "user.attribute.locality": "locality"
        }
      }
    ]
  },
  {
    "name": "service_account",
    "description": "Specific scope for a client enabled for service accounts",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "false",
      "display.on.consent.screen": "false"
    },
    "protocolMappers": [
      {
        "name": "Client Host",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usersessionmodel-note-mapper",
        "consentRequired": false,
        "config": {
          "user.session.note": "clientHost",
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "clientHost",
          "jsonType.label": "String"
        }
      },
      {
        "name": "Client IP Address",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usersessionmodel-note-mapper",
        "consentRequired": false,
        "config": {
          "user.session.note": "clientAddress",
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "clientAddress",
          "jsonType.label": "String"
        }
      },
      {
        "name": "Client ID",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usersessionmodel-note-mapper",
        "consentRequired": false,
        "config": {
          "user.session.note": "client_id",
          "id.token.claim": "true",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "client_id",
          "jsonType.label": "String"
        }
      }
    ]
  },
  {
    "name": "saml_organization",
    "description": "Organization Membership",
    "protocol": "saml",
    "attributes": {
      "display.on.consent.screen": "false"
    },
    "protocolMappers": [
      {
        "name": "organization",
        "protocol": "saml",
        "protocolMapper": "saml-organization-membership-mapper",
        "consentRequired": false,
        "config": {}
      }
    ]
  },
  {
    "name": "microprofile-jwt",
    "description": "Microprofile - JWT built-in scope",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "true",
      "display.on.consent.screen": "false"
    },
    "protocolMappers": [
      {
        "name": "groups",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-realm-role-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "multivalued": "true",
          "user.attribute": "foo",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "groups",
          "jsonType.label": "String"
        }
      },
      {
        "name": "upn",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "username",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "upn",
          "jsonType.label": "String"
        }
      }
    ]
  },
  {
    "name": "offline_access",
    "description": "OpenID Connect built-in scope: offline_access",
    "protocol": "openid-connect",
    "attributes": {
      "consent.screen.text": "${offlineAccessScopeConsentText}",
      "display.on.consent.screen": "true"
    }
  },
  {
    "name": "phone",
    "description": "OpenID Connect built-in scope: phone",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "true",
      "consent.screen.text": "${phoneScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "phone number verified",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "phoneNumberVerified",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "phone_number_verified",
          "jsonType.label": "boolean"
        }
      },
      {
        "name": "phone number",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "phoneNumber",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "phone_number",
          "jsonType.label": "String"
        }
      }
    ]
  },
  {
    "name": "role_list",
    "description": "SAML role list",
    "protocol": "saml",
    "attributes": {
      "consent.screen.text": "${samlRoleListScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "role list",
        "protocol": "saml",
        "protocolMapper": "saml-role-list-mapper",
        "consentRequired": false,
        "config": {
          "single": "false",
          "attribute.nameformat": "Basic",
          "attribute.name": "Role"
        }
      }
    ]
  },
  {
    "name": "email",
    "description": "OpenID Connect built-in scope: email",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "true",
      "consent.screen.text": "${emailScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "email verified",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-property-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "emailVerified",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "email_verified",
          "jsonType.label": "boolean"
        }
      },
      {
        "name": "email",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "userinfo.token.claim": "true",
          "user.attribute": "email",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "email",
          "jsonType.label": "String"
        }
      }
    ]
  },
  {
    "name": "roles",
    "description": "OpenID Connect scope for add user roles to the access token",
    "protocol": "openid-connect",
    "attributes": {
      "include.in.token.scope": "false",
      "consent.screen.text": "${rolesScopeConsentText}",
      "display.on.consent.screen": "true"
    },
    "protocolMappers": [
      {
        "name": "realm roles",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-realm-role-mapper",
        "consentRequired": false,
        "config": {
          "user.attribute": "foo",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "realm_access.roles",
          "jsonType.label": "String",
          "multivalued": "true"
        }
      },
      {
        "name": "client roles",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-client-role-mapper",
        "consentRequired": false,
        "config": {
          "user.attribute": "foo",
          "introspection.token.claim": "true",
          "access.token.claim": "true",
          "claim.name": "resource_access.${client_id}.roles",
          "jsonType.label": "String",
          "multivalued": "true"
        }
      },
      {
        "name": "audience resolve",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-audience-resolve-mapper",
        "consentRequired": false,
        "config": {
          "introspection.token.claim": "true",
          "access.token.claim": "true"
        }
      }
    ]
  }
];

/** Realm-level default scopes given to new clients (`defaultDefaultClientScopes`). */
export const DEFAULT_DEFAULT_CLIENT_SCOPES: readonly string[] = ["role_list", "saml_organization", "profile", "email", "roles", "web-origins", "acr", "basic"];

/** Realm-level optional scopes given to new clients (`defaultOptionalClientScopes`). */
export const DEFAULT_OPTIONAL_CLIENT_SCOPES: readonly string[] = ["offline_access", "address", "phone", "microprofile-jwt", "organization"];
