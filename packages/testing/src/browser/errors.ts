/**
 * Why {@link browserLogin} or {@link silentLogin} did not end with an authorization code:
 *
 * - `ERR_LOGIN_REJECTED` — the login form came back with a message (wrong password, disabled account).
 * - `ERR_LOGIN_ERROR_PAGE` — the server answered an error page, e.g. `Client not found.` (see `status`).
 * - `ERR_LOGIN_REDIRECT_ERROR` — the server sent the browser back to the client with `error=`, e.g.
 *   `login_required` for `prompt=none` without a session (see `error` and `errorDescription`).
 * - `ERR_LOGIN_UNEXPECTED_ANSWER` — a page or redirect a password login does not know how to go on from
 *   (an OTP step, a required action, a consent page, a redirect loop).
 * - `ERR_LOGIN_TIMEOUT` — the login did not finish within `timeoutMs`.
 * - `ERR_LOGIN_ABORTED` — the caller's `signal` aborted.
 * - `ERR_LOGIN_NETWORK` — a request failed below HTTP (connection refused or reset); see `cause`.
 */
export type BrowserLoginErrorCode =
  | 'ERR_LOGIN_REJECTED'
  | 'ERR_LOGIN_ERROR_PAGE'
  | 'ERR_LOGIN_REDIRECT_ERROR'
  | 'ERR_LOGIN_UNEXPECTED_ANSWER'
  | 'ERR_LOGIN_TIMEOUT'
  | 'ERR_LOGIN_ABORTED'
  | 'ERR_LOGIN_NETWORK';

/** What a {@link BrowserLoginError} knows about the answer that ended the login. */
export interface BrowserLoginErrorDetails {
  /** HTTP status of the last answer, when there was one. */
  status?: number;
  /** The message the page showed (`Invalid username or password.`), when it showed one. */
  pageMessage?: string;
  /** The OAuth `error` of a redirect to the client. */
  error?: string;
  /** The OAuth `error_description` of a redirect to the client. */
  errorDescription?: string;
  /** The underlying failure (network errors). */
  cause?: unknown;
}

/**
 * A browser login that did not produce an authorization code. Switch on `code`; the message and fields quote
 * what the server showed, and never the password, the session cookie or a code.
 */
export class BrowserLoginError extends Error {
  override readonly name = 'BrowserLoginError';
  /** Stable reason, see {@link BrowserLoginErrorCode}. */
  readonly code: BrowserLoginErrorCode;
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;
  /** The message the page showed, when it showed one. */
  readonly pageMessage: string | undefined;
  /** The OAuth `error` of a redirect to the client (`login_required`, `access_denied`, ...). */
  readonly error: string | undefined;
  /** The OAuth `error_description` of a redirect to the client. */
  readonly errorDescription: string | undefined;

  /** @internal Built by the login helpers only. */
  constructor(code: BrowserLoginErrorCode, message: string, details: BrowserLoginErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.pageMessage = details.pageMessage;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }
}
