import './types.js';

export {
  keycloakPlugin,
  type KeycloakPluginOptions,
  type KeycloakPluginOwnOptions,
  type FastifyKeycloak,
  type FastifyKeycloakContext,
} from './plugin.js';
export type { FastifyProtectedHandler, FastifyProtectedRequest } from './protected.js';
export { fastifyRequestSource } from './request-source.js';
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
