/**
 * Where one realm lives, carried as given rather than joined into an issuer and cut back out: Keycloak's base
 * URL and the realm's name, and the issuer they form. An allow-listed issuer that is not of the form
 * `{serverUrl}/realms/{name}` has neither (its tokens verify; UMA and Protection API calls are refused).
 */
export interface RealmAddress {
  readonly issuer: string;
  readonly serverUrl: string | undefined;
  readonly realmName: string | undefined;
}

/**
 * The address of realm `realmName` on the Keycloak at `serverUrl` (no trailing slash). The issuer carries the
 * name percent-encoded, as Keycloak writes it in `iss` (`café` -> `caf%C3%A9`, a space -> `%20`; `'` and `~` stay).
 */
export function realmAddress(serverUrl: string, realmName: string): RealmAddress {
  return { issuer: `${serverUrl}/realms/${encodeURIComponent(realmName)}`, serverUrl, realmName };
}

/** The address of an allow-listed issuer URL, read once when the options are checked. */
export function issuerAddress(issuer: string): RealmAddress {
  const match = /^(.*)\/realms\/([^/]+)$/.exec(issuer);
  if (match === null) return { issuer, serverUrl: undefined, realmName: undefined };
  const realmName = decodeOrUndefined(match[2] as string);
  return { issuer, serverUrl: realmName === undefined ? undefined : match[1], realmName };
}

function decodeOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape: no realm name can be read from the issuer.
  }
  return undefined;
}
