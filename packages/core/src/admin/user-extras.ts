/**
 * The user extras API area (python-keycloak's user methods beyond CRUD): group memberships, enabling,
 * credentials, sessions and logout, consents, social logins and the e-mail actions. Endpoints are
 * declared over the one request helper; the area class KeycloakAdmin extends.
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type { GroupRepresentation } from './representations/group.js';
import type { UserSessionRepresentation } from './representations/client.js';
import type {
  CredentialRepresentation,
  FederatedIdentityRepresentation,
  UserConsentRepresentation,
} from './representations/user.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';
import type { UsersApi } from './users.js';

const USER_PATH = 'admin/realms/{realm}/users/{id}';
const USER_GROUPS: AdminEndpoint = { method: 'GET', path: `${USER_PATH}/groups` };
const CREDENTIALS: AdminEndpoint = { method: 'GET', path: `${USER_PATH}/credentials` };
const DELETE_CREDENTIAL: AdminEndpoint = { method: 'DELETE', path: `${USER_PATH}/credentials/{credentialId}` };
const LOGOUT: AdminEndpoint = { method: 'POST', path: `${USER_PATH}/logout`, expectedStatus: [204] };
const CONSENTS: AdminEndpoint = { method: 'GET', path: `${USER_PATH}/consents` };
const REVOKE_CONSENT: AdminEndpoint = {
  method: 'DELETE',
  path: `${USER_PATH}/consents/{clientId}`,
  expectedStatus: [204],
};
const SOCIAL_LOGINS: AdminEndpoint = { method: 'GET', path: `${USER_PATH}/federated-identity` };
const ADD_SOCIAL_LOGIN: AdminEndpoint = {
  method: 'POST',
  path: `${USER_PATH}/federated-identity/{provider}`,
  expectedStatus: [201, 204],
};
const DELETE_SOCIAL_LOGIN: AdminEndpoint = {
  method: 'DELETE',
  path: `${USER_PATH}/federated-identity/{provider}`,
  expectedStatus: [204],
};
const EXECUTE_ACTIONS_EMAIL: AdminEndpoint = { method: 'PUT', path: `${USER_PATH}/execute-actions-email` };
const SEND_VERIFY_EMAIL: AdminEndpoint = { method: 'PUT', path: `${USER_PATH}/send-verify-email` };
const SESSIONS: AdminEndpoint = { method: 'GET', path: `${USER_PATH}/sessions` };

/** Query of `GET /admin/realms/{realm}/users/{id}/groups`. */
export interface UserGroupsQuery {
  /** Part of a group name. */
  search?: string;
  /** With `first` or `max`, one request is made instead of fetching every page. */
  first?: number;
  max?: number;
}

/** Options of {@link KeycloakAdmin.getUserGroups}. */
export interface GetUserGroupsOptions extends AdminCallOptions {
  /** Omit attributes and role names. Default `true`, as python-keycloak. */
  briefRepresentation?: boolean;
}

/** Options of {@link KeycloakAdmin.sendUpdateAccount}. */
export interface SendUpdateAccountOptions extends AdminCallOptions {
  /** The client whose redirect URIs `redirectUri` must match; Keycloak's default is `admin-cli`. */
  clientId?: string;
  /** How long the e-mailed link is valid, in seconds; Keycloak's default is the realm's (12 h). */
  lifespan?: number;
  /** Where the user lands after the actions; needs `clientId`. */
  redirectUri?: string;
}

/** Options of {@link KeycloakAdmin.sendVerifyEmail}. */
export type SendVerifyEmailOptions = SendUpdateAccountOptions;

/** Keycloak's answer to `GET …/consents`: a consent plus its additional grants (offline tokens). */
export interface UserConsent extends UserConsentRepresentation {
  additionalGrants?: { client: string; key: string }[];
}

async function setEnabled(
  admin: Pick<UsersApi, 'getUsers' | 'updateUser'>,
  enabled: boolean,
  all: boolean,
  userId: string | undefined,
  options: AdminCallOptions,
): Promise<void> {
  const ids = all
    ? (await admin.getUsers({}, options)).flatMap((u) => (u.id === undefined ? [] : [u.id]))
    : [userId ?? ''];
  for (const id of ids) await admin.updateUser(id, { enabled }, options);
}

/** The user extras methods of KeycloakAdmin. */
export function UserExtrasArea<B extends AreaBase<UsersApi>>(Base: B) {
  abstract class UserExtrasArea extends Base {
    /** python-keycloak's `get_user_groups`: the groups the user is a direct member of, every page unless `query` has `first` or `max`. */
    async getUserGroups(
      userId: string,
      query: UserGroupsQuery = {},
      options: GetUserGroupsOptions = {},
    ): Promise<GroupRepresentation[]> {
      const { briefRepresentation = true, ...call } = options;
      return fetchAll<GroupRepresentation>(this[REQUESTER], USER_GROUPS, {
        ...call,
        params: { id: userId },
        query: { ...query, briefRepresentation },
      });
    }

    /** The user's groups, a page at a time as the loop asks. */
    async *iterateUserGroups(
      userId: string,
      query: Omit<UserGroupsQuery, 'first' | 'max'> & { briefRepresentation?: boolean } = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<GroupRepresentation, void, undefined> {
      yield* iteratePages<GroupRepresentation>(
        this[REQUESTER],
        USER_GROUPS,
        { params: { id: userId }, query: { briefRepresentation: true, ...query } },
        options,
      );
    }

    /** python-keycloak's `disable_user`: an update with `{ enabled: false }`. */
    async disableUser(userId: string, options: AdminCallOptions = {}): Promise<void> {
      await setEnabled(this, false, false, userId, options);
    }

    /** python-keycloak's `enable_user`: an update with `{ enabled: true }`. */
    async enableUser(userId: string, options: AdminCallOptions = {}): Promise<void> {
      await setEnabled(this, true, false, userId, options);
    }

    /** python-keycloak's `disable_all_users`: every user of the realm, one update each. */
    async disableAllUsers(options: AdminCallOptions = {}): Promise<void> {
      await setEnabled(this, false, true, undefined, options);
    }

    /** python-keycloak's `enable_all_users`: every user of the realm, one update each. */
    async enableAllUsers(options: AdminCallOptions = {}): Promise<void> {
      await setEnabled(this, true, true, undefined, options);
    }

    /** python-keycloak's `get_credentials`: the user's credentials, without their secrets. */
    async getCredentials(userId: string, options: AdminCallOptions = {}): Promise<CredentialRepresentation[]> {
      return this[REQUESTER].call<CredentialRepresentation[]>(CREDENTIALS, { ...options, params: { id: userId } });
    }

    /**
     * python-keycloak's `delete_credential`.
     * @throws KeycloakDeleteError with status 404 when the user has no such credential.
     */
    async deleteCredential(userId: string, credentialId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_CREDENTIAL, { ...options, params: { id: userId, credentialId } });
    }

    /** python-keycloak's `user_logout`: ends the user's sessions; tokens issued before now stop being valid. */
    async userLogout(userId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(LOGOUT, { ...options, params: { id: userId } });
    }

    /** python-keycloak's `user_consents`: consents and offline-token grants, per client. */
    async userConsents(userId: string, options: AdminCallOptions = {}): Promise<UserConsent[]> {
      return this[REQUESTER].call<UserConsent[]>(CONSENTS, { ...options, params: { id: userId } });
    }

    /**
     * python-keycloak's `revoke_consent`: the consent and offline tokens of one client (its `clientId`, not its id).
     * @throws KeycloakDeleteError with status 404 when there was nothing to revoke or no such client.
     */
    async revokeConsent(userId: string, clientId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(REVOKE_CONSENT, { ...options, params: { id: userId, clientId } });
    }

    /** python-keycloak's `get_user_social_logins`: the user's identity-provider links. */
    async getUserSocialLogins(
      userId: string,
      options: AdminCallOptions = {},
    ): Promise<FederatedIdentityRepresentation[]> {
      return this[REQUESTER].call<FederatedIdentityRepresentation[]>(SOCIAL_LOGINS, {
        ...options,
        params: { id: userId },
      });
    }

    /**
     * python-keycloak's `add_user_social_login`: links the user to an account of identity provider `providerId`.
     * @throws KeycloakPostError with status 409 when the user is already linked with that provider.
     */
    async addUserSocialLogin(
      userId: string,
      providerId: string,
      providerUserid: string,
      providerUsername: string,
      options: AdminCallOptions = {},
    ): Promise<void> {
      const body: FederatedIdentityRepresentation = {
        identityProvider: providerId,
        userId: providerUserid,
        userName: providerUsername,
      };
      await this[REQUESTER].call(ADD_SOCIAL_LOGIN, { ...options, params: { id: userId, provider: providerId }, body });
    }

    /** python-keycloak's `delete_user_social_login`. */
    async deleteUserSocialLogin(userId: string, providerId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_SOCIAL_LOGIN, { ...options, params: { id: userId, provider: providerId } });
    }

    /**
     * python-keycloak's `send_update_account`: e-mails the user a link to perform `payload`, a list of
     * required actions such as `UPDATE_PASSWORD`.
     * @throws KeycloakPutError with status 400 (no e-mail, disabled user, bad client or redirect, unknown action)
     *   or 500 when Keycloak cannot send e-mail.
     */
    async sendUpdateAccount(
      userId: string,
      payload: readonly string[],
      options: SendUpdateAccountOptions = {},
    ): Promise<void> {
      const { clientId, lifespan, redirectUri, ...call } = options;
      await this[REQUESTER].call(EXECUTE_ACTIONS_EMAIL, {
        ...call,
        params: { id: userId },
        query: { client_id: clientId, lifespan, redirect_uri: redirectUri },
        body: payload,
      });
    }

    /** python-keycloak's `send_verify_email`: e-mails the user a link to verify their address (errors as {@link KeycloakAdmin.sendUpdateAccount}). */
    async sendVerifyEmail(userId: string, options: SendVerifyEmailOptions = {}): Promise<void> {
      const { clientId, lifespan, redirectUri, ...call } = options;
      await this[REQUESTER].call(SEND_VERIFY_EMAIL, {
        ...call,
        params: { id: userId },
        query: { client_id: clientId, lifespan, redirect_uri: redirectUri },
      });
    }

    /** python-keycloak's `get_sessions`: the user's online sessions. */
    async getSessions(userId: string, options: AdminCallOptions = {}): Promise<UserSessionRepresentation[]> {
      return this[REQUESTER].call<UserSessionRepresentation[]>(SESSIONS, { ...options, params: { id: userId } });
    }
  }
  return UserExtrasArea;
}

/** The user extras methods KeycloakAdmin has. */
export type UserExtrasApi = AreaMethods<typeof UserExtrasArea, UsersApi>;
