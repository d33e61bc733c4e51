/**
 * The client authorization API area, second half: python-keycloak's `*_client_authz_*` methods on policies
 * and permissions (generic, role, client, resource and scope types, and a policy's sub-resources).
 * Same conventions as authz.ts: lists in one answer with `iterate<Things>` twins, creates resolve to
 * Keycloak's echo of the new policy.
 *
 * Keycloak answers a permission update with 201 and no body (PolicyResourceService.update), which
 * python-keycloak expects; the update methods resolve to nothing.
 */
import { ALL, createOrExisting } from './authz.js';
import type { SkipExistsOptions } from './create-options.js';
import { type AdminArea, REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { iteratePages, type PageIterationOptions } from './pagination.js';
import type {
  ClientPolicyRepresentation,
  PolicyBriefRepresentation,
  PolicyRepresentation,
  ResourcePermissionRepresentation,
  ResourceRepresentation,
  RolePolicyRepresentation,
  ScopePermissionRepresentation,
  ScopeRepresentation,
} from './representations/authz.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const RS = 'admin/realms/{realm}/clients/{id}/authz/resource-server';

const POLICIES: AdminEndpoint = { method: 'GET', path: `${RS}/policy` };
const CREATE_POLICY: AdminEndpoint = { method: 'POST', path: `${RS}/policy`, expectedStatus: [201] };
const POLICY_SEARCH: AdminEndpoint = { method: 'GET', path: `${RS}/policy/search` };
const TYPED_POLICY: AdminEndpoint = { method: 'GET', path: `${RS}/policy/{type}/{policyId}` };
const POLICY: AdminEndpoint = { method: 'GET', path: `${RS}/policy/{policyId}` };
const DELETE_POLICY: AdminEndpoint = { method: 'DELETE', path: `${RS}/policy/{policyId}`, expectedStatus: [204] };
const POLICY_SCOPES: AdminEndpoint = { method: 'GET', path: `${RS}/policy/{policyId}/scopes` };
const POLICY_RESOURCES: AdminEndpoint = { method: 'GET', path: `${RS}/policy/{policyId}/resources` };
const ASSOCIATED_POLICIES: AdminEndpoint = {
  method: 'GET',
  path: `${RS}/policy/{policyId}/associatedPolicies`,
  expectedStatus: [200],
};
const CREATE_ROLE_POLICY: AdminEndpoint = { method: 'POST', path: `${RS}/policy/role`, expectedStatus: [201] };
const CLIENT_POLICIES: AdminEndpoint = { method: 'GET', path: `${RS}/policy/client`, expectedStatus: [200] };
const CREATE_CLIENT_POLICY: AdminEndpoint = { method: 'POST', path: `${RS}/policy/client`, expectedStatus: [201] };
const PERMISSIONS: AdminEndpoint = { method: 'GET', path: `${RS}/permission` };
const CREATE_RESOURCE_PERMISSION: AdminEndpoint = {
  method: 'POST',
  path: `${RS}/permission/resource`,
  expectedStatus: [201],
};
const UPDATE_RESOURCE_PERMISSION: AdminEndpoint = {
  method: 'PUT',
  path: `${RS}/permission/resource/{permissionId}`,
  expectedStatus: [201],
};
const SCOPE_PERMISSION: AdminEndpoint = { method: 'GET', path: `${RS}/permission/scope/{permissionId}` };
const CREATE_SCOPE_PERMISSION: AdminEndpoint = {
  method: 'POST',
  path: `${RS}/permission/scope`,
  expectedStatus: [201],
};
const UPDATE_SCOPE_PERMISSION: AdminEndpoint = {
  method: 'PUT',
  path: `${RS}/permission/scope/{permissionId}`,
  expectedStatus: [201],
};

/** Query of `GET .../authz/resource-server/policy` and `.../permission` (PolicyService.findAll filters). */
export interface AuthzPolicyQuery {
  policyId?: string;
  /** Substring of the name. */
  name?: string;
  type?: string;
  /** Policies on resources whose name contains this (and the policies those apply). */
  resource?: string;
  /** Policies on scopes whose name contains this. */
  scope?: string;
  owner?: string;
  /** `true`: permissions only; `false`: policies only; unset: both (on `.../policy`). */
  permission?: boolean;
}

/**
 * The policy named `name` (PolicyService's search answers 200 without a body when there is none), in typed form
 * when `type` is given, as the typed creates answer.
 */
async function policyNamed<T>(
  admin: AdminArea,
  clientId: string,
  name: string,
  type: string | undefined,
  call: AdminCallOptions,
): Promise<T | undefined> {
  const requester = admin[REQUESTER];
  const found = await requester.call<PolicyRepresentation | undefined>(POLICY_SEARCH, {
    ...call,
    params: { id: clientId },
    query: { name },
  });
  if (found?.id === undefined || type === undefined) return found as T | undefined;
  return requester.call<T>(TYPED_POLICY, { ...call, params: { id: clientId, type, policyId: found.id } });
}

/** The policy and permission methods of KeycloakAdmin. */
export function AuthzPoliciesArea<B extends AreaBase>(Base: B) {
  abstract class AuthzPoliciesArea extends Base {
    /** python-keycloak's `get_client_authz_policies`: every policy that is not a permission, in one answer. */
    async getClientAuthzPolicies(clientId: string, options: AdminCallOptions = {}): Promise<PolicyRepresentation[]> {
      return this[REQUESTER].call<PolicyRepresentation[]>(POLICIES, {
        ...options,
        params: { id: clientId },
        query: { ...ALL, permission: false },
      });
    }

    /** The policies (and, unless `permission: false`, permissions) matching `query`, a page at a time. */
    async *iterateClientAuthzPolicies(
      clientId: string,
      query: AuthzPolicyQuery = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<PolicyRepresentation, void, undefined> {
      yield* iteratePages<PolicyRepresentation>(
        this[REQUESTER],
        POLICIES,
        { params: { id: clientId }, query: { ...query } },
        options,
      );
    }

    /** python-keycloak's `get_client_authz_permissions`: every permission (resource, scope and UMA), in one answer. */
    async getClientAuthzPermissions(clientId: string, options: AdminCallOptions = {}): Promise<PolicyRepresentation[]> {
      return this[REQUESTER].call<PolicyRepresentation[]>(PERMISSIONS, {
        ...options,
        params: { id: clientId },
        query: { ...ALL },
      });
    }

    /** The permissions matching `query`, a page at a time. */
    async *iterateClientAuthzPermissions(
      clientId: string,
      query: Omit<AuthzPolicyQuery, 'permission'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<PolicyRepresentation, void, undefined> {
      yield* iteratePages<PolicyRepresentation>(
        this[REQUESTER],
        PERMISSIONS,
        { params: { id: clientId }, query: { ...query } },
        options,
      );
    }

    /**
     * python-keycloak's `get_client_authz_policy`: a policy or permission in generic form (typed fields in `config`).
     * @throws KeycloakGetError 404 (empty body) when there is no such policy.
     */
    async getClientAuthzPolicy(
      clientId: string,
      policyId: string,
      options: AdminCallOptions = {},
    ): Promise<PolicyRepresentation> {
      return this[REQUESTER].call<PolicyRepresentation>(POLICY, { ...options, params: { id: clientId, policyId } });
    }

    /** python-keycloak's `delete_client_authz_policy` (policies and permissions alike). */
    async deleteClientAuthzPolicy(clientId: string, policyId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_POLICY, { ...options, params: { id: clientId, policyId } });
    }

    /** python-keycloak's `get_client_authz_policy_scopes`: the scopes a permission is on (`id` and `name`). */
    async getClientAuthzPolicyScopes(
      clientId: string,
      policyId: string,
      options: AdminCallOptions = {},
    ): Promise<ScopeRepresentation[]> {
      return this[REQUESTER].call<ScopeRepresentation[]>(POLICY_SCOPES, {
        ...options,
        params: { id: clientId, policyId },
      });
    }

    /** python-keycloak's `get_client_authz_policy_resources`: the resources a permission is on (`_id` and `name`). */
    async getClientAuthzPolicyResources(
      clientId: string,
      policyId: string,
      options: AdminCallOptions = {},
    ): Promise<ResourceRepresentation[]> {
      return this[REQUESTER].call<ResourceRepresentation[]>(POLICY_RESOURCES, {
        ...options,
        params: { id: clientId, policyId },
      });
    }

    /** python-keycloak's `get_client_authz_permission_associated_policies`: the policies a permission (or aggregate) applies. */
    async getClientAuthzPermissionAssociatedPolicies(
      clientId: string,
      policyId: string,
      options: AdminCallOptions = {},
    ): Promise<PolicyBriefRepresentation[]> {
      return this[REQUESTER].call<PolicyBriefRepresentation[]>(ASSOCIATED_POLICIES, {
        ...options,
        params: { id: clientId, policyId },
      });
    }

    /**
     * python-keycloak's `create_client_authz_policy`: a policy of any type (`payload.type`, typed fields in `config`).
     * @throws KeycloakPostError 409 when a policy of this name exists (unless `skipExists`, which resolves to the existing one), 400 for an unknown type.
     */
    async createClientAuthzPolicy(
      clientId: string,
      payload: PolicyRepresentation,
      options: SkipExistsOptions = {},
    ): Promise<PolicyRepresentation> {
      return createOrExisting(this, CREATE_POLICY, { id: clientId }, payload, options, (name, call) =>
        policyNamed<PolicyRepresentation>(this, clientId, name, undefined, call),
      );
    }

    /**
     * python-keycloak's `create_client_authz_role_based_policy`.
     * @example await admin.createClientAuthzRoleBasedPolicy(id, { name: 'Readers', roles: [{ id: readerRoleId }] });
     * @throws KeycloakPostError 409 when a policy of this name exists (unless `skipExists`, which resolves to the existing one).
     */
    async createClientAuthzRoleBasedPolicy(
      clientId: string,
      payload: RolePolicyRepresentation,
      options: SkipExistsOptions = {},
    ): Promise<RolePolicyRepresentation> {
      return createOrExisting(this, CREATE_ROLE_POLICY, { id: clientId }, payload, options, (name, call) =>
        policyNamed<RolePolicyRepresentation>(this, clientId, name, 'role', call),
      );
    }

    /** python-keycloak's `get_client_authz_client_policies`: the client policies, in generic form. */
    async getClientAuthzClientPolicies(
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<PolicyRepresentation[]> {
      return this[REQUESTER].call<PolicyRepresentation[]>(CLIENT_POLICIES, { ...options, params: { id: clientId } });
    }

    /**
     * python-keycloak's `create_client_authz_client_policy` (payload first, as python-keycloak).
     * @throws KeycloakPostError 409 when a policy of this name exists.
     */
    async createClientAuthzClientPolicy(
      payload: ClientPolicyRepresentation,
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ClientPolicyRepresentation> {
      return this[REQUESTER].call<ClientPolicyRepresentation>(CREATE_CLIENT_POLICY, {
        ...options,
        params: { id: clientId },
        body: payload,
      });
    }

    /**
     * python-keycloak's `create_client_authz_resource_based_permission`.
     * @throws KeycloakPostError 409 when a policy of this name exists (unless `skipExists`, which resolves to the existing one).
     */
    async createClientAuthzResourceBasedPermission(
      clientId: string,
      payload: ResourcePermissionRepresentation,
      options: SkipExistsOptions = {},
    ): Promise<ResourcePermissionRepresentation> {
      return createOrExisting(this, CREATE_RESOURCE_PERMISSION, { id: clientId }, payload, options, (name, call) =>
        policyNamed<ResourcePermissionRepresentation>(this, clientId, name, 'resource', call),
      );
    }

    /** python-keycloak's `update_client_authz_resource_permission` (payload first): replaces the permission's fields. */
    async updateClientAuthzResourcePermission(
      payload: ResourcePermissionRepresentation,
      clientId: string,
      resourceId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_RESOURCE_PERMISSION, {
        ...options,
        params: { id: clientId, permissionId: resourceId },
        body: payload,
      });
    }

    /**
     * python-keycloak's `get_client_authz_scope_permission`: a scope permission in typed form. `scopeId` is the
     * permission's id (python-keycloak's name for it).
     */
    async getClientAuthzScopePermission(
      clientId: string,
      scopeId: string,
      options: AdminCallOptions = {},
    ): Promise<ScopePermissionRepresentation> {
      return this[REQUESTER].call<ScopePermissionRepresentation>(SCOPE_PERMISSION, {
        ...options,
        params: { id: clientId, permissionId: scopeId },
      });
    }

    /**
     * python-keycloak's `create_client_authz_scope_permission` (payload first).
     * @throws KeycloakPostError 409 when a policy of this name exists.
     */
    async createClientAuthzScopePermission(
      payload: ScopePermissionRepresentation,
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<ScopePermissionRepresentation> {
      return this[REQUESTER].call<ScopePermissionRepresentation>(CREATE_SCOPE_PERMISSION, {
        ...options,
        params: { id: clientId },
        body: payload,
      });
    }

    /** python-keycloak's `update_client_authz_scope_permission` (payload first; `scopeId` is the permission's id). */
    async updateClientAuthzScopePermission(
      payload: ScopePermissionRepresentation,
      clientId: string,
      scopeId: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_SCOPE_PERMISSION, {
        ...options,
        params: { id: clientId, permissionId: scopeId },
        body: payload,
      });
    }
  }
  return AuthzPoliciesArea;
}

/** The policy and permission methods KeycloakAdmin has. */
export type AuthzPoliciesApi = AreaMethods<typeof AuthzPoliciesArea>;
