// UMA: discovery, the UMA grant (RPT) and the Protection API with a PAT.
const token = '/realms/{realm}/protocol/openid-connect/token';
const protection = '/realms/{realm}/authz/protection';
export default [
  { name: 'UMA discovery', method: 'GET', path: '/realms/{realm}/.well-known/uma2-configuration' },
  {
    name: 'a user token for the resource server',
    method: 'POST',
    path: token,
    form: {
      grant_type: 'password',
      client_id: 'fid-rs',
      client_secret: 'fid-rs-secret',
      username: 'alice',
      password: 'wonderland',
    },
    capture: { rsAlice: 'body.access_token' },
  },
  {
    name: 'UMA grant: an RPT for the resource server',
    method: 'POST',
    path: token,
    auth: { bearer: '{rsAlice}' },
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket', audience: 'fid-rs' },
  },
  {
    name: 'UMA grant for one resource and scope',
    method: 'POST',
    path: token,
    auth: { bearer: '{rsAlice}' },
    form: {
      grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
      audience: 'fid-rs',
      permission: 'doc#view',
      response_mode: 'decision',
    },
  },
  {
    name: 'UMA grant for an unknown resource',
    method: 'POST',
    path: token,
    auth: { bearer: '{rsAlice}' },
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket', audience: 'fid-rs', permission: 'nothing' },
  },
  {
    name: 'UMA grant for an unknown audience',
    method: 'POST',
    path: token,
    auth: { bearer: '{rsAlice}' },
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket', audience: 'nobody' },
  },
  {
    name: 'a PAT (client credentials of the resource server)',
    method: 'POST',
    path: token,
    form: { grant_type: 'client_credentials', client_id: 'fid-rs', client_secret: 'fid-rs-secret' },
    capture: { pat: 'body.access_token' },
  },
  {
    name: 'Protection API: list resources',
    method: 'GET',
    path: `${protection}/resource_set`,
    auth: { bearer: '{pat}' },
  },
  {
    name: 'Protection API: create a resource',
    method: 'POST',
    path: `${protection}/resource_set`,
    auth: { bearer: '{pat}' },
    json: { name: 'album', resource_scopes: ['view'], ownerManagedAccess: true },
    capture: { albumId: 'body._id' },
  },
  {
    name: 'Protection API: read it',
    method: 'GET',
    path: `${protection}/resource_set/{albumId}`,
    auth: { bearer: '{pat}' },
  },
  {
    name: 'Protection API: a permission ticket',
    method: 'POST',
    path: `${protection}/permission`,
    auth: { bearer: '{pat}' },
    json: [{ resource_id: '{albumId}', resource_scopes: ['view'] }],
  },
  { name: 'Protection API without a token', method: 'GET', path: `${protection}/resource_set` },
  {
    name: 'Protection API with a user token',
    method: 'GET',
    path: `${protection}/resource_set`,
    auth: { bearer: '{rsAlice}' },
  },
];
