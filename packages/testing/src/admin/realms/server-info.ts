import { availableParallelism } from 'node:os';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { DEFAULT_CLIENT_SCOPES } from '../../model/default-scopes.js';
import { authenticateAdmin } from '../auth.js';
import { providersOf } from '../authentication/authenticator-catalog.js';

// The identity provider factories of Keycloak 26.7.3, as its server info lists them (social ones also apart).
const IDENTITY_PROVIDERS = [
  { groupName: 'User-defined', name: 'Kubernetes', id: 'kubernetes' },
  { groupName: 'User-defined', name: 'JWT Authorization Grant', id: 'jwt-authorization-grant' },
  { groupName: 'User-defined', name: 'SAML v2.0', id: 'saml' },
  { groupName: 'User-defined', name: 'OAuth v2', id: 'oauth2' },
  { groupName: 'User-defined', name: 'OpenID Connect v1.0', id: 'oidc' },
  { groupName: 'User-defined', name: 'Keycloak OpenID Connect', id: 'keycloak-oidc' },
  { groupName: 'Social', name: 'LinkedIn', id: 'linkedin-openid-connect' },
  { groupName: 'Social', name: 'Twitter', id: 'twitter' },
  { groupName: 'Social', name: 'GitHub', id: 'github' },
  { groupName: 'Social', name: 'Openshift v4', id: 'openshift-v4' },
  { groupName: 'Social', name: 'Facebook', id: 'facebook' },
  { groupName: 'Social', name: 'Google', id: 'google' },
  { groupName: 'Social', name: 'GitLab', id: 'gitlab' },
  { groupName: 'Social', name: 'Microsoft', id: 'microsoft' },
  { groupName: 'Social', name: 'BitBucket', id: 'bitbucket' },
  { groupName: 'Social', name: 'PayPal', id: 'paypal' },
  { groupName: 'Social', name: 'StackOverflow', id: 'stackoverflow' },
];

// What this server signs and verifies with (node:crypto), in server info's cryptoInfo shape.
const CRYPTO_INFO = {
  cryptoProvider: 'node:crypto',
  supportedKeystoreTypes: ['PKCS12'],
  clientSignatureSymmetricAlgorithms: ['HS256', 'HS384', 'HS512'],
  clientSignatureAsymmetricAlgorithms: [
    'ES256',
    'ES384',
    'ES512',
    'EdDSA',
    'PS256',
    'PS384',
    'PS512',
    'RS256',
    'RS384',
    'RS512',
  ],
};

// OAuth2 scope parameter types (DynamicClientScope), as server info lists them.
const PARAMETERIZED_SCOPE_TYPES = [
  { name: 'boolean', repeatable: false },
  { name: 'string', repeatable: true },
  { name: 'custom', repeatable: true },
  { name: 'integer', repeatable: true },
  { name: 'delegation', repeatable: false },
  { name: 'username', repeatable: true },
];

/**
 * GET /admin/serverinfo (ServerInfoAdminResource) in a small Keycloak 26 shape: system and memory info of this
 * process, the profile, themes, a few SPIs, and the mapper types and built-in mappers derived from the data the
 * server already holds (default client scopes, authenticator catalogue).
 */

const VERSION = '26.5.5';

const MAPPER_TYPES: readonly [string, string, string, string][] = [
  [
    'openid-connect',
    'oidc-usermodel-attribute-mapper',
    'User Attribute',
    'Map a custom user attribute to a token claim.',
  ],
  [
    'openid-connect',
    'oidc-usermodel-property-mapper',
    'User Property',
    'Map a built in user property (email, firstName, lastName) to a token claim.',
  ],
  ['openid-connect', 'oidc-usermodel-realm-role-mapper', 'User Realm Role', 'Map a user realm role to a token claim.'],
  [
    'openid-connect',
    'oidc-usermodel-client-role-mapper',
    'User Client Role',
    'Map a user client role to a token claim.',
  ],
  ['openid-connect', 'oidc-hardcoded-claim-mapper', 'Hardcoded claim', 'Hardcode a claim into the token.'],
  ['openid-connect', 'oidc-audience-mapper', 'Audience', 'Add specified audience to the audience (aud) field of token'],
  ['openid-connect', 'oidc-group-membership-mapper', 'Group Membership', 'Map user group membership'],
  [
    'openid-connect',
    'oidc-full-name-mapper',
    "User's full name",
    "Maps the user's first and last name to the OpenID Connect 'name' claim.",
  ],
  ['openid-connect', 'oidc-sub-mapper', 'Subject (sub)', "Adds the 'sub' claim to the token."],
  ['saml', 'saml-role-list-mapper', 'Role list', 'Role names are stored in an attribute value.'],
];

function memoryInfo(): Record<string, unknown> {
  const { heapTotal, heapUsed } = process.memoryUsage();
  const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
  const free = heapTotal - heapUsed;
  return {
    total: heapTotal,
    totalFormated: mb(heapTotal),
    used: heapUsed,
    usedFormated: mb(heapUsed),
    free,
    freeFormated: mb(free),
    freePercentage: Math.round((free / heapTotal) * 100),
  };
}

function builtinMappers(): Record<string, object[]> {
  const out: Record<string, object[]> = {};
  for (const scope of DEFAULT_CLIENT_SCOPES) {
    for (const mapper of scope.protocolMappers ?? []) {
      const { id: _id, ...rest } = mapper;
      (out[mapper.protocol ?? scope.protocol ?? 'openid-connect'] ??= []).push(rest);
    }
  }
  return out;
}

async function serverInfo(ctx: RequestContext): Promise<Reply> {
  await authenticateAdmin(ctx);
  const uptimeMillis = Math.round(process.uptime() * 1000);
  const protocolMapperTypes: Record<string, object[]> = {};
  MAPPER_TYPES.forEach(([protocol, id, name, helpText], priority) => {
    (protocolMapperTypes[protocol] ??= []).push({
      id,
      name,
      category: 'Token mapper',
      helpText,
      priority,
      properties: [],
    });
  });
  const ids = (list: { id: string }[]): Record<string, object> =>
    Object.fromEntries(list.map((p) => [p.id, { order: 0 }]));
  return {
    status: 200,
    body: {
      systemInfo: {
        version: VERSION,
        serverTime: new Date(ctx.kernel.clock.now()).toString(),
        uptime: `${Math.floor(uptimeMillis / 1000)} seconds`,
        uptimeMillis,
        javaVersion: process.versions.node,
        javaVendor: 'Node.js',
        javaVm: 'V8',
        javaVmVersion: process.versions.v8,
        javaRuntime: 'Node.js',
        javaHome: process.execPath,
        osName: process.platform,
        osArchitecture: process.arch,
        osVersion: '',
        fileEncoding: 'UTF-8',
        userName: '',
        userDir: process.cwd(),
        userTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        userLocale: 'en_US',
      },
      cpuInfo: { processorCount: availableParallelism() },
      memoryInfo: memoryInfo(),
      profileInfo: { name: 'community', disabledFeatures: [], previewFeatures: [], experimentalFeatures: [] },
      features: [],
      cryptoInfo: CRYPTO_INFO,
      themes: Object.fromEntries(
        ['login', 'account', 'admin', 'email', 'welcome', 'common'].map((type) => [
          type,
          [{ name: 'keycloak', locales: ['en'] }],
        ]),
      ),
      socialProviders: IDENTITY_PROVIDERS.filter((p) => p.groupName === 'Social'),
      identityProviders: IDENTITY_PROVIDERS,
      providers: {
        authenticator: { internal: true, providers: ids(providersOf('authenticator')) },
        'client-authenticator': { internal: true, providers: ids(providersOf('client')) },
        'form-action': { internal: true, providers: ids(providersOf('form-action')) },
        keys: {
          internal: true,
          providers: ids(
            [
              'rsa-generated',
              'rsa',
              'rsa-enc-generated',
              'ecdsa-generated',
              'eddsa-generated',
              'hmac-generated',
              'aes-generated',
            ].map((id) => ({ id })),
          ),
        },
      },
      protocolMapperTypes,
      builtinProtocolMappers: builtinMappers(),
      clientInstallations: {},
      componentTypes: {},
      passwordPolicies: [],
      enums: { operationType: ['CREATE', 'UPDATE', 'DELETE', 'ACTION'] },
      parameterizedScopeTypes: PARAMETERIZED_SCOPE_TYPES,
    },
  };
}

/** The server-wide info endpoint. */
export const serverInfoRoutes: Route[] = [
  { method: 'GET', path: '/admin/serverinfo', endpoint: 'admin', handler: serverInfo },
];
