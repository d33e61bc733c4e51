import type { Reply } from '../../http/http-error.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

// The login pages carry CacheControlUtil.noCache(); the error page (ErrorPage.error, answered before any
// authentication session) carries no Cache-Control (measured on Keycloak 26.7.3).
const NO_STORE = { 'cache-control': 'no-store, must-revalidate, max-age=0' };

function page(
  status: number,
  title: string,
  body: string,
  headers: Record<string, string> = {},
  cacheHeaders: Record<string, string> = NO_STORE,
): Reply {
  const html = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
  return { status, headers: { 'content-type': 'text/html;charset=utf-8', ...cacheHeaders, ...headers }, body: html };
}

function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

/**
 * Keycloak's login form, without JavaScript: the same ids and field names (`kc-form-login`, `username`,
 * `password`, `credentialId`) so a test can read the `action` and POST the form.
 */
export function loginPage(
  realmName: string,
  action: string,
  options: { error?: string; username?: string; status?: number } = {},
): Reply {
  const error = options.error ? `<div id="input-error" class="alert-error">${escapeHtml(options.error)}</div>\n` : '';
  return page(
    options.status ?? 200,
    `Sign in to ${realmName}`,
    `<h1 id="kc-page-title">Sign in to your account</h1>
${error}<form id="kc-form-login" action="${escapeHtml(action)}" method="post">
<input id="username" name="username" type="text" value="${escapeHtml(options.username ?? '')}" autocomplete="username">
<input id="password" name="password" type="password" autocomplete="current-password">
<input type="hidden" id="id-hidden-input" name="credentialId">
<input name="login" id="kc-login" type="submit" value="Sign In">
</form>`,
  );
}

/** Keycloak's error page ("We are sorry..."), used when there is no safe place to redirect to. */
export function errorPage(status: number, message: string, headers?: Record<string, string>): Reply {
  return page(
    status,
    'We are sorry...',
    `<h1 id="kc-page-title">We are sorry...</h1>\n<p id="kc-error-message" class="instruction">${escapeHtml(message)}</p>`,
    headers,
    {},
  );
}

/** An information page (logged out, device approved, ...). */
export function infoPage(title: string, message: string, headers?: Record<string, string>): Reply {
  return page(
    200,
    title,
    `<h1 id="kc-page-title">${escapeHtml(title)}</h1>\n<p class="instruction">${escapeHtml(message)}</p>`,
    headers,
  );
}

/** A page with one form (`action`, hidden fields, visible inputs and submit buttons). */
export function formPage(
  title: string,
  action: string,
  fields: Record<string, string>,
  inputs: string,
  headers?: Record<string, string>,
): Reply {
  return page(
    200,
    title,
    `<h1 id="kc-page-title">${escapeHtml(title)}</h1>
<form id="kc-form" action="${escapeHtml(action)}" method="post">
${hiddenFields(fields)}
${inputs}
</form>`,
    headers,
  );
}

/** response_mode=form_post: an auto-posting form to the client (OIDCRedirectUriBuilder.FormPostRedirectUriBuilder). */
export function formPostPage(
  redirectUri: string,
  params: Record<string, string>,
  headers?: Record<string, string>,
): Reply {
  return page(
    200,
    'Submit This Form',
    `<form name="kc-form-post" method="post" action="${escapeHtml(redirectUri)}">
${hiddenFields(params)}
<noscript><button type="submit">Continue</button></noscript>
</form>`,
    headers,
  );
}
