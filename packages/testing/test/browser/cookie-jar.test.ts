import { describe, expect, it } from 'vitest';
import { CookieJar } from '@keycloak-ts/testing';

function setCookies(...lines: string[]): Headers {
  const headers = new Headers();
  for (const line of lines) headers.append('set-cookie', line);
  return headers;
}

describe('CookieJar', () => {
  it('sends a cookie back only to its host and under its path, longer paths first', () => {
    const jar = new CookieJar();
    jar.store(
      'http://127.0.0.1:8080/realms/demo/protocol/openid-connect/auth',
      setCookies('KEYCLOAK_IDENTITY=id; Path=/realms/demo/; HttpOnly', 'ROOT=r; Path=/'),
    );
    expect(jar.header('http://127.0.0.1:8080/realms/demo/protocol/openid-connect/auth?x=1')).toBe(
      'KEYCLOAK_IDENTITY=id; ROOT=r',
    );
    expect(jar.header('http://127.0.0.1:8080/realms/demo2/x')).toBe('ROOT=r');
    expect(jar.header('http://127.0.0.1:8081/realms/demo/x')).toBeUndefined();
    expect(jar.get('KEYCLOAK_IDENTITY')).toBe('KEYCLOAK_IDENTITY=id');
  });

  it('defaults the path to the directory of the request and replaces a cookie of the same name and path', () => {
    const jar = new CookieJar();
    jar.store('http://h/a/b/page', setCookies('k=1'));
    jar.store('http://h/a/b/other', setCookies('k=2'));
    expect(jar.size).toBe(1);
    expect(jar.header('http://h/a/b/c')).toBe('k=2');
    expect(jar.header('http://h/a/bc')).toBeUndefined();
  });

  it('drops a cookie the server expires with Max-Age=0 or a past Expires', () => {
    const jar = new CookieJar();
    jar.store('http://h/', setCookies('a=1; Path=/', 'b=2; Path=/'));
    jar.store('http://h/', setCookies('a=; Path=/; Max-Age=0', 'b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'));
    expect(jar.size).toBe(0);
    expect(jar.header('http://h/')).toBeUndefined();
  });

  it('keeps at most maxCookies cookies, dropping the oldest', () => {
    const jar = new CookieJar();
    for (let i = 0; i <= CookieJar.maxCookies; i += 1) jar.store('http://h/', setCookies(`c${i}=v; Path=/`));
    expect(jar.size).toBe(CookieJar.maxCookies);
    expect(jar.get('c0')).toBeUndefined();
    expect(jar.get(`c${CookieJar.maxCookies}`)).toBe(`c${CookieJar.maxCookies}=v`);
  });

  it('forgets one cookie by name or all of them', () => {
    const jar = new CookieJar();
    jar.store('http://h/', setCookies('a=1; Path=/', 'b=2; Path=/'));
    jar.delete('a');
    expect(jar.header('http://h/')).toBe('b=2');
    jar.clear();
    expect(jar.size).toBe(0);
  });
});
