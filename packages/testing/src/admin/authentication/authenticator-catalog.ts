import type { Requirement } from '../../model/authentication-types.js';
import { AUTHENTICATOR_PROVIDERS } from './authenticator-providers.js';

/**
 * The authenticator providers this server knows (data in authenticator-providers.ts). The server never runs them:
 * it only lets the admin API build flows of them and refuse unknown ids as Keycloak does.
 */

/**
 * Which SPI a provider belongs to: flows of `client-flow` take client authenticators, `form-flow` form actions;
 * `form` providers (FormAuthenticatorFactory) drive a form sub-flow and are never executions of their own.
 */
export type AuthenticatorKind = 'authenticator' | 'client' | 'form-action' | 'form';

/** A config property (ConfigPropertyRepresentation), as Keycloak writes it. */
export interface ConfigProperty {
  name: string;
  label: string;
  helpText?: string;
  type: string;
  defaultValue?: unknown;
  options?: string[];
  secret: boolean;
  required: boolean;
  readOnly: boolean;
}

/** One provider factory. */
export interface AuthenticatorProvider {
  id: string;
  kind: AuthenticatorKind;
  displayName: string;
  description: string;
  /** Client authenticators say whether they use the client secret (ClientAuthenticatorFactory.supportsSecret). */
  supportsSecret?: boolean;
  requirementChoices: readonly Requirement[];
  /** Whether an execution of it takes an authenticator config (AuthenticatorFactory.isConfigurable). */
  configurable: boolean;
  /** Config properties (`config-description`); every factory but a form's has a list, maybe empty. */
  properties?: readonly ConfigProperty[];
}

const PROVIDERS = AUTHENTICATOR_PROVIDERS;

const BY_ID = new Map(PROVIDERS.map((p) => [p.id, p]));

/** The provider with this id, any kind. */
export function authenticatorProvider(id: string | undefined): AuthenticatorProvider | undefined {
  return id === undefined ? undefined : BY_ID.get(id);
}

/** The providers of one kind (authenticator-providers, client-authenticator-providers, form-action-providers, form-providers). */
export function providersOf(kind: AuthenticatorKind): AuthenticatorProvider[] {
  return PROVIDERS.filter((p) => p.kind === kind);
}

/** The provider kind a flow of this type accepts (AuthenticationManagementResource.getProviderFactory). */
export function kindForFlowType(flowProviderId: string): AuthenticatorKind {
  return flowProviderId === 'client-flow' ? 'client' : flowProviderId === 'form-flow' ? 'form-action' : 'authenticator';
}
