import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realmAdmin, type RealmAdmin } from './support/admin-conformance.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// POST clients/{id}/certificates/{attr}/generate-and-download and /download (ClientAttributeCertificateResource):
// a key store (JKS or PKCS12) with the client's key pair and the realm's RSA certificate, read back with the JDK's
// keytool and OpenSSL as a user would.

let target: KeycloakTarget;
let realm: string;
let api: RealmAdmin;
let client: string;
let dir: string;

/** A keytool: the Temurin JDK's, then JAVA_HOME's, then one on the PATH; undefined when there is none. */
function findKeytool(): string | undefined {
  const candidates = [
    '/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool',
    ...(process.env['JAVA_HOME'] ? [join(process.env['JAVA_HOME'], 'bin', 'keytool')] : []),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  try {
    execFileSync('keytool', ['-help'], { stdio: 'ignore' });
    return 'keytool';
  } catch {
    return undefined;
  }
}
const keytool = findKeytool();

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const openssl = hasOpenssl();

interface ListedEntry {
  alias: string;
  type: string;
  owner: string;
  keyBits: string;
  validYears: number;
}

/** `keytool -list -v` of a key store, each entry as alias, type, owner, key size and validity in whole years. */
function list(bytes: Buffer, type: 'JKS' | 'PKCS12', storePassword: string): ListedEntry[] {
  const file = join(dir, `store-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, bytes);
  const out = execFileSync(
    keytool ?? 'keytool',
    ['-list', '-v', '-storetype', type, '-keystore', file, '-storepass', storePassword],
    {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', JAVA_TOOL_OPTIONS: '-Duser.language=en -Duser.timezone=UTC' },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return out
    .split(/\n(?=Alias name: )/)
    .filter((block) => block.startsWith('Alias name: '))
    .map((block) => {
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1]?.trim() ?? '';
      const [, from = '', until = ''] = block.match(/^Valid from: (.*) until: (.*)$/m) ?? [];
      return {
        alias: field('Alias name'),
        type: field('Entry type'),
        owner: field('Owner'),
        keyBits: field('Subject Public Key Algorithm'),
        validYears: Math.round((Date.parse(until) - Date.parse(from)) / (365.25 * 24 * 3600 * 1000)),
      };
    })
    .sort((a, b) => a.alias.localeCompare(b.alias));
}

const CERTS = '/clients/{client}/certificates';
const post = (path: string, json: unknown) => api.call('POST', path.replace('{client}', client), { json });

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-keystores');
  api = realmAdmin(target, realm);
  client = await api.create('/clients', { clientId: 'KeyStoreApp' });
  dir = mkdtempSync(join(tmpdir(), 'keystores-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await target.close();
});

describe(`client key stores (${targetKind})`, () => {
  it('generates a key pair into a JKS key store: octet-stream, no-cache, the JKS magic, only the certificate kept', async () => {
    const answer = await post(`${CERTS}/jwt.credential/generate-and-download`, {
      format: 'JKS',
      keyPassword: 'key-secret',
      storePassword: 'store-secret',
    });
    expect([answer.status, answer.headers.get('content-type'), answer.headers.get('cache-control')]).toEqual([
      200,
      'application/octet-stream',
      'no-cache',
    ]);
    expect(answer.bytes.subarray(0, 8).toString('hex')).toBe('feedfeed00000002');
    const info = await api.call('GET', `/clients/${client}/certificates/jwt.credential`);
    expect(Object.keys(info.json as object)).toEqual(['certificate']);
  });

  it.skipIf(keytool === undefined)(
    'writes a JKS key store keytool reads: the key under the clientId (lower-cased), the realm certificate under the realm name (needs keytool)',
    async () => {
      const answer = await post(`${CERTS}/jwt.credential/generate-and-download`, {
        format: 'JKS',
        keyPassword: 'key-secret',
        storePassword: 'store-secret',
      });
      // sorted by alias: the realm's name starts with 'admin-'
      expect(list(answer.bytes, 'JKS', 'store-secret')).toEqual([
        { alias: realm, type: 'trustedCertEntry', owner: `CN=${realm}`, keyBits: '2048-bit RSA key', validYears: 10 },
        {
          alias: 'keystoreapp',
          type: 'PrivateKeyEntry',
          owner: 'CN=KeyStoreApp',
          keyBits: '4096-bit RSA key',
          validYears: 3,
        },
      ]);
      expect(() => list(answer.bytes, 'JKS', 'wrong-secret')).toThrow();
    },
  );

  it.skipIf(keytool === undefined)(
    'writes a PKCS12 key store with the given aliases, key size and validity in years (needs keytool)',
    async () => {
      const answer = await post(`${CERTS}/saml.signing/generate-and-download`, {
        format: 'PKCS12',
        keyPassword: 'store-secret',
        storePassword: 'store-secret',
        keyAlias: 'signing',
        realmAlias: 'realm-cert',
        keySize: 2048,
        validity: 40,
      });
      expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'application/octet-stream']);
      expect(list(answer.bytes, 'PKCS12', 'store-secret')).toEqual([
        {
          alias: 'realm-cert',
          type: 'trustedCertEntry',
          owner: `CN=${realm}`,
          keyBits: '2048-bit RSA key',
          validYears: 10,
        },
        {
          alias: 'signing',
          type: 'PrivateKeyEntry',
          owner: 'CN=KeyStoreApp',
          keyBits: '2048-bit RSA key',
          validYears: 40,
        },
      ]);
    },
  );

  it.skipIf(!openssl)(
    'writes a PKCS12 key store OpenSSL decrypts: one private key and two certificates (needs openssl)',
    async () => {
      const answer = await post(`${CERTS}/saml.signing/generate-and-download`, {
        format: 'PKCS12',
        keyPassword: 'same-secret',
        storePassword: 'same-secret',
        keySize: 2048,
      });
      // -legacy: Keycloak's BouncyCastle encrypts the certificates with RC2-40, which OpenSSL 3 reads only so.
      const file = join(dir, 'openssl.p12');
      writeFileSync(file, answer.bytes);
      const pem = execFileSync('openssl', ['pkcs12', '-legacy', '-in', file, '-passin', 'pass:same-secret', '-nodes'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect([pem.match(/BEGIN PRIVATE KEY/g)?.length, pem.match(/BEGIN CERTIFICATE/g)?.length]).toEqual([1, 2]);
    },
  );

  it.skipIf(keytool === undefined)(
    'downloads a stored key pair, and a stored certificate alone as a certificate entry (needs keytool)',
    async () => {
      const generated = await post(`${CERTS}/stored/generate`, {});
      expect(generated.status).toBe(200);
      const withKey = await post(`${CERTS}/stored/download`, {
        format: 'PKCS12',
        keyPassword: 'store-secret',
        storePassword: 'store-secret',
        realmCertificate: false,
      });
      expect([withKey.status, withKey.headers.get('cache-control')]).toEqual([200, 'no-cache']);
      expect(list(withKey.bytes, 'PKCS12', 'store-secret').map((e) => [e.alias, e.type, e.validYears])).toEqual([
        ['keystoreapp', 'PrivateKeyEntry', 3],
      ]);
      // generate-and-download kept only the certificate of jwt.credential: no key password is needed then.
      const certOnly = await post(`${CERTS}/jwt.credential/download`, {
        format: 'JKS',
        storePassword: ' store-secret ',
      });
      expect(certOnly.status).toBe(200);
      expect(list(certOnly.bytes, 'JKS', 'store-secret').map((e) => [e.alias, e.type])).toEqual([
        [realm, 'trustedCertEntry'],
        ['keystoreapp', 'trustedCertEntry'],
      ]);
    },
  );

  it('refuses a download without key info, or without the passwords it needs', async () => {
    const none = await post(`${CERTS}/nothing/download`, { format: 'JKS', keyPassword: 'k', storePassword: 's' });
    expect([none.status, none.json]).toEqual([404, { error: 'keypair not generated for client' }]);
    const noKeyPassword = await post(`${CERTS}/stored/download`, { format: 'JKS', storePassword: 's' });
    expect([noKeyPassword.status, noKeyPassword.json]).toEqual([
      400,
      { error: 'password-missing', error_description: 'Need to specify a key password for jks download' },
    ]);
    const noStorePassword = await post(`${CERTS}/stored/download`, { format: 'JKS', keyPassword: 'k' });
    expect([noStorePassword.status, noStorePassword.json]).toEqual([
      400,
      { error: 'password-missing', error_description: 'Need to specify a store password for jks download' },
    ]);
  });

  it('refuses a generation without the passwords it needs, keeping the earlier certificate', async () => {
    const before = (await api.call('GET', `/clients/${client}/certificates/jwt.credential`)).json;
    for (const [body, missing] of [
      [{ format: 'JKS', storePassword: 's' }, 'key'],
      [{}, 'key'],
      [{ format: 'PKCS12', keyPassword: 'k' }, 'store'],
    ] as const) {
      const answer = await post(`${CERTS}/jwt.credential/generate-and-download`, body);
      expect([answer.status, answer.json]).toEqual([
        400,
        {
          error: 'password-missing',
          error_description: `Need to specify a ${missing} password for jks generation and download`,
        },
      ]);
    }
    expect((await api.call('GET', `/clients/${client}/certificates/jwt.credential`)).json).toEqual(before);
  });

  it('answers 406 for a format it does not know, naming the formats it writes', async () => {
    const answer = await post(`${CERTS}/jwt.credential/generate-and-download`, {
      format: 'PEM',
      keyPassword: 'k',
      storePassword: 's',
    });
    expect(answer.status).toBe(406);
    // Keycloak's default crypto provider also writes BCFKS; the in-memory server writes JKS and PKCS12 only.
    // Keycloak lists them from a set, in an order that changes between runs: compare them as a set.
    const error = (answer.json as { error: string }).error;
    const listed = /^Not supported keystore format\. Supported keystore formats: \[(.*)\]$/.exec(error)?.[1];
    expect(listed?.split(', ').sort()).toEqual(targetKind === 'real' ? ['BCFKS', 'JKS', 'PKCS12'] : ['JKS', 'PKCS12']);
  });

  it("answers Keycloak's 500 for a missing or lower-case format (KeystoreFormat.valueOf fails after the checks)", async () => {
    for (const body of [
      { keyPassword: 'k', storePassword: 's' },
      { format: 'pkcs12', keyPassword: 'k', storePassword: 's' },
    ]) {
      const answer = await post(`${CERTS}/stored/download`, body);
      expect([answer.status, answer.json]).toEqual([
        500,
        { error: 'unknown_error', error_description: 'For more on this error consult the server log.' },
      ]);
    }
  });

  it('refuses a body that does not bind to KeyStoreConfig', async () => {
    const unknown = await post(`${CERTS}/stored/download`, { format: 'JKS', storePassword: 's', bogus: 1 });
    expect([unknown.status, unknown.json]).toEqual([
      400,
      { error: 'Invalid json representation for KeyStoreConfig. Unrecognized field "bogus" at line 1 column 46.' },
    ]);
    const badSize = await post(`${CERTS}/stored/generate-and-download`, {
      format: 'JKS',
      keyPassword: 'k',
      storePassword: 's',
      keySize: 'big',
    });
    expect([badSize.status, badSize.json]).toEqual([
      400,
      { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    ]);
  });

  it("downloads key stores through KeycloakAdmin's typed extras, Keycloak's errors as KeycloakPostError", async () => {
    const admin = api.keycloakAdmin();
    try {
      const generated = await admin.generateAndDownloadClientKeystore(
        client,
        { format: 'PKCS12', keyPassword: 'k', storePassword: 's', keySize: 2048 },
        { attr: 'typed' },
      );
      expect(generated).toBeInstanceOf(Uint8Array);
      expect(generated[0]).toBe(0x30);
      const downloaded = await admin.downloadClientKeystore(
        client,
        { format: 'JKS', storePassword: 's', realmCertificate: false },
        { attr: 'typed' },
      );
      expect(Buffer.from(downloaded.subarray(0, 4)).toString('hex')).toBe('feedfeed');
      await expect(
        admin.downloadClientKeystore(client, { format: 'JKS', storePassword: 's' }, { attr: 'nothing' }),
      ).rejects.toMatchObject({ name: 'KeycloakPostError', status: 404 });
    } finally {
      await admin.close();
    }
  });
});
