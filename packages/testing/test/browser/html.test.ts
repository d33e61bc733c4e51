import { describe, expect, it } from 'vitest';
import { readForms } from '@keycloak-ts/testing';

describe('readForms', () => {
  it('resolves the action, decodes entities and lists what a browser submits in document order', () => {
    const html = `<form id="kc-form-login" action="/realms/r/login-actions/authenticate?session_code=a&amp;tab_id=b" method="POST">
      <input id="username" name="username" type="text" value="al&#39;ice">
      <input name="password" type="password">
      <input type="hidden" name="credentialId">
      <input type="checkbox" name="rememberMe">
      <input type="checkbox" name="terms" checked>
      <input type="submit" name="login" value="Sign In"><input type="submit" name="cancel" value="Cancel">
      <input name="off" disabled value="x">
    </form>`;
    expect(readForms(html, 'http://h:1/realms/r/protocol/openid-connect/auth?x=1')).toEqual([
      {
        id: 'kc-form-login',
        name: undefined,
        action: 'http://h:1/realms/r/login-actions/authenticate?session_code=a&tab_id=b',
        method: 'post',
        fields: [
          ['username', "al'ice"],
          ['password', ''],
          ['credentialId', ''],
          ['terms', 'on'],
          ['login', 'Sign In'],
        ],
        hasPassword: true,
      },
    ]);
  });

  it('reads every form of a page, with the page URL as action and get as method when absent', () => {
    const forms = readForms(
      `<form name='kc-form-post'><input type=hidden name=code value=c1></form><form id="x" action="next"></form>`,
      'http://h/a/page',
    );
    expect(
      forms.map(({ name, id, action, method, fields, hasPassword }) => ({
        name,
        id,
        action,
        method,
        fields,
        hasPassword,
      })),
    ).toEqual([
      {
        name: 'kc-form-post',
        id: undefined,
        action: 'http://h/a/page',
        method: 'get',
        fields: [['code', 'c1']],
        hasPassword: false,
      },
      { name: undefined, id: 'x', action: 'http://h/a/next', method: 'get', fields: [], hasPassword: false },
    ]);
  });

  it('finds no form in a page without one', () => {
    expect(readForms('<p>We are sorry...</p>', 'http://h/')).toEqual([]);
  });
});
