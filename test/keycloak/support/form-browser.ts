import { CookieJar, readForms } from '@keycloak-ts/testing';

/**
 * Walks a user through server pages that are not an authorization-code login (the device verification pages):
 * follows redirects, fills the login form with the credentials, accepts a consent page, and stops at the first
 * page without a form, whose title it returns. Both targets' themes keep `username`/`password` fields and an
 * `accept` button on the consent form.
 */
export async function walkPages(
  start: string,
  username: string,
  password: string,
): Promise<{ status: number; title: string | undefined; url: string }> {
  const jar = new CookieJar();
  let url = start;
  let init: RequestInit = {};
  for (let step = 0; step < 12; step += 1) {
    const answer = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) ?? '' },
      redirect: 'manual',
    });
    jar.store(url, answer.headers);
    const location = answer.headers.get('location');
    const text = await answer.text();
    if (answer.status >= 300 && answer.status < 400 && location) {
      url = new URL(location, url).href;
      init = {};
      continue;
    }
    const form = readForms(text, url)[0];
    const title = /id="kc-page-title"[^>]*>([\s\S]*?)<\//.exec(text)?.[1]?.trim();
    if (!form) return { status: answer.status, title, url };
    const fields = new URLSearchParams(form.fields);
    if (form.hasPassword) {
      fields.set('username', username);
      fields.set('password', password);
    }
    if (text.includes('name="accept"')) fields.set('accept', 'Yes');
    url = form.action;
    init = {
      method: 'POST',
      body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error(`no final page after 12 steps from ${start}`);
}
