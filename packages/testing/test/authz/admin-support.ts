import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { adminCall, tokenFor, type AdminAnswer } from '../admin/admin-support.js';
import { sampleRealm } from './support.js';

/** The testsuite realm (`test`) with Authorization Services on `test-app-authz`, and a master admin token. */
export interface AuthzAdminFixture {
  kc: KeycloakTestServer;
  admin: string;
  /** Internal id of `test-app-authz`. */
  clientUuid: string;
  /** Calls `/admin/realms/test/clients/{uuid}/authz/resource-server{path}`. */
  rs(method: string, path: string, body?: unknown, token?: string): Promise<AdminAnswer>;
}

/** Starts a server with the testsuite realm whose `test-app-authz` client has its authorization settings. */
export async function startAuthzAdmin(): Promise<AuthzAdminFixture> {
  const realm = sampleRealm('realm-import-testsuite-testrealm.json');
  const client = realm.clients?.find((c) => c.clientId === 'test-app-authz');
  if (client) Object.assign(client, { authorizationServicesEnabled: true, directAccessGrantsEnabled: true });
  const kc = await startKeycloak({ realms: [realm] });
  const admin = await tokenFor(kc, 'master', 'admin', 'admin');
  const clientUuid = kc.model.realm('test')?.clients.get('test-app-authz')?.id ?? '';
  const rs = (method: string, path: string, body?: unknown, token = admin) =>
    adminCall(kc, method, `/test/clients/${clientUuid}/authz/resource-server${path}`, token, body);
  return { kc, admin, clientUuid, rs };
}

/** Names of a list of representations, in answer order. */
export function namesOf(body: unknown): string[] {
  return (body as Array<{ name: string }>).map((x) => x.name);
}
