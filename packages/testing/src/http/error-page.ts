import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Reply } from './http-error.js';

// Quarkus's QuarkusErrorHandler answers failures no Keycloak resource saw (e.g. a Host header Vert.x cannot
// parse): its page is JSON, HTML or text as the Accept header (and a curl/wget User-Agent) pick, and always
// titled "500 - Internal Server Error" whatever the status. Error ids are one UUID per process plus a counter.
const BASE_ID = `${randomUUID()}-`;
let errorCount = 0;

// QuarkusErrorHandler.ContentTypes: the order matters for wildcards (text/* picks text/json); curl and wget
// clients get text/plain first.
const BASE = ['application/json', 'text/json', 'text/html', 'application/xhtml+xml', 'application/xml', 'text/xml'];
const SUPPORTED = [...BASE, 'text/plain'];
const SUPPORTED_CURL = ['text/plain', ...BASE];

interface Accepted {
  type: string;
  q: number;
}

function parseAccept(header: string | undefined): Accepted[] {
  if (!header) return [];
  const out: Accepted[] = [];
  for (const part of header.split(',')) {
    const [type = '', ...params] = part
      .trim()
      .split(';')
      .map((p) => p.trim());
    if (!type) continue;
    const q = params.map((p) => /^q=([0-9.]+)$/i.exec(p)?.[1]).find((v) => v !== undefined);
    out.push({ type: type.toLowerCase(), q: q === undefined ? 1 : Number(q) });
  }
  // Stable: equal weights keep the client's order.
  return out.sort((a, b) => b.q - a.q);
}

function matches(accepted: string, supported: string): boolean {
  if (accepted === '*/*' || accepted === '*') return true;
  const [type, sub] = accepted.split('/');
  const [supportedType] = supported.split('/');
  return sub === '*' ? type === supportedType : accepted === supported;
}

function isCurl(req: IncomingMessage): boolean {
  const agent = (req.headers['user-agent'] ?? '').toLowerCase();
  return agent.startsWith('curl/') || agent.startsWith('wget/');
}

/** The content type QuarkusErrorHandler picks, or undefined when the client accepts none of them. */
function pick(req: IncomingMessage): string | undefined {
  const supported = isCurl(req) ? SUPPORTED_CURL : SUPPORTED;
  for (const accepted of parseAccept(req.headers.accept)) {
    if (accepted.q <= 0) continue;
    const found = supported.find((type) => matches(accepted.type, type));
    if (found) return found;
  }
  return undefined;
}

/** Quarkus's error page for a failure answered with `status` before any Keycloak resource ran. */
export function quarkusErrorPage(req: IncomingMessage, status: number): Reply {
  const details = `Error id ${BASE_ID}${++errorCount}`;
  let type = pick(req);
  // defaultResponse: text for curl/wget, JSON otherwise.
  if (type === undefined) type = isCurl(req) ? 'text/plain' : 'application/json';
  if (type === 'application/json' || type === 'text/json') {
    return {
      status,
      headers: { 'content-type': `${type}; charset=utf-8` },
      body: JSON.stringify({ details, stack: '' }),
    };
  }
  if (type === 'text/plain') {
    return {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `\n500 - Internal Server Error\n---------------------------\n\nDetails:\n\t${details}\nStack:\n\t\n`,
    };
  }
  const html = `<!doctype html>\n<html lang="en">\n<head>\n    <title>Internal Server Error - ${details}</title>\n    <meta charset="utf-8">\n</head><h1>Internal Server Error</h1>\n${details} \n<div class="container content">\n</div></body>\n</html>\n`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}
