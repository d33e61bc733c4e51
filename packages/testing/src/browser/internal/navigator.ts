import type { CookieJar } from '../cookie-jar.js';
import { BrowserLoginError } from '../errors.js';

/**
 * Sends the requests of one login as a browser does: no automatic redirects (each hop is looked at), the
 * jar's cookies out and `Set-Cookie` back in, all under one deadline and the caller's signal.
 */
export class Navigator {
  readonly #jar: CookieJar;
  readonly #caller: AbortSignal | undefined;
  readonly #deadline: AbortSignal;
  readonly #signal: AbortSignal;
  readonly #timeoutMs: number;

  constructor(jar: CookieJar, timeoutMs: number, caller: AbortSignal | undefined) {
    this.#jar = jar;
    this.#caller = caller;
    this.#timeoutMs = timeoutMs;
    this.#deadline = AbortSignal.timeout(timeoutMs);
    this.#signal = caller ? AbortSignal.any([caller, this.#deadline]) : this.#deadline;
  }

  /** GETs `url`, or POSTs `form` to it urlencoded. */
  async request(url: string, form?: Array<[string, string]>): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html,*/*;q=0.8' };
    const cookie = this.#jar.header(url);
    if (cookie) headers['cookie'] = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const init: RequestInit = { method: form ? 'POST' : 'GET', redirect: 'manual', headers, signal: this.#signal };
    if (form) init.body = new URLSearchParams(form).toString();
    const response = await this.#guard(() => fetch(url, init));
    this.#jar.store(url, response.headers);
    return response;
  }

  /** The body of a page, under the same deadline. */
  text(response: Response): Promise<string> {
    return this.#guard(() => response.text());
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (cause) {
      if (this.#caller?.aborted)
        throw new BrowserLoginError('ERR_LOGIN_ABORTED', 'the browser login was aborted', {
          cause: this.#caller.reason,
        });
      if (this.#deadline.aborted)
        throw new BrowserLoginError(
          'ERR_LOGIN_TIMEOUT',
          `the browser login did not finish within ${this.#timeoutMs} ms`,
        );
      throw new BrowserLoginError('ERR_LOGIN_NETWORK', 'a request of the browser login failed before an HTTP answer', {
        cause,
      });
    }
  }
}
