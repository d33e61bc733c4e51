/**
 * Raw browser requests for tests that check the server's own answers (status, headers, pages). Logging in
 * goes through the package's `browserLogin` / `silentLogin`, and forms are read with `readForms`.
 */

/** GETs a URL without following redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** POSTs a form without following redirects. */
export function post(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}

/** The query parameters of a redirect. */
export function redirectParams(response: Response): URLSearchParams {
  return new URL(response.headers.get('location') ?? 'invalid:').searchParams;
}
