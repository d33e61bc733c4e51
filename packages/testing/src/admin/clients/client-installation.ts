import type { ClientModel, RealmModel } from '../../model/types.js';
import type { Reply } from '../../http/http-error.js';
import { errorMessage } from '../errors.js';
import { keycloakJsonInstallation } from './client-representation.js';

/**
 * The OIDC installation providers of ClientResource.getInstallationProvider (KeycloakOIDCClientInstallation,
 * KeycloakOIDCJbossSubsystemClientInstallation, KeycloakOIDCJbossSubsystemClientCliInstallation). Each answers
 * `text/plain`, the keycloak.json one included.
 */

const DEPLOYMENT = 'WAR MODULE NAME.war';

// showClientCredentialsAdapterConfig: a confidential client gets its secret in the adapter configuration.
function hasCredentials(client: ClientModel): boolean {
  return !client.publicClient && !client.bearerOnly;
}

function jbossSubsystemXml(realm: RealmModel, client: ClientModel, baseUrl: string): string {
  let out = `<secure-deployment name="${DEPLOYMENT}">\n`;
  out += `    <realm>${realm.name}</realm>\n`;
  out += `    <auth-server-url>${baseUrl}/</auth-server-url>\n`;
  if (client.bearerOnly) out += '    <bearer-only>true</bearer-only>\n';
  else if (client.publicClient) out += '    <public-client>true</public-client>\n';
  out += `    <ssl-required>${realm.sslRequired.toUpperCase()}</ssl-required>\n`;
  out += `    <resource>${client.clientId}</resource>\n`;
  if (hasCredentials(client)) out += `    <credential name="secret">${client.secret ?? ''}</credential>\n`;
  if (client.roles.size > 0) out += '    <use-resource-role-mappings>true</use-resource-role-mappings>\n';
  return `${out}</secure-deployment>\n`;
}

function jbossSubsystemCli(realm: RealmModel, client: ClientModel, baseUrl: string): string {
  const at = `/subsystem=keycloak/secure-deployment="${DEPLOYMENT}"`;
  let out = `${at}/:add( \\\n    realm="${realm.name}", \\\n    resource="${client.clientId}", \\\n    auth-server-url=${baseUrl}/, \\\n`;
  if (client.bearerOnly) out += '    bearer-only=true, \\\n';
  else if (client.publicClient) out += '    public-client=true, \\\n';
  if (client.roles.size > 0) out += '    use-resource-role-mappings=true, \\\n';
  out += `    ssl-required=${realm.sslRequired.toUpperCase()})\n\n`;
  if (hasCredentials(client)) out += `${at}/credential=secret:add(value=${client.secret ?? ''})\n`;
  return out;
}

/** The installation a provider id names, or 404 "Unknown Provider". */
export function installation(realm: RealmModel, client: ClientModel, provider: string, baseUrl: string): Reply {
  const text = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/plain' }, body });
  switch (provider) {
    case 'keycloak-oidc-keycloak-json':
      return text(JSON.stringify(keycloakJsonInstallation(realm, client, baseUrl), null, 2));
    case 'keycloak-oidc-jboss-subsystem':
      return text(jbossSubsystemXml(realm, client, baseUrl));
    case 'keycloak-oidc-jboss-subsystem-cli':
      return text(jbossSubsystemCli(realm, client, baseUrl));
    default:
      throw errorMessage(404, 'Unknown Provider');
  }
}
