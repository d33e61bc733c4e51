// errors
export * from './errors.js';
// http: the connection all of core's HTTP goes through
export { KeycloakConnection, type RawData, type RawCallOptions } from './http/connection.js';
export type { KeycloakConnectionOptions, RetryInfo } from './http/options.js';
export type {
  CallOptions,
  FormFields,
  HttpMethod,
  KeycloakResponse,
  MultipartFields,
  MultipartFile,
  QueryParams,
  QueryValue,
  RequestBody,
  RequestOptions,
  ResponseExpectation,
} from './http/types.js';
export { buildPath, encodeQuery, type PathParams } from './http/url.js';
export {
  raiseErrorFromResponse,
  errorMessageFromBody,
  type KeycloakErrorClass,
  type RaiseErrorOptions,
} from './http/raise-error.js';
export { toKeycloakError, type FailureContext } from './http/to-keycloak-error.js';
// jwks + token: local verification of Keycloak access and ID tokens, and introspection
export { RemoteKeySet, type RemoteKeySetOptions, type KeySelector } from './jwks/remote-key-set.js';
export type {
  KeycloakAccessTokenClaims,
  KeycloakIdTokenClaims,
  KeycloakPermission,
  KeycloakRoles,
  TokenType,
  VerifiedTokenHeader,
} from './token/claims.js';
export { VerifiedToken, hasRealmRole, hasClientRole, scopes } from './token/verified-token.js';
export { TokenVerifier, type VerifyOptions, type TokenVerifierStats } from './token/verifier.js';
export type { IdTokenChecks } from './token/id-token-checks.js';
export type { TokenVerifierOptions } from './token/verifier-options.js';
export type { TokenCacheOptions } from './token/token-cache.js';
export {
  TokenIntrospector,
  type TokenIntrospectorOptions,
  type TokenIntrospectorStats,
} from './token/introspection.js';
// authz: authorization-config model, local policy evaluation, policy-enforcer config
export { parsePermissionString, formatPermissionString, type PermissionRequest } from './authz/permission-string.js';
export { Authorization } from './authz/model/authorization.js';
export { Policy } from './authz/model/policy.js';
export { Permission } from './authz/model/permission.js';
export { Role } from './authz/model/role.js';
export { loadAuthorizationConfig } from './authz/model/load-config.js';
export { getPolicies, getPermissions } from './authz/model/token-policies.js';
export type {
  DecisionStrategy,
  Logic,
  PolicyEnforcementMode,
  PolicyRepresentation,
  ResourceRepresentation,
  ResourceServerRepresentation,
  ScopeRepresentation,
} from './authz/settings/types.js';
export type { AuthorizationSettings, AuthzPolicy, AuthzResource, PolicyCondition } from './authz/settings/model.js';
export { compileAuthorizationSettings, isCompiledSettings } from './authz/settings/compile.js';
export { createAuthzIdentity, type AuthzClaims, type AuthzIdentity } from './authz/evaluation/identity.js';
export { isGranted, type Effect, type PolicyTrace } from './authz/evaluation/policy-evaluator.js';
export type { PermissionTrace } from './authz/evaluation/collector.js';
export {
  evaluatePermissions,
  type EvaluationRequest,
  type EvaluationResult,
  type GrantedPermission,
  type ResourceDecisionTrace,
} from './authz/evaluation/evaluate.js';
export {
  parsePolicyEnforcerConfig,
  type ClaimInformationPointConfig,
  type EnforcementMode,
  type MethodConfig,
  type PathConfig,
  type PolicyEnforcerConfig,
  type ScopesEnforcementMode,
} from './authz/enforcer/config.js';
export { normalizePath, matchPath, type PathMatch } from './authz/enforcer/path-matcher.js';
export {
  resolveClaims,
  resolvePlaceholders,
  type ClaimSources,
  type EnforcerRequest,
} from './authz/enforcer/claims.js';
export {
  httpClaimProvider,
  type HttpClaimProvider,
  type HttpClaimProviderOptions,
} from './authz/enforcer/http-claims.js';
export {
  createPolicyEnforcer,
  scopesSatisfied,
  type ClaimProvider,
  type EnforcerResolution,
  type EnforcerResolutionWithClaims,
  type PolicyEnforcer,
  type PolicyEnforcerOptions,
  type RequiredPermission,
} from './authz/enforcer/policy-enforcer.js';
// oidc: python-keycloak's KeycloakOpenID
export { KeycloakOpenID } from './oidc/keycloak-openid.js';
export type { KeycloakOpenIDOptions, ClientAuthMethod } from './oidc/options.js';
export type { AuthUrlOptions } from './oidc/auth-url.js';
export type { DecodeTokenOptions } from './oidc/decode-token.js';
export type {
  TokenOptions,
  ExchangeTokenOptions,
  IntrospectOptions,
  TokenInfoOptions,
  UMAPermissionsOptions,
} from './oidc/method-options.js';
export { buildPermissionParam } from './oidc/uma.js';
export type {
  AuthStatus,
  ClientRegistrationRepresentation,
  DeviceAuthorizationResponse,
  IntrospectionResponse,
  JsonWebKey,
  JsonWebKeySet,
  OIDCCallOptions,
  OpenIDConfiguration,
  TokenResponse,
  UMAPermissionGrant,
  UMAPermissionInput,
  UserInfo,
} from './oidc/types.js';
// guard: the framework-free bearer guard the Express and Fastify adapters share
export { KeycloakGuard, type GuardCheck, type InlineGuardCheck, type OptionalGuardCheck } from './guard/guard.js';
export { runInlineCheck } from './guard/run-inline.js';
export type { KeycloakGuardOptions, GuardLogger, GuardDeniedEvent } from './guard/options.js';
export type { GuardRealmSelection } from './guard/realm-selection.js';
export type { KeycloakGuardStats, GuardRealmStats, GuardDecisionStats } from './guard/stats.js';
export type { GuardReadyOptions, GuardReadiness } from './guard/readiness.js';
export type { ProtectSpec, RolesSpec, ScopesSpec, PolicyEnforcerSpec, GuardPredicate } from './guard/spec.js';
export type { RequestSource } from './guard/credentials.js';
export { KeycloakRequestContext, type AdminProvider } from './guard/context.js';
export type { GuardAdmin, GuardAdminOptions } from './guard/admin.js';
export {
  readKeycloakJson,
  interpolateEnv,
  type KeycloakJson,
  type KeycloakJsonSettings,
} from './guard/keycloak-json.js';
// admin: KeycloakAdmin, its token-holding connection, the request helper types and the API areas' types
export { KeycloakAdmin, type KeycloakAdminOptions, type KeycloakAdminMethods } from './admin/keycloak-admin.js';
export { KeycloakOpenIDConnection } from './admin/auth/openid-connection.js';
export type { KeycloakOpenIDConnectionOptions, AdminGrantType } from './admin/auth/options.js';
export type { AdminToken } from './admin/auth/token-set.js';
export type { AdminCall, AdminCallOptions, AdminEndpoint, AdminMethod } from './admin/request.js';
export type { PageIterationOptions } from './admin/pagination.js';
export type { RealmsApi, CreateRealmOptions } from './admin/realms.js';
export type {
  UsersApi,
  UserQuery,
  UserCountQuery,
  GetUserOptions,
  CreateUserOptions,
  SetUserPasswordOptions,
} from './admin/users.js';
export type { OpaqueRepresentation } from './admin/representations/opaque.js';
export type { BruteForceStrategy, RealmRepresentation } from './admin/representations/realm.js';
export type * from './admin/representations/user.js';
export type {
  GroupsApi,
  GroupQuery,
  GroupChildrenQuery,
  GroupMembersQuery,
  GroupCountQuery,
  GroupHierarchyOptions,
  CreateGroupOptions,
} from './admin/groups.js';
export type {
  UserExtrasApi,
  UserGroupsQuery,
  GetUserGroupsOptions,
  SendUpdateAccountOptions,
  SendVerifyEmailOptions,
  UserConsent,
} from './admin/user-extras.js';
export type {
  RealmRolesApi,
  GetRealmRolesOptions,
  RolePageQuery,
  BriefOptions,
  CreateRoleOptions,
  RoleCompositesQuery,
} from './admin/roles.js';
export type { ClientRolesApi, RoleHoldersQuery } from './admin/client-roles.js';
export type { RoleMappingsApi } from './admin/role-mappings.js';
export type { ScopeMappingsApi } from './admin/scope-mappings.js';
export type * from './admin/representations/role.js';
export type * from './admin/representations/group.js';
export type { ClientsApi, ClientQuery, ClientSessionQuery } from './admin/clients.js';
export type {
  ClientCertificatesApi,
  KeyStoreConfig,
  KeystoreDownloadOptions,
  KeystoreFormat,
  UploadCertificateOptions,
} from './admin/client-certificates.js';
export type { ClientScopesApi } from './admin/client-scopes.js';
export type { SkipExistsOptions } from './admin/create-options.js';
export type * from './admin/representations/client.js';
export type * from './admin/representations/client-scope.js';
export type { AuthzApi, AuthzResourceQuery, AuthzScopeQuery } from './admin/authz.js';
export type { AuthzPoliciesApi, AuthzPolicyQuery } from './admin/authz-policies.js';
export type {
  AbstractPolicyRepresentation,
  AggregatePolicyRepresentation,
  ClientPolicyRepresentation,
  ClientScopeDefinition,
  ClientScopePolicyRepresentation,
  GroupDefinition,
  GroupPolicyRepresentation,
  JSPolicyRepresentation,
  PolicyBriefRepresentation,
  RegexPolicyRepresentation,
  ResourceOwnerRepresentation,
  ResourcePermissionRepresentation,
  RoleDefinition,
  RolePolicyRepresentation,
  ScopePermissionRepresentation,
  TimePolicyRepresentation,
  UserPolicyRepresentation,
} from './admin/representations/authz.js';
export type { IdentityProvidersApi, IdentityProviderQuery } from './admin/identity-providers.js';
export type * from './admin/representations/identity-provider.js';
export type {
  OrganizationsApi,
  OrganizationQuery,
  OrganizationMemberQuery,
  UserOrganizationsOptions,
} from './admin/organizations.js';
export type * from './admin/representations/organization.js';
export type { AuthenticationApi, NewExecutionPayload, NewSubflowPayload } from './admin/authentication.js';
export type { RequiredActionsApi } from './admin/required-actions.js';
export type { ComponentsApi, ComponentQuery, SyncAction } from './admin/components.js';
export type { EventsApi, EventQuery, AdminEventQuery } from './admin/events.js';
export type {
  RealmMaintenanceApi,
  PartialImportRepresentation,
  PartialImportResult,
} from './admin/realm-maintenance.js';
export type * from './admin/representations/authentication.js';
export type * from './admin/representations/component.js';
export type * from './admin/representations/event.js';
export type * from './admin/representations/user-profile.js';
// uma: python-keycloak's KeycloakUMA, its permission values, and the guards' permission checker
export { KeycloakUMA, type KeycloakUMAOptions } from './uma/keycloak-uma.js';
export { UMAPermission, Resource, Scope, type UMAPermissionInit } from './permissions/uma-permission.js';
export type {
  PermissionTicketQuery,
  PermissionTicketRepresentation,
  PermissionTicketRequest,
  PermissionTicketResponse,
  ResourceSetQuery,
  UmaCallOptions,
  UmaConfiguration,
  PushedClaims,
  UmaPolicyQuery,
  UmaPolicyRepresentation,
  UmaResourceRepresentation,
  UmaScopeRepresentation,
} from './uma/types.js';
export {
  PermissionSet,
  type PermissionMatch,
  type PermissionRequirement,
  type PermissionSpec,
  type RequirementScopesMode,
} from './permissions/permission-set.js';
export {
  PermissionChecker,
  type CheckOptions,
  type DecisionSource,
  type PermissionCheckerStats,
  type PermissionDecision,
} from './uma/permission-checker.js';
export type { PermissionCheckerOptions } from './uma/checker-options.js';
export type { SharedStore } from './store/shared-store.js';
// dpop: RFC 9449 proofs, verified by the guard and signed by KeycloakOpenID
export { DpopSigner, type DpopKeyPair } from './dpop/sign.js';
export { KEYCLOAK_DPOP_ALGORITHMS, type GuardDpopOptions } from './dpop/options.js';
export { MemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { TieredStore, type TieredStoreOptions, type StoreLogger } from './store/tiered-store.js';
export type { GuardRevocationOptions } from './revocation/options.js';
export type { StoreDownPolicy } from './store/store-option.js';
export type {
  RevocationAnswer,
  RevocationEndpoint,
  RevocationRequest,
} from './revocation/receiver.js';
export { BACKCHANNEL_LOGOUT_EVENT } from './revocation/logout-token.js';

// diagnostics: what the library publishes on node:diagnostics_channel (see OBSERVABILITY.md)
export {
  GUARD_DECISION_CHANNEL,
  HTTP_REQUEST_CHANNEL,
  CACHE_CHANNEL,
  type GuardDecisionMessage,
  type GuardSpecKind,
  type KeycloakHttpRequestMessage,
  type KeycloakEndpointKind,
  type KeycloakCacheMessage,
  type KeycloakCacheName,
} from './shared/diagnostics.js';
