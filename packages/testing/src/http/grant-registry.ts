import type { RequestContext } from './context.js';
import type { Reply } from './http-error.js';
import type { ClientModel, RealmModel } from '../model/types.js';

/** What a grant handler receives: the request, its realm, its form and the authenticated client. */
export interface GrantContext {
  ctx: RequestContext;
  realm: RealmModel;
  form: Map<string, string>;
  client: ClientModel;
}

/** Answers one grant type at the token endpoint. */
export type GrantHandler = (grant: GrantContext) => Promise<Reply>;

/** Answers a grant whose caller shows a bearer token instead of authenticating the client (the UMA grant). */
export type BearerGrantHandler = (grant: Omit<GrantContext, 'client'>) => Promise<Reply>;

/**
 * grant_type -> handler. The kernel registers password, client_credentials and refresh_token; other modules add
 * authorization_code, device_code, token-exchange and uma-ticket with `register`.
 */
export class GrantRegistry {
  readonly #handlers = new Map<string, GrantHandler>();
  readonly #bearer = new Map<string, BearerGrantHandler>();

  /** Adds (or replaces) the handler of a grant type. */
  register(grantType: string, handler: GrantHandler): void {
    this.#handlers.set(grantType, handler);
  }

  /** The handler of a grant type. */
  get(grantType: string): GrantHandler | undefined {
    return this.#handlers.get(grantType);
  }

  /** Adds the handler used instead of client authentication when the request carries `Authorization: Bearer`. */
  registerBearer(grantType: string, handler: BearerGrantHandler): void {
    this.#bearer.set(grantType, handler);
  }

  /** The bearer handler of a grant type. */
  getBearer(grantType: string): BearerGrantHandler | undefined {
    return this.#bearer.get(grantType);
  }
}
