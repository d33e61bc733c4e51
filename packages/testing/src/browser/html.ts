/** One `<form>` of an HTML page, as a browser would submit it. */
export interface HtmlForm {
  /** The form's `id` attribute, when it has one (`kc-form-login` on Keycloak's login page). */
  id: string | undefined;
  /** The form's `name` attribute, when it has one (`kc-form-post` on a `response_mode=form_post` page). */
  name: string | undefined;
  /** The `action` resolved against the page URL (the page URL itself when the form has none). */
  action: string;
  /** `get` or `post`, lower case. */
  method: string;
  /**
   * The name/value pairs a browser sends when the form's first submit button is pressed: text, hidden and
   * password inputs, checked checkboxes and radios, and that button, in document order.
   */
  fields: Array<[string, string]>;
  /** Whether the form has a password input: a login form. */
  hasPassword: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/** Decodes the character references Keycloak's templates emit (named, decimal and hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const point =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The attributes of one start tag's inside (`name="x" value='y' checked`), names lower-cased. */
function attributes(inside: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of inside.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!found.has(name)) found.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return found;
}

function submittedFields(body: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  let buttonTaken = false;
  for (const match of body.matchAll(/<input\b([^>]*)>/gi)) {
    const attrs = attributes(match[1] ?? '');
    const name = attrs.get('name');
    const type = (attrs.get('type') ?? 'text').toLowerCase();
    if (!name || attrs.has('disabled')) continue;
    if (type === 'submit' || type === 'image') {
      if (!buttonTaken) fields.push([name, attrs.get('value') ?? '']);
      buttonTaken = true;
      continue;
    }
    if ((type === 'checkbox' || type === 'radio') && !attrs.has('checked')) continue;
    if (type === 'button' || type === 'reset' || type === 'file') continue;
    fields.push([name, attrs.get('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
  }
  return fields;
}

/**
 * Reads the forms of an HTML page the way a browser without JavaScript submits them. It understands the
 * markup Keycloak's login themes and this package's server render, not HTML at large (no `<select>`,
 * `<textarea>` or `<button>` values, no nested forms).
 *
 * @param html - The page.
 * @param pageUrl - The URL the page came from, to resolve relative actions.
 */
export function readForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)(?:<\/form\s*>|$)/gi)) {
    const attrs = attributes(match[1] ?? '');
    const body = match[2] ?? '';
    forms.push({
      id: attrs.get('id'),
      name: attrs.get('name'),
      action: new URL(attrs.get('action') || pageUrl, pageUrl).href,
      method: (attrs.get('method') ?? 'get').toLowerCase(),
      fields: submittedFields(body),
      hasPassword: /<input\b[^>]*\btype\s*=\s*["']?password\b/i.test(body),
    });
  }
  return forms;
}

function textOf(fragment: string): string {
  return decodeEntities(fragment.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The message a Keycloak page shows: the login form's field error (`input-error`), the alert of the page
 * template (`kc-feedback-text`), or the error page's `kc-error-message`; the page title when there is none.
 * At most 300 characters.
 */
export function pageMessage(html: string): string | undefined {
  const marker =
    /<(\w+)\b[^>]*(?:\bid\s*=\s*["'](?:input-error[\w-]*|kc-error-message)["']|\bclass\s*=\s*["'][^"']*\bkc-feedback-text\b[^"']*["'])[^>]*>([\s\S]*?)<\/(?:p|span|div)\s*>/i.exec(
      html,
    );
  const text = marker ? textOf(marker[2] ?? '') : '';
  const title = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const message = text || (title ? textOf(title[1] ?? '') : '');
  return message ? message.slice(0, 300) : undefined;
}
