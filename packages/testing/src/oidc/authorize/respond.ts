import type { Reply } from '../../http/http-error.js';
import { formPostPage } from './pages.js';

/** Where and how an authorization answer goes. */
export interface AnswerTarget {
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
}

/**
 * Sends parameters to the client: 302 with query or fragment, or an auto-posting form (form_post). Both carry
 * CacheControlUtil.noCache()'s `no-store, must-revalidate, max-age=0`, codes and errors alike (Keycloak 26.7.3).
 */
export function answerClient(
  target: AnswerTarget,
  params: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Reply {
  const defined = Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  if (target.responseMode === 'form_post') return formPostPage(target.redirectUri, defined, headers);
  const encoded = new URLSearchParams(defined).toString();
  let location: string;
  if (target.responseMode === 'fragment') {
    location = `${target.redirectUri}${target.redirectUri.includes('#') ? '&' : '#'}${encoded}`;
  } else {
    const [base = '', fragment] = target.redirectUri.split('#', 2);
    location = `${base}${base.includes('?') ? '&' : '?'}${encoded}${fragment !== undefined ? `#${fragment}` : ''}`;
  }
  return { status: 302, headers: { location, 'cache-control': 'no-store, must-revalidate, max-age=0', ...headers } };
}

/** An OAuth error sent back to the client with state and iss (RFC 9207). */
export function errorToClient(
  target: AnswerTarget,
  issuer: string,
  state: string | undefined,
  error: string,
  description?: string,
): Reply {
  return answerClient(target, { error, error_description: description, state, iss: issuer });
}
