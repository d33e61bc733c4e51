/** Reads an exported authorization config from a file or an object (python-keycloak's load_authorization_config). */
import { readFile } from 'node:fs/promises';
import { KeycloakAuthorizationConfigError } from '../../errors.js';
import { Authorization } from './authorization.js';

/**
 * Loads exported authorization settings into an {@link Authorization}.
 *
 * @param pathOrObject - a path (or file URL) of the exported JSON, or the already parsed object.
 * @throws KeycloakAuthorizationConfigError when the file cannot be read, is not JSON, or is malformed.
 */
export async function loadAuthorizationConfig(pathOrObject: string | URL | object): Promise<Authorization> {
  const data = await readAuthorizationConfig(pathOrObject);
  const authorization = new Authorization();
  authorization.loadConfig(data);
  return authorization;
}

/**
 * The exported settings themselves: a path (or file URL) is read as JSON, an object is returned as is.
 * @throws KeycloakAuthorizationConfigError when the file cannot be read or is not JSON.
 */
export async function readAuthorizationConfig(pathOrObject: string | URL | object): Promise<unknown> {
  return typeof pathOrObject === 'string' || pathOrObject instanceof URL ? readJson(pathOrObject) : pathOrObject;
}

async function readJson(path: string | URL): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new KeycloakAuthorizationConfigError(`Cannot read the authorization config file ${String(path)}`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new KeycloakAuthorizationConfigError(`The authorization config file ${String(path)} is not valid JSON`, {
      cause,
    });
  }
}
