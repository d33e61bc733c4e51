import { BrowserLoginError, type BrowserLoginErrorCode, type BrowserLoginErrorDetails } from '../errors.js';
import { pageMessage, readForms, type HtmlForm } from '../html.js';
import type { Navigator } from './navigator.js';

/** Redirects and pages one login may go through before it is called a loop. */
const MAX_STEPS = 10;

/** Where the authorization server handed the browser back to the client. */
export interface ClientAnswer {
  redirectUrl: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  params: URLSearchParams;
  formSubmitted: boolean;
}

/** Replaces the password wherever a page echoed it, so no error carries it. */
function scrub(text: string | undefined, password: string | undefined): string | undefined {
  return text !== undefined && password ? text.split(password).join('[redacted]') : text;
}

/** Tells a redirect to the client from a hop inside the authorization server. */
function isClientUrl(next: string, start: URL): boolean {
  const registered = start.searchParams.get('redirect_uri');
  if (registered) return next.startsWith(registered.split('#')[0]?.split('?')[0] ?? registered);
  return new URL(next).origin !== start.origin;
}

function fromRedirect(location: string, formSubmitted: boolean): ClientAnswer {
  const url = new URL(location);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const inFragment = fragment.has('code') || fragment.has('error');
  return {
    redirectUrl: location,
    responseMode: inFragment ? 'fragment' : 'query',
    params: inFragment ? fragment : url.searchParams,
    formSubmitted,
  };
}

/** The auto-posting form of `response_mode=form_post`. */
function formPost(forms: HtmlForm[], start: URL): HtmlForm | undefined {
  return forms.find(
    (form) =>
      form.name === 'kc-form-post' || (form.method === 'post' && !form.hasPassword && isClientUrl(form.action, start)),
  );
}

/**
 * Plays a browser from the authorization URL to the client's redirect: follows the server's own redirects,
 * submits the login form once when `credentials` are given, and reads the answer (query, fragment or
 * form_post). Every other ending is a {@link BrowserLoginError}.
 */
export async function runLogin(
  nav: Navigator,
  start: URL,
  credentials?: { username: string; password: string },
): Promise<ClientAnswer> {
  const password = credentials?.password;
  const fail = (
    code: BrowserLoginErrorCode,
    message: string,
    details: BrowserLoginErrorDetails = {},
  ): BrowserLoginError =>
    new BrowserLoginError(code, scrub(message, password) ?? '', {
      ...details,
      pageMessage: scrub(details.pageMessage, password),
    });
  let current = start.href;
  let response = await nav.request(current);
  let submitted = false;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const { status } = response;
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location)
        throw fail('ERR_LOGIN_UNEXPECTED_ANSWER', `the server answered ${status} without a Location`, { status });
      const next = new URL(location, current).href;
      if (isClientUrl(next, start)) return clientAnswer(fromRedirect(next, submitted), status, fail);
      current = next;
      response = await nav.request(current);
      continue;
    }
    const html = await nav.text(response);
    const forms = readForms(html, current);
    const message = pageMessage(html);
    const post = status === 200 ? formPost(forms, start) : undefined;
    if (post)
      return clientAnswer(
        {
          redirectUrl: post.action,
          responseMode: 'form_post',
          params: new URLSearchParams(post.fields),
          formSubmitted: submitted,
        },
        status,
        fail,
      );
    const login = forms.find((form) => form.hasPassword);
    if (login && submitted)
      throw fail('ERR_LOGIN_REJECTED', `the login form refused the credentials: ${message ?? 'no message'}`, {
        status,
        pageMessage: message,
      });
    if (status >= 400)
      throw fail('ERR_LOGIN_ERROR_PAGE', `the server answered an error page (${status}): ${message ?? 'no message'}`, {
        status,
        pageMessage: message,
      });
    if (!login || !credentials) {
      const why = login
        ? 'a login form, and no credentials were given'
        : `a page without a login form (${message ?? 'untitled'})`;
      throw fail('ERR_LOGIN_UNEXPECTED_ANSWER', `the server showed ${why}`, { status, pageMessage: message });
    }
    const fields = login.fields.filter(([name]) => name !== 'username' && name !== 'password');
    fields.push(['username', credentials.username], ['password', credentials.password]);
    submitted = true;
    if (login.method === 'post') {
      current = login.action;
      response = await nav.request(current, fields);
    } else {
      const target = new URL(login.action);
      target.search = new URLSearchParams(fields).toString();
      current = target.href;
      response = await nav.request(current);
    }
  }
  await response.body?.cancel();
  throw fail('ERR_LOGIN_UNEXPECTED_ANSWER', `the login did not reach the client within ${MAX_STEPS} steps`, {
    status: response.status,
  });
}

function clientAnswer(
  answer: ClientAnswer,
  status: number,
  fail: (code: BrowserLoginErrorCode, message: string, details?: BrowserLoginErrorDetails) => BrowserLoginError,
): ClientAnswer {
  const error = answer.params.get('error');
  if (error !== null) {
    const errorDescription = answer.params.get('error_description') ?? undefined;
    throw fail(
      'ERR_LOGIN_REDIRECT_ERROR',
      `the server sent the browser back with error=${error}${errorDescription ? ` (${errorDescription})` : ''}`,
      { status, error, errorDescription },
    );
  }
  if (!answer.params.get('code'))
    throw fail('ERR_LOGIN_UNEXPECTED_ANSWER', 'the server sent the browser back without a code', { status });
  return answer;
}
