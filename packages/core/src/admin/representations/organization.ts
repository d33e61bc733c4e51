/**
 * Organization representations (Keycloak 26's Organizations feature), written from the schemas of Keycloak
 * 26.6's admin OpenAPI document (docs-api/26.6.0/rest-api/openapi.json on keycloak.org). Field names are Keycloak's wire
 * names; every field is optional because Keycloak omits what is unset.
 */
import type { GroupRepresentation } from './group.js';
import type { IdentityProviderRepresentation } from './identity-provider.js';
import type { UserRepresentation } from './user.js';

/** Keycloak's `OrganizationDomainRepresentation`. */
export interface OrganizationDomainRepresentation {
  name?: string;
  verified?: boolean;
}

/** Keycloak's `MembershipType`. */
export type MembershipType = 'UNMANAGED' | 'MANAGED';

/** Keycloak's `MemberRepresentation`: a user as an organization lists it. */
export interface MemberRepresentation extends UserRepresentation {
  membershipType?: MembershipType;
}

/**
 * Keycloak's `OrganizationRepresentation`. Lists answer the brief shape (no `attributes`) unless asked
 * otherwise; `domains` is left out when there are none.
 */
export interface OrganizationRepresentation {
  id?: string;
  name?: string;
  alias?: string;
  enabled?: boolean;
  description?: string;
  redirectUrl?: string;
  attributes?: Record<string, string[]>;
  domains?: OrganizationDomainRepresentation[];
  members?: MemberRepresentation[];
  identityProviders?: IdentityProviderRepresentation[];
  groups?: GroupRepresentation[];
}
