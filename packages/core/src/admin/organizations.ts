/**
 * The organizations API area (Keycloak 26's Organizations feature; python-keycloak's `*organization*`
 * methods): endpoints declared over the one request helper, and the area class KeycloakAdmin extends.
 * Keycloak answers every call with 404 "Organizations not enabled for this realm." until the realm's
 * `organizationsEnabled` is set. Members are users, addressed by the user's id.
 */
import { KeycloakOperationError } from '../errors.js';
import { type AdminArea, REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type { IdentityProviderRepresentation } from './representations/identity-provider.js';
import type {
  MemberRepresentation,
  MembershipType,
  OrganizationRepresentation,
} from './representations/organization.js';
import type { AdminCall, AdminCallOptions, AdminEndpoint } from './request.js';

const ORGS = 'admin/realms/{realm}/organizations';
const ORG = `${ORGS}/{organizationId}`;

const LIST: AdminEndpoint = { method: 'GET', path: ORGS };
const CREATE: AdminEndpoint = { method: 'POST', path: ORGS, expectedStatus: [201] };
const ONE: AdminEndpoint = { method: 'GET', path: ORG };
const UPDATE: AdminEndpoint = { method: 'PUT', path: ORG, expectedStatus: [204] };
const DELETE: AdminEndpoint = { method: 'DELETE', path: ORG, expectedStatus: [204] };
const IDPS: AdminEndpoint = { method: 'GET', path: `${ORG}/identity-providers` };
const ADD_IDP: AdminEndpoint = { method: 'POST', path: `${ORG}/identity-providers`, expectedStatus: [204] };
const REMOVE_IDP: AdminEndpoint = {
  method: 'DELETE',
  path: `${ORG}/identity-providers/{alias}`,
  expectedStatus: [204],
};
const USER_ORGS: AdminEndpoint = { method: 'GET', path: `${ORGS}/members/{userId}/organizations` };
const MEMBERS: AdminEndpoint = { method: 'GET', path: `${ORG}/members` };
const MEMBERS_COUNT: AdminEndpoint = { method: 'GET', path: `${ORG}/members/count`, expectedStatus: [200] };
const ADD_MEMBER: AdminEndpoint = { method: 'POST', path: `${ORG}/members`, expectedStatus: [201] };
const REMOVE_MEMBER: AdminEndpoint = { method: 'DELETE', path: `${ORG}/members/{userId}`, expectedStatus: [204] };

/** Query of `GET .../organizations` (Keycloak 26's parameters). */
export interface OrganizationQuery {
  /** A case-insensitive part of the name or of a domain (with `exact`, the whole name or domain). */
  search?: string;
  exact?: boolean;
  /** Attribute filters, `key1:value1 key2:value2`; when set, `search` is ignored. */
  q?: string;
  /** Default `true` on Keycloak's side: `false` adds `attributes`. */
  briefRepresentation?: boolean;
  first?: number;
  /** Keycloak answers 10 organizations when `max` is unset. */
  max?: number;
}

/** Query of `GET .../organizations/{id}/members`. */
export interface OrganizationMemberQuery {
  /** A case-insensitive part of the username, e-mail, first or last name (`*` a wildcard). */
  search?: string;
  exact?: boolean;
  membershipType?: MembershipType;
  first?: number;
  /** Keycloak answers 10 members when `max` is unset. */
  max?: number;
}

/** Options of {@link KeycloakAdmin.getUserOrganizations}. */
export interface UserOrganizationsOptions extends AdminCallOptions {
  /** `false` adds each organization's `attributes`. Default `true` on Keycloak's side. */
  briefRepresentation?: boolean;
}

async function created(admin: AdminArea, endpoint: AdminEndpoint, call: AdminCall): Promise<string> {
  const id = await admin[REQUESTER].create(endpoint, call);
  if (id === undefined)
    throw new KeycloakOperationError('Keycloak answered a creation without a Location', {
      code: 'ERR_INVALID_RESPONSE',
    });
  return id;
}

/** The organization methods of KeycloakAdmin. */
export function OrganizationsArea<B extends AreaBase>(Base: B) {
  abstract class OrganizationsArea extends Base {
    /**
     * python-keycloak's `get_organizations`: with `first` or `max` one request, otherwise every page
     * (python-keycloak's paging rule; `iterateOrganizations` fetches pages on demand).
     * @throws KeycloakGetError 404 when the realm's organizations are not enabled.
     */
    async getOrganizations(
      query: OrganizationQuery = {},
      options: AdminCallOptions = {},
    ): Promise<OrganizationRepresentation[]> {
      return fetchAll<OrganizationRepresentation>(this[REQUESTER], LIST, { ...options, query: { ...query } });
    }

    /** Every organization matching `query`, a page at a time as the loop asks. */
    async *iterateOrganizations(
      query: Omit<OrganizationQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<OrganizationRepresentation, void, undefined> {
      yield* iteratePages<OrganizationRepresentation>(this[REQUESTER], LIST, { query: { ...query } }, options);
    }

    /**
     * python-keycloak's `get_organization`, in the full shape (with `attributes`).
     * @throws KeycloakGetError 404 "Organization not found." for an unknown id.
     */
    async getOrganization(organizationId: string, options: AdminCallOptions = {}): Promise<OrganizationRepresentation> {
      return this[REQUESTER].call<OrganizationRepresentation>(ONE, { ...options, params: { organizationId } });
    }

    /**
     * python-keycloak's `create_organization`: resolves to the new organization's id (from `Location`).
     * The alias defaults to the name and may not contain spaces or reserved characters.
     * @throws KeycloakPostError 409 for a taken name or alias, 400 for a missing name, a taken domain or a bad alias.
     */
    async createOrganization(payload: OrganizationRepresentation, options: AdminCallOptions = {}): Promise<string> {
      return created(this, CREATE, { ...options, body: payload });
    }

    /**
     * python-keycloak's `update_organization`: replaces the organization (fields left out are cleared, but
     * `attributes` left out are kept).
     * @throws KeycloakPutError 400 "Cannot change the alias" (a missing alias means the name), 409 for a taken name.
     */
    async updateOrganization(
      organizationId: string,
      payload: OrganizationRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE, { ...options, params: { organizationId }, body: payload });
    }

    /** python-keycloak's `delete_organization`: its memberships end and its identity providers return to the realm. */
    async deleteOrganization(organizationId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE, { ...options, params: { organizationId } });
    }

    /** python-keycloak's `get_organization_idps`: the providers linked to the organization, secrets masked. */
    async getOrganizationIdps(
      organizationId: string,
      options: AdminCallOptions = {},
    ): Promise<IdentityProviderRepresentation[]> {
      return this[REQUESTER].call<IdentityProviderRepresentation[]>(IDPS, { ...options, params: { organizationId } });
    }

    /**
     * python-keycloak's `organization_idp_add`: links an existing provider (by alias or internal id).
     * @throws KeycloakPostError 400 for an unknown provider or one of another organization, 409 when already linked.
     */
    async organizationIdpAdd(organizationId: string, idpAlias: string, options: AdminCallOptions = {}): Promise<void> {
      // Keycloak reads the body as the bare alias and drops one quote at each end, so a JSON string is accepted.
      await this[REQUESTER].call(ADD_IDP, { ...options, params: { organizationId }, body: idpAlias });
    }

    /** python-keycloak's `organization_idp_remove`: unlinks the provider, which stays a realm provider. */
    async organizationIdpRemove(
      organizationId: string,
      idpAlias: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_IDP, { ...options, params: { organizationId, alias: idpAlias } });
    }

    /**
     * python-keycloak's `get_user_organizations`: the organizations `userId` is a member of.
     * @throws KeycloakGetError 404 for an unknown user.
     */
    async getUserOrganizations(
      userId: string,
      options: UserOrganizationsOptions = {},
    ): Promise<OrganizationRepresentation[]> {
      const { briefRepresentation, ...call } = options;
      return this[REQUESTER].call<OrganizationRepresentation[]>(USER_ORGS, {
        ...call,
        params: { userId },
        query: { briefRepresentation },
      });
    }

    /** python-keycloak's `get_organization_members`, with python-keycloak's paging rule (see `getOrganizations`). */
    async getOrganizationMembers(
      organizationId: string,
      query: OrganizationMemberQuery = {},
      options: AdminCallOptions = {},
    ): Promise<MemberRepresentation[]> {
      return fetchAll<MemberRepresentation>(this[REQUESTER], MEMBERS, {
        ...options,
        params: { organizationId },
        query: { ...query },
      });
    }

    /** Every member matching `query`, a page at a time as the loop asks. */
    async *iterateOrganizationMembers(
      organizationId: string,
      query: Omit<OrganizationMemberQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<MemberRepresentation, void, undefined> {
      yield* iteratePages<MemberRepresentation>(
        this[REQUESTER],
        MEMBERS,
        { params: { organizationId }, query: { ...query } },
        options,
      );
    }

    /** python-keycloak's `get_organization_members_count` (Keycloak counts every member; it takes no filter). */
    async getOrganizationMembersCount(organizationId: string, options: AdminCallOptions = {}): Promise<number> {
      const count = await this[REQUESTER].call<unknown>(MEMBERS_COUNT, { ...options, params: { organizationId } });
      if (typeof count !== 'number')
        throw new KeycloakOperationError('The members count is not a number', { code: 'ERR_INVALID_RESPONSE' });
      return count;
    }

    /**
     * python-keycloak's `organization_user_add` (user first, as there): resolves to the member's id from
     * `Location` (the user's id), where python-keycloak returns the empty body.
     * @throws KeycloakPostError 404 for an unknown user, 409 when the user is a member already.
     */
    async organizationUserAdd(userId: string, organizationId: string, options: AdminCallOptions = {}): Promise<string> {
      return created(this, ADD_MEMBER, { ...options, params: { organizationId }, body: userId });
    }

    /**
     * python-keycloak's `organization_user_remove` (user first, as there).
     * @throws KeycloakDeleteError 404 when the user is not a member.
     */
    async organizationUserRemove(
      userId: string,
      organizationId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_MEMBER, { ...options, params: { organizationId, userId } });
    }
  }
  return OrganizationsArea;
}

/** The organization methods KeycloakAdmin has. */
export type OrganizationsApi = AreaMethods<typeof OrganizationsArea>;
