// The browser flows' grants: authorization code (login form, code, token, reuse), and token exchange.
const token = '/realms/{realm}/protocol/openid-connect/token';
const auth = '/realms/{realm}/protocol/openid-connect/auth';
const app = { client_id: 'fid-app', client_secret: 'fid-app-secret' };
const redirect = 'http://localhost:3000/cb';
export default [
  {
    name: 'the login page',
    method: 'GET',
    path: `${auth}?client_id=fid-app&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=openid&state=s1&nonce=n1`,
    cookies: true,
    capture: { loginAction: 'regex:action="([^"]+)"' },
  },
  {
    name: 'an unregistered redirect_uri',
    method: 'GET',
    path: `${auth}?client_id=fid-app&redirect_uri=${encodeURIComponent('http://evil.example/cb')}&response_type=code&scope=openid`,
  },
  {
    name: 'an unknown client',
    method: 'GET',
    path: `${auth}?client_id=nobody&redirect_uri=${encodeURIComponent(redirect)}&response_type=code`,
  },
  {
    name: 'a wrong password on the login form',
    method: 'POST',
    path: '{loginAction}',
    cookies: true,
    form: { username: 'alice', password: 'wrong', credentialId: '' },
    capture: { loginAction2: 'regex:action="([^"]+)"' },
  },
  {
    name: 'log in on the form: a redirect with the code',
    method: 'POST',
    path: '{loginAction2}',
    cookies: true,
    form: { username: 'alice', password: 'wonderland', credentialId: '' },
    capture: { authCode: 'query.code' },
  },
  {
    name: 'authorization code grant',
    method: 'POST',
    path: token,
    form: { grant_type: 'authorization_code', ...app, code: '{authCode}', redirect_uri: redirect },
    capture: { codeAccess: 'body.access_token' },
  },
  {
    name: 'the same code a second time',
    method: 'POST',
    path: token,
    form: { grant_type: 'authorization_code', ...app, code: '{authCode}', redirect_uri: redirect },
  },
  {
    name: 'a garbage code',
    method: 'POST',
    path: token,
    form: { grant_type: 'authorization_code', ...app, code: 'garbage', redirect_uri: redirect },
  },
  {
    name: 'token exchange (standard, V2)',
    method: 'POST',
    path: token,
    form: {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      ...app,
      subject_token: '{codeAccess}',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    },
  },
  {
    name: 'token exchange without a subject token',
    method: 'POST',
    path: token,
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', ...app },
  },
];
