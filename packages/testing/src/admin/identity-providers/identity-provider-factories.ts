/**
 * Keycloak 26.7.3's identity provider factories as its admin API describes them, read from a running server: the
 * `identity-provider/providers/{id}` description, the `types` an instance of each shows (oauth2 and jwt-authorization-grant read from instances with https URLs), the defaults a new
 * instance gets (`hideOnLogin`, config), the mapper types it accepts (`.../mapper-types`), and the config a
 * provider refuses to be created without. Data only: no brokering happens.
 */

/** One identity provider factory. */
export interface IdentityProviderFactory {
  id: string;
  name: string;
  /** IdentityProviderRepresentation.types of its instances. */
  types: readonly string[];
  /** `GET identity-provider/providers/{id}` (IdentityProviderFactory's description). */
  description: Readonly<Record<string, unknown>>;
  /** Fields and config a new instance gets when the representation leaves them out. */
  defaults?: { hideOnLogin?: boolean; config?: Readonly<Record<string, string>> };
  /** A config key the factory's validation insists on, with its message. */
  requiredConfig?: { key: string; message: string };
  /** Ids of the mapper types of IDENTITY_PROVIDER_MAPPER_TYPES it accepts, in Keycloak's order. */
  mapperTypes: readonly string[];
}

export const IDENTITY_PROVIDER_FACTORIES: readonly IdentityProviderFactory[] = [
  {
    id: 'kubernetes',
    name: 'Kubernetes',
    types: ['CLIENT_ASSERTION'],
    description: { name: 'Kubernetes', id: 'kubernetes', configProperties: [], helpText: '', configMetadata: [] },
    defaults: { hideOnLogin: true, config: { issuer: 'https://kubernetes.default.svc.cluster.local' } },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
    ],
  },
  {
    id: 'jwt-authorization-grant',
    name: 'JWT Authorization Grant',
    types: ['JWT_AUTHORIZATION_GRANT'],
    description: {
      name: 'JWT Authorization Grant',
      id: 'jwt-authorization-grant',
      configProperties: [],
      helpText: '',
      configMetadata: [],
    },
    requiredConfig: { key: 'issuer', message: 'Issuer is required' },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
    ],
  },
  {
    id: 'saml',
    name: 'SAML v2.0',
    types: ['USER_AUTHENTICATION'],
    description: { name: 'SAML v2.0', id: 'saml', configProperties: [], helpText: '', configMetadata: [] },
    mapperTypes: [
      'saml-username-idp-mapper',
      'saml-advanced-role-idp-mapper',
      'saml-xpath-attribute-idp-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'saml-user-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'saml-advanced-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'saml-role-idp-mapper',
    ],
  },
  {
    id: 'oauth2',
    name: 'OAuth v2',
    types: ['USER_AUTHENTICATION', 'EXCHANGE_EXTERNAL_TOKEN'],
    description: { name: 'OAuth v2', id: 'oauth2', configProperties: [], helpText: '', configMetadata: [] },
    requiredConfig: { key: 'userInfoUrl', message: 'User Info URL not provided' },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
    ],
  },
  {
    id: 'oidc',
    name: 'OpenID Connect v1.0',
    types: [
      'USER_AUTHENTICATION',
      'CLIENT_ASSERTION',
      'TRUST_MATERIAL',
      'EXCHANGE_EXTERNAL_TOKEN',
      'JWT_AUTHORIZATION_GRANT',
    ],
    description: { name: 'OpenID Connect v1.0', id: 'oidc', configProperties: [], helpText: '', configMetadata: [] },
    mapperTypes: [
      'oidc-advanced-group-idp-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-user-attribute-idp-mapper',
      'oidc-advanced-role-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'oidc-user-session-note-idp-mapper',
      'oidc-role-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'keycloak-oidc',
    name: 'Keycloak OpenID Connect',
    types: [
      'USER_AUTHENTICATION',
      'CLIENT_ASSERTION',
      'TRUST_MATERIAL',
      'EXCHANGE_EXTERNAL_TOKEN',
      'JWT_AUTHORIZATION_GRANT',
    ],
    description: {
      name: 'Keycloak OpenID Connect',
      id: 'keycloak-oidc',
      configProperties: [],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [
      'oidc-advanced-group-idp-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-user-attribute-idp-mapper',
      'keycloak-oidc-role-to-role-idp-mapper',
      'oidc-advanced-role-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'oidc-user-session-note-idp-mapper',
      'oidc-role-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'linkedin-openid-connect',
    name: 'LinkedIn',
    types: [],
    description: {
      name: 'LinkedIn',
      id: 'linkedin-openid-connect',
      configProperties: [],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [],
  },
  {
    id: 'twitter',
    name: 'Twitter',
    types: [],
    description: { name: 'Twitter', id: 'twitter', configProperties: [], helpText: '', configMetadata: [] },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'github',
    name: 'GitHub',
    types: [],
    description: {
      name: 'GitHub',
      id: 'github',
      configProperties: [
        {
          name: 'baseUrl',
          label: 'Base URL',
          helpText: 'Override the default Base URL for this identity provider.',
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'apiUrl',
          label: 'API URL',
          helpText: 'Override the default API URL for this identity provider.',
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'githubJsonFormat',
          label: 'JSON Format',
          helpText:
            'Enable to receive JSON format responses from GitHub. This is also required to automatically refresh access tokens retrieved from GitHub.',
          type: 'boolean',
          defaultValue: false,
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [
      'github-user-attribute-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'openshift-v4',
    name: 'Openshift v4',
    types: [],
    description: {
      name: 'Openshift v4',
      id: 'openshift-v4',
      configProperties: [
        {
          name: 'baseUrl',
          label: 'Base URL',
          helpText: 'Override the default Base URL for this identity provider.',
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [],
  },
  {
    id: 'facebook',
    name: 'Facebook',
    types: [],
    description: {
      name: 'Facebook',
      id: 'facebook',
      configProperties: [
        {
          name: 'fetchedFields',
          label: "Additional user's profile fields",
          helpText:
            "Provide additional fields which would be fetched using the profile request. This will be appended to the default set of 'id,name,email,first_name,last_name'.",
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'facebook-user-attribute-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'google',
    name: 'Google',
    types: [],
    description: {
      name: 'Google',
      id: 'google',
      configProperties: [
        {
          name: 'prompt',
          label: 'Prompt',
          helpText:
            "Set 'prompt' query parameter when logging in with Google. The allowed values are 'none', 'consent' and 'select_account'. If no value is specified and the user has not previously authorized access, then the user is shown a consent screen.",
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'hostedDomain',
          label: 'Hosted Domain',
          helpText:
            "Set 'hd' query parameter when logging in with Google. Google will list accounts only for this domain. Keycloak validates that the returned identity token has a claim for this domain. When '*' is entered, any hosted account can be used. Comma ',' separated list of domains is supported.",
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'userIp',
          label: 'Use userIp param',
          helpText:
            "Set 'userIp' query parameter when invoking on Google's User Info service.  This will use the user's ip address.  Useful if Google is throttling access to the User Info service.",
          type: 'boolean',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'offlineAccess',
          label: 'Request refresh token',
          helpText:
            "Set 'access_type' query parameter to 'offline' when redirecting to google authorization endpoint, to get a refresh token back. Useful if planning to use Token Exchange to retrieve Google token to access Google APIs when the user is not at the browser.",
          type: 'boolean',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'jwtAuthorizationGrantEnabled',
          label: 'JWT Authorization Grant',
          helpText:
            'Enable the Google identity provider to act as a trust provider to validate authorization grant JWT assertions (Google ID Token) according to RFC 7523, except for the audience claim that must contain the client id of the configured client',
          type: 'boolean',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'jwtAuthorizationGrantMaxAllowedAssertionExpiration',
          label: 'Max allowed assertion expiration',
          helpText:
            'This property is used only for JWT Authorization Grant to set the max accepted duration limit for the assertion. Note that the Google ID Token expires after 1 hour, so this property can be used to limit the time during which the assertion can be used.',
          type: 'Number',
          defaultValue: '3600',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    defaults: { config: { issuer: 'https://accounts.google.com' } },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'google-user-attribute-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'gitlab',
    name: 'GitLab',
    types: [],
    description: { name: 'GitLab', id: 'gitlab', configProperties: [], helpText: '', configMetadata: [] },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'microsoft',
    name: 'Microsoft',
    types: [],
    description: {
      name: 'Microsoft',
      id: 'microsoft',
      configProperties: [
        {
          name: 'prompt',
          label: 'Prompt',
          helpText:
            'Indicates the type of user interaction that is required. The only valid values at this time are login, none, consent, and select_account.',
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
        {
          name: 'tenantId',
          label: 'Tenant ID',
          helpText: "Uses single-tenant auth endpoints when specified, uses 'common' multi-tenant endpoints otherwise.",
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [
      'microsoft-user-attribute-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'bitbucket',
    name: 'BitBucket',
    types: [],
    description: { name: 'BitBucket', id: 'bitbucket', configProperties: [], helpText: '', configMetadata: [] },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'paypal',
    name: 'PayPal',
    types: [],
    description: {
      name: 'PayPal',
      id: 'paypal',
      configProperties: [
        {
          name: 'sandbox',
          label: 'Target Sandbox',
          helpText: "Target PayPal's sandbox environment",
          type: 'boolean',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'paypal-user-attribute-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
  {
    id: 'stackoverflow',
    name: 'StackOverflow',
    types: [],
    description: {
      name: 'StackOverflow',
      id: 'stackoverflow',
      configProperties: [
        {
          name: 'key',
          label: 'Key',
          helpText: 'The Key obtained from Stack Overflow client registration.',
          type: 'String',
          secret: false,
          required: false,
          readOnly: false,
        },
      ],
      helpText: '',
      configMetadata: [],
    },
    mapperTypes: [
      'stackoverflow-user-attribute-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ],
  },
];

/** IdentityProviderMapperTypeRepresentation of every mapper type, by id. */
export const IDENTITY_PROVIDER_MAPPER_TYPES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'hardcoded-user-session-attribute-idp-mapper': {
    id: 'hardcoded-user-session-attribute-idp-mapper',
    name: 'Hardcoded User Session Attribute',
    category: 'Attribute Importer',
    helpText: 'When user is imported from provider, hardcode a value to a specific user session attribute.',
    properties: [
      {
        name: 'attribute',
        label: 'User Session Attribute',
        helpText: 'Name of user session attribute you want to hardcode',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.value',
        label: 'User Session Attribute Value',
        helpText: 'Value you want to hardcode',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-hardcoded-role-idp-mapper': {
    id: 'oidc-hardcoded-role-idp-mapper',
    name: 'Hardcoded Role',
    category: 'Role Importer',
    helpText: 'When user is imported from provider, hardcode a role mapping for it.',
    properties: [
      {
        name: 'role',
        label: 'Role',
        helpText:
          "Role to grant to user.  Click 'Select Role' button to browse roles, or just type it in the textbox.  To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole",
        type: 'Role',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-hardcoded-group-idp-mapper': {
    id: 'oidc-hardcoded-group-idp-mapper',
    name: 'Hardcoded Group',
    category: 'Group Importer',
    helpText: 'Assign the user to the specified group.',
    properties: [
      {
        name: 'group',
        label: 'Group',
        helpText: 'Group to assign the user.',
        type: 'Group',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'hardcoded-attribute-idp-mapper': {
    id: 'hardcoded-attribute-idp-mapper',
    name: 'Hardcoded Attribute',
    category: 'Attribute Importer',
    helpText: 'When user is imported from provider, hardcode a value to a specific user attribute.',
    properties: [
      {
        name: 'attribute',
        label: 'User Attribute',
        helpText: 'Name of user attribute you want to hardcode',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.value',
        label: 'User Attribute Value',
        helpText: 'Value you want to hardcode',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'saml-username-idp-mapper': {
    id: 'saml-username-idp-mapper',
    name: 'Username Template Importer',
    category: 'Preprocessor',
    helpText: 'Format the username to import.',
    properties: [
      {
        name: 'template',
        label: 'Template',
        helpText:
          "Template to use to format the username to import.  Substitutions are enclosed in ${}.  For example: '${ALIAS}.${NAMEID}'.  ALIAS is the provider alias.  NAMEID is that SAML name id assertion.  ATTRIBUTE.<NAME> references a SAML attribute where name is the attribute name or friendly name. \nThe substitution can be converted to upper or lower case by appending |uppercase or |lowercase to the substituted value, e.g. '${NAMEID | lowercase} \nLocal part of email can be extracted by appending |localpart to the substituted value, e.g. ${ATTRIBUTE.email | localpart}. If \"@\" is not part of the string, this conversion leaves the substitution untouched.",
        type: 'String',
        defaultValue: '${ALIAS}.${NAMEID}',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'target',
        label: 'Target',
        helpText:
          'Destination field for the mapper. LOCAL (default) means that the changes are applied to the username stored in local database upon user import. BROKER_ID and BROKER_USERNAME means that the changes are stored into the ID or username used for federation user lookup, respectively.',
        type: 'List',
        defaultValue: 'LOCAL',
        options: ['LOCAL', 'BROKER_ID', 'BROKER_USERNAME'],
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'saml-advanced-role-idp-mapper': {
    id: 'saml-advanced-role-idp-mapper',
    name: 'Advanced Attribute to Role',
    category: 'Role Importer',
    helpText: 'If the set of attributes exists and can be matched, grant the user the specified realm or client role.',
    properties: [
      {
        name: 'attributes',
        label: 'Attributes',
        helpText:
          'Name and (regex) value of the attributes to search for in token.  The configured name of an attribute is searched in SAML attribute name and attribute friendly name fields. Every given attribute description must be met to set the role. If the attribute is an array, then the value must be contained in the array. If an attribute can be found several times, then one match is sufficient.',
        type: 'Map',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'are.attribute.values.regex',
        label: 'Regex Attribute Values',
        helpText: 'If enabled attribute values are interpreted as regular expressions.',
        type: 'boolean',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'role',
        label: 'Role',
        helpText:
          "Role to grant to user if all attributes are present. Click 'Select Role' button to browse roles, or just type it in the textbox. To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole",
        type: 'Role',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'saml-xpath-attribute-idp-mapper': {
    id: 'saml-xpath-attribute-idp-mapper',
    name: 'XPath Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Extract text of a saml attribute via XPath expression and import into the specified user property or attribute.',
    properties: [
      {
        name: 'attribute.xpath',
        label: 'Attribute XPath',
        helpText:
          'XPath expression to search for. All attributes are surrounded with a <root> element. Given prefixes and namespaces are preserved. Example: <root><myPrefix:Person xmlns:myPrefix="http://my.namespace/schema"><myPrefix:FirstName>John</myPrefix:FirstName>...</myPrefix:Person></root> or <root>Some attribute value of anyType</root>',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.name',
        label: 'Attribute Name',
        helpText:
          'Name of attribute to search for in assertion and apply XPath. You can leave this blank to try to apply XPath to all attributes or specify a friendly name instead.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.friendly.name',
        label: 'Friendly Name',
        helpText:
          'Friendly name of attribute to search for in assertion. You can leave this blank to try to apply XPath to all attributes or specify a name instead.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'user.attribute',
        label: 'User Attribute Name',
        helpText:
          'User attribute name to store XPath value. Use email, firstName, and lastName for e-mail, first and last name, respectively.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'saml-user-attribute-idp-mapper': {
    id: 'saml-user-attribute-idp-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText: 'Import declared saml attribute if it exists in assertion into the specified user property or attribute.',
    properties: [
      {
        name: 'attribute.name',
        label: 'Attribute Name',
        helpText:
          'Name of attribute to search for in assertion.  You can leave this blank and specify a friendly name instead.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.friendly.name',
        label: 'Friendly Name',
        helpText:
          'Friendly name of attribute to search for in assertion.  You can leave this blank and specify a name instead.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.name.format',
        label: 'Name Format',
        helpText: 'Name format of attribute to specify in the RequestedAttribute element. Default to basic format.',
        type: 'List',
        defaultValue: 'ATTRIBUTE_FORMAT_BASIC',
        options: ['ATTRIBUTE_FORMAT_BASIC', 'ATTRIBUTE_FORMAT_URI', 'ATTRIBUTE_FORMAT_UNSPECIFIED'],
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'user.attribute',
        label: 'User Attribute Name',
        helpText:
          'User attribute name to store saml attribute.  Use email, lastName, and firstName to map to those predefined user properties.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'allow.nullable.property',
        label: 'Allow Nullable Property',
        helpText: 'If true, the property will be set to null when the claim is empty.',
        type: 'boolean',
        defaultValue: 'false',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'saml-advanced-group-idp-mapper': {
    id: 'saml-advanced-group-idp-mapper',
    name: 'Advanced Attribute to Group',
    category: 'Group Importer',
    helpText: 'If all attributes exists, assign the user to the specified group.',
    properties: [
      {
        name: 'attributes',
        label: 'Attributes',
        helpText:
          "Name and value of the attributes to search for in token. You can reference nested attributes using a '.', i.e. 'address.locality'. To use dot (.) literally, escape it with backslash (\\.)",
        type: 'Map',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'are.attribute.values.regex',
        label: 'Regex Attribute Values',
        helpText: 'If enabled attribute values are interpreted as regular expressions.',
        type: 'boolean',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'group',
        label: 'Group',
        helpText: 'Group to assign the user to if attribute is present.',
        type: 'Group',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'saml-role-idp-mapper': {
    id: 'saml-role-idp-mapper',
    name: 'SAML Attribute to Role',
    category: 'Role Mapper',
    helpText: 'If an attribute exists, grant the user the specified realm or client role.',
    properties: [
      {
        name: 'attribute.name',
        label: 'Attribute Name',
        helpText:
          'Name of attribute to search for in assertion.  You can leave this blank and specify a friendly name instead.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.friendly.name',
        label: 'Friendly Name',
        helpText:
          'Friendly name of attribute to search for in assertion.  You can leave this blank and specify a name instead.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'attribute.value',
        label: 'Attribute Value',
        helpText:
          'Value the attribute must have.  If the attribute is a list, then the value must be contained in the list.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'role',
        label: 'Role',
        helpText:
          "Role to grant to user.  Click 'Select Role' button to browse roles, or just type it in the textbox.  To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole",
        type: 'Role',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-advanced-group-idp-mapper': {
    id: 'oidc-advanced-group-idp-mapper',
    name: 'Advanced Claim to Group',
    category: 'Group Importer',
    helpText: 'If all claims exists, assign the user to the specified group.',
    properties: [
      {
        name: 'claims',
        label: 'Claims',
        helpText:
          "Name and value of the claims to search for in token. You can reference nested claims using a '.', i.e. 'address.locality'. To use dot (.) literally, escape it with backslash (\\.)",
        type: 'Map',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'are.claim.values.regex',
        label: 'Regex Claim Values',
        helpText: 'If enabled claim values are interpreted as regular expressions.',
        type: 'boolean',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'group',
        label: 'Group',
        helpText: 'Group to assign the user to if claim is present.',
        type: 'Group',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-user-attribute-idp-mapper': {
    id: 'oidc-user-attribute-idp-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import declared claim if it exists in ID, access token or the claim set returned by the user profile endpoint into the specified user property or attribute.',
    properties: [
      {
        name: 'claim',
        label: 'Claim',
        helpText:
          "Name of claim to search for in token. You can reference nested claims using a '.', i.e. 'address.locality'. To use dot (.) literally, escape it with backslash (\\.)",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'user.attribute',
        label: 'User Attribute Name',
        helpText:
          'User attribute name to store claim.  Use email, lastName, and firstName to map to those predefined user properties.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'allow.nullable.property',
        label: 'Allow Nullable Property',
        helpText: 'If true, the property will be set to null when the claim is empty.',
        type: 'boolean',
        defaultValue: 'false',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-advanced-role-idp-mapper': {
    id: 'oidc-advanced-role-idp-mapper',
    name: 'Advanced Claim to Role',
    category: 'Role Importer',
    helpText: 'If all claims exists, grant the user the specified realm or client role.',
    properties: [
      {
        name: 'claims',
        label: 'Claims',
        helpText:
          "Name and value of the claims to search for in token. You can reference nested claims using a '.', i.e. 'address.locality'. To use dot (.) literally, escape it with backslash (\\.)",
        type: 'Map',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'are.claim.values.regex',
        label: 'Regex Claim Values',
        helpText: 'If enabled claim values are interpreted as regular expressions.',
        type: 'boolean',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'role',
        label: 'Role',
        helpText:
          "Role to grant to user if claim is present. Click 'Select Role' button to browse roles, or just type it in the textbox. To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole",
        type: 'Role',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-user-session-note-idp-mapper': {
    id: 'oidc-user-session-note-idp-mapper',
    name: 'User Session Note Mapper',
    category: 'User Session',
    helpText:
      "Add every matching claim to the user session note. This can be used together for instance with the 'User Session Note' protocol mapper configured for your client scope or client, so that claims for 3rd party IDPs would be available in the access token sent to your client application.",
    properties: [
      {
        name: 'claims',
        label: 'Claims',
        helpText:
          "Names and values of the claims to search for in the token. You can reference nested claims using a '.', i.e. 'address.locality'. To use dot (.) literally, escape it with backslash (\\.)",
        type: 'Map',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'are.claim.values.regex',
        label: 'Regex Claim Values',
        helpText: 'If enabled, claim values are interpreted as regular expressions.',
        type: 'boolean',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-role-idp-mapper': {
    id: 'oidc-role-idp-mapper',
    name: 'Claim to Role',
    category: 'Role Importer',
    helpText: 'If a claim exists, grant the user the specified realm or client role.',
    properties: [
      {
        name: 'claim',
        label: 'Claim',
        helpText:
          "Name of claim to search for in token. You can reference nested claims using a '.', i.e. 'address.locality'. To use dot (.) literally, escape it with backslash (\\.)",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'claim.value',
        label: 'Claim Value',
        helpText:
          'Value the claim must have.  If the claim is an array, then the value must be contained in the array.',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'role',
        label: 'Role',
        helpText:
          "Role to grant to user if claim is present.  Click 'Select Role' button to browse roles, or just type it in the textbox.  To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole",
        type: 'Role',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'oidc-username-idp-mapper': {
    id: 'oidc-username-idp-mapper',
    name: 'Username Template Importer',
    category: 'Preprocessor',
    helpText: 'Format the username to import.',
    properties: [
      {
        name: 'template',
        label: 'Template',
        helpText:
          "Template to use to format the username to import.  Substitutions are enclosed in ${}.  For example: '${ALIAS}.${CLAIM.sub}'.  ALIAS is the provider alias.  CLAIM.<NAME> references an ID or Access token claim. \nThe substitution can be converted to upper or lower case by appending |uppercase or |lowercase to the substituted value, e.g. '${CLAIM.sub | lowercase}",
        type: 'String',
        defaultValue: '${ALIAS}.${CLAIM.preferred_username}',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'target',
        label: 'Target',
        helpText:
          'Destination field for the mapper. LOCAL (default) means that the changes are applied to the username stored in local database upon user import. BROKER_ID and BROKER_USERNAME means that the changes are stored into the ID or username used for federation user lookup, respectively.',
        type: 'List',
        defaultValue: 'LOCAL',
        options: ['LOCAL', 'BROKER_ID', 'BROKER_USERNAME'],
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'keycloak-oidc-role-to-role-idp-mapper': {
    id: 'keycloak-oidc-role-to-role-idp-mapper',
    name: 'External Role to Role',
    category: 'Role Importer',
    helpText:
      'Looks for an external role in a keycloak access token.  If external role exists, grant the user the specified realm or client role.',
    properties: [
      {
        name: 'external.role',
        label: 'External role',
        helpText:
          'External role to check for.  To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole',
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'role',
        label: 'Role',
        helpText:
          "Role to grant to user if external role is present.  Click 'Select Role' button to browse roles, or just type it in the textbox.  To reference a client role the syntax is clientname.clientrole, i.e. myclient.myrole",
        type: 'Role',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'github-user-attribute-mapper': {
    id: 'github-user-attribute-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import user profile information if it exists in Social provider JSON data into the specified user attribute.',
    properties: [
      {
        name: 'jsonField',
        label: 'Social Profile JSON Field Path',
        helpText:
          "Path of field in Social provider User Profile JSON data to get value from. You can use dot notation for nesting and square brackets for array index. Eg. 'contact.address[0].country'.",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'userAttribute',
        label: 'User Attribute Name',
        helpText: 'User attribute name to store information into.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'facebook-user-attribute-mapper': {
    id: 'facebook-user-attribute-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import user profile information if it exists in Social provider JSON data into the specified user attribute.',
    properties: [
      {
        name: 'jsonField',
        label: 'Social Profile JSON Field Path',
        helpText:
          "Path of field in Social provider User Profile JSON data to get value from. You can use dot notation for nesting and square brackets for array index. Eg. 'contact.address[0].country'.",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'userAttribute',
        label: 'User Attribute Name',
        helpText: 'User attribute name to store information into.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'google-user-attribute-mapper': {
    id: 'google-user-attribute-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import user profile information if it exists in Social provider JSON data into the specified user attribute.',
    properties: [
      {
        name: 'jsonField',
        label: 'Social Profile JSON Field Path',
        helpText:
          "Path of field in Social provider User Profile JSON data to get value from. You can use dot notation for nesting and square brackets for array index. Eg. 'contact.address[0].country'.",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'userAttribute',
        label: 'User Attribute Name',
        helpText: 'User attribute name to store information into.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'microsoft-user-attribute-mapper': {
    id: 'microsoft-user-attribute-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import user profile information if it exists in Social provider JSON data into the specified user attribute.',
    properties: [
      {
        name: 'jsonField',
        label: 'Social Profile JSON Field Path',
        helpText:
          "Path of field in Social provider User Profile JSON data to get value from. You can use dot notation for nesting and square brackets for array index. Eg. 'contact.address[0].country'.",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'userAttribute',
        label: 'User Attribute Name',
        helpText: 'User attribute name to store information into.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'paypal-user-attribute-mapper': {
    id: 'paypal-user-attribute-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import user profile information if it exists in Social provider JSON data into the specified user attribute.',
    properties: [
      {
        name: 'jsonField',
        label: 'Social Profile JSON Field Path',
        helpText:
          "Path of field in Social provider User Profile JSON data to get value from. You can use dot notation for nesting and square brackets for array index. Eg. 'contact.address[0].country'.",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'userAttribute',
        label: 'User Attribute Name',
        helpText: 'User attribute name to store information into.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
  'stackoverflow-user-attribute-mapper': {
    id: 'stackoverflow-user-attribute-mapper',
    name: 'Attribute Importer',
    category: 'Attribute Importer',
    helpText:
      'Import user profile information if it exists in Social provider JSON data into the specified user attribute.',
    properties: [
      {
        name: 'jsonField',
        label: 'Social Profile JSON Field Path',
        helpText:
          "Path of field in Social provider User Profile JSON data to get value from. You can use dot notation for nesting and square brackets for array index. Eg. 'contact.address[0].country'.",
        type: 'String',
        secret: false,
        required: false,
        readOnly: false,
      },
      {
        name: 'userAttribute',
        label: 'User Attribute Name',
        helpText: 'User attribute name to store information into.',
        type: 'UserProfileAttributeList',
        secret: false,
        required: false,
        readOnly: false,
      },
    ],
  },
};
