import './types.js';

export {
  Keycloak,
  type KeycloakExpressOptions,
  type KeycloakExpressOwnOptions,
  type ExpressKeycloakContext,
} from './keycloak.js';
export type { ProtectedHandler, ProtectedRequest } from './protected.js';
export { keycloakErrorHandler } from './error-handler.js';
export { expressRequestSource } from './request-source.js';
export {
  KeycloakGuardError,
  KeycloakNotSupportedError,
  type GuardDeniedEvent,
  type GuardRealmSelection,
  type GuardDenialReason,
  type GuardDecisionStats,
  type GuardRealmStats,
  type KeycloakGuardStats,
  type KeycloakAccessTokenClaims,
  type ProtectSpec,
  type RolesSpec,
  type ScopesSpec,
} from '@keycloak-ts/core';
