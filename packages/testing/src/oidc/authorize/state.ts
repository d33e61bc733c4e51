import type { Kernel } from '../../http/context.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { ExpiringStore } from '../../shared/expiring-store.js';

/** A checked authorization request, as the login form and the code grant need it. */
export interface AuthRequest {
  client: ClientModel;
  /** The verified redirect URI the answer goes to. */
  redirectUri: string;
  /** redirect_uri as sent (undefined when omitted); the code grant must send the same. */
  redirectUriParam: string | undefined;
  responseMode: 'query' | 'fragment' | 'form_post';
  scope: string | undefined;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  prompt: string | undefined;
}

/** A login in progress (Keycloak's authentication session tab), keyed by its tab id. */
export interface PendingLogin {
  realmId: string;
  request: AuthRequest;
  /** Set for a device verification: the user code to approve after the login. */
  userCode?: string;
}

/** An issued authorization code (OAuth2Code); single use. */
export interface IssuedCode {
  realmId: string;
  clientUuid: string;
  sessionId: string;
  redirectUriParam: string | undefined;
  scope: string;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  used: boolean;
}

/** Server-wide state of the browser flows. */
export interface BrowserFlowState {
  logins: ExpiringStore<PendingLogin>;
  codes: ExpiringStore<IssuedCode>;
}

const states = new WeakMap<Kernel, BrowserFlowState>();

/** The browser-flow state of one server (created on first use). */
export function browserFlowState(kernel: Kernel): BrowserFlowState {
  let state = states.get(kernel);
  if (!state) {
    state = { logins: new ExpiringStore(10_000), codes: new ExpiringStore(10_000) };
    states.set(kernel, state);
  }
  return state;
}

function realmSeconds(realm: RealmModel, attribute: string, fallback: number): number {
  const value = Number(realm.attributes[attribute]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** accessCodeLifespan (default 60 s): how long a code may wait for the token request. */
export function codeLifespanSeconds(realm: RealmModel): number {
  return realmSeconds(realm, 'accessCodeLifespan', 60);
}

/** accessCodeLifespanLogin (default 1800 s): how long a login form stays usable. */
export function loginLifespanSeconds(realm: RealmModel): number {
  return realmSeconds(realm, 'accessCodeLifespanLogin', 1800);
}
