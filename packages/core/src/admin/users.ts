/**
 * The users API area (python-keycloak's user methods): its endpoints declared over the one request
 * helper, and the area class KeycloakAdmin extends.
 * Paged lists follow python-keycloak's rules (see pagination.ts); `iterateUsers` pages on demand.
 */
import { KeycloakOperationError, KeycloakPostError } from '../errors.js';
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type { CredentialRepresentation, UserRepresentation } from './representations/user.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const USERS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/users' };
const USERS_COUNT: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/users/count' };
const USER: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/users/{id}' };
const CREATE_USER: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/users', expectedStatus: [201] };
const UPDATE_USER: AdminEndpoint = { method: 'PUT', path: 'admin/realms/{realm}/users/{id}', expectedStatus: [204] };
const DELETE_USER: AdminEndpoint = { method: 'DELETE', path: 'admin/realms/{realm}/users/{id}', expectedStatus: [204] };
const RESET_PASSWORD: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/users/{id}/reset-password',
  expectedStatus: [204],
};

/** Query of `GET /admin/realms/{realm}/users` (Keycloak 26's parameters). */
export interface UserQuery {
  briefRepresentation?: boolean;
  createdAfter?: string;
  createdBefore?: string;
  email?: string;
  emailVerified?: boolean;
  enabled?: boolean;
  /** Match `username`, `email`, `firstName`, `lastName` exactly instead of as substrings. */
  exact?: boolean;
  /** Index of the first user; with `first` or `max`, one request is made instead of fetching every page. */
  first?: number;
  firstName?: string;
  idpAlias?: string;
  idpUserId?: string;
  lastName?: string;
  max?: number;
  /** Custom attributes, `key1:value1 key2:value2`. */
  q?: string;
  search?: string;
  username?: string;
}

/** Query of `GET /admin/realms/{realm}/users/count`. */
export type UserCountQuery = Pick<
  UserQuery,
  | 'email'
  | 'emailVerified'
  | 'enabled'
  | 'firstName'
  | 'lastName'
  | 'q'
  | 'search'
  | 'username'
  | 'createdAfter'
  | 'createdBefore'
>;

/** Options of {@link KeycloakAdmin.getUser}. */
export interface GetUserOptions extends AdminCallOptions {
  /** Include the user profile metadata. Default `false`. */
  userProfileMetadata?: boolean;
}

/** Options of {@link KeycloakAdmin.createUser}. */
export interface CreateUserOptions extends AdminCallOptions {
  /** When a user with this username exists, resolve to its id instead of failing. Default `false`. */
  existOk?: boolean;
}

/** Options of {@link KeycloakAdmin.setUserPassword}. */
export interface SetUserPasswordOptions extends AdminCallOptions {
  /** The user must change the password at next login. Default `true`, as python-keycloak. */
  temporary?: boolean;
}

/** The user methods of KeycloakAdmin. */
export function UsersArea<B extends AreaBase>(Base: B) {
  abstract class UsersArea extends Base {
    /**
     * python-keycloak's `get_users`: one request when `query` has `first` or `max`, else every page of 100.
     */
    async getUsers(query: UserQuery = {}, options: AdminCallOptions = {}): Promise<UserRepresentation[]> {
      return fetchAll<UserRepresentation>(this[REQUESTER], USERS, { ...options, query: { ...query } });
    }

    /**
     * The users matching `query` (without `first`/`max`), fetched a page at a time as the loop asks.
     * @example for await (const user of admin.iterateUsers({ enabled: true })) console.log(user.username);
     */
    async *iterateUsers(
      query: Omit<UserQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<UserRepresentation, void, undefined> {
      yield* iteratePages<UserRepresentation>(this[REQUESTER], USERS, { query: { ...query } }, options);
    }

    /** python-keycloak's `users_count`. */
    async usersCount(query: UserCountQuery = {}, options: AdminCallOptions = {}): Promise<number> {
      const count = await this[REQUESTER].call<unknown>(USERS_COUNT, { ...options, query: { ...query } });
      if (typeof count !== 'number')
        throw new KeycloakOperationError('The users count is not a number', { code: 'ERR_INVALID_RESPONSE' });
      return count;
    }

    /**
     * python-keycloak's `get_user`.
     * @throws KeycloakGetError with status 404 when there is no such user.
     */
    async getUser(userId: string, options: GetUserOptions = {}): Promise<UserRepresentation> {
      const { userProfileMetadata, ...call } = options;
      return this[REQUESTER].call<UserRepresentation>(USER, {
        ...call,
        params: { id: userId },
        query: { userProfileMetadata },
      });
    }

    /** python-keycloak's `get_user_id`: the id of the user with exactly this username (Keycloak stores them lower-case), or `undefined`. */
    async getUserId(username: string, options: AdminCallOptions = {}): Promise<string | undefined> {
      if (typeof username !== 'string' || username === '')
        throw new KeycloakOperationError('username must be a non-empty string');
      const query = { username: username.toLowerCase(), max: 1, exact: true };
      const users = await fetchAll<UserRepresentation>(this[REQUESTER], USERS, { ...options, query });
      return users.length === 1 ? users[0]?.id : undefined;
    }

    /**
     * python-keycloak's `create_user`: resolves to the new user's id, read from the `Location` header.
     * With `existOk`, a 409 for an existing username resolves to that user's id (looked up after the
     * conflict, so two racing creators both get the one id).
     * @throws KeycloakPostError with status 409 when the username or e-mail is taken (and `existOk` does not apply).
     */
    async createUser(payload: UserRepresentation, options: CreateUserOptions = {}): Promise<string> {
      const { existOk, ...call } = options;
      try {
        const id = await this[REQUESTER].create(CREATE_USER, { ...call, body: payload });
        if (id !== undefined) return id;
      } catch (error) {
        if (
          !(
            existOk === true &&
            error instanceof KeycloakPostError &&
            error.status === 409 &&
            typeof payload.username === 'string'
          )
        )
          throw error;
        const existing = await this.getUserId(payload.username, call);
        if (existing !== undefined) return existing;
        throw error;
      }
      throw new KeycloakOperationError('Keycloak answered a user creation without an id', {
        code: 'ERR_INVALID_RESPONSE',
      });
    }

    /** python-keycloak's `update_user` (a partial representation changes only the fields it has). */
    async updateUser(userId: string, payload: UserRepresentation, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(UPDATE_USER, { ...options, params: { id: userId }, body: payload });
    }

    /** python-keycloak's `delete_user`. */
    async deleteUser(userId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_USER, { ...options, params: { id: userId } });
    }

    /** python-keycloak's `set_user_password`. The password never appears in errors. */
    async setUserPassword(userId: string, password: string, options: SetUserPasswordOptions = {}): Promise<void> {
      const { temporary = true, ...call } = options;
      const credential: CredentialRepresentation = { type: 'password', temporary, value: password };
      await this[REQUESTER].call(RESET_PASSWORD, { ...call, params: { id: userId }, body: credential });
    }
  }
  return UsersArea;
}

/** The user methods KeycloakAdmin has. */
export type UsersApi = AreaMethods<typeof UsersArea>;
