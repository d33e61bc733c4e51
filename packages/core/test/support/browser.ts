/**
 * Plays the user's browser against the in-memory Keycloak's login pages (copied from
 * packages/testing/test/oidc/browser-support.ts, as packages do not import each other's test folders).
 */

/** Reads the login form's action URL out of the HTML (entities decoded). */
export function formAction(html: string): string {
  const match = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no form in page: ${html.slice(0, 200)}`);
  return match[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** GETs a URL without following redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** POSTs a form without following redirects. */
export function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
}

/** The name=value part of a Set-Cookie header, to send back as Cookie. */
export function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Opens an authorization URL, logs in through the form and returns the final redirect response. */
export async function login(authUrl: string, username: string, password: string): Promise<Response> {
  const page = await get(authUrl);
  if (page.status !== 200) throw new Error(`auth page answered ${page.status}`);
  return post(formAction(await page.text()), { username, password, credentialId: '' });
}

/** The query parameters of a redirect. */
export function redirectParams(response: Response): URLSearchParams {
  return new URL(response.headers.get('location') ?? 'invalid:').searchParams;
}
