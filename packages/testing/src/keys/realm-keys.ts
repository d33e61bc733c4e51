import { createHash, randomUUID } from 'node:crypto';
import { exportJWK } from 'jose';
import type { ComponentRepresentation } from '../model/representations.js';
import { isSupportedKeyProvider, materialiseKey, type KeyEntry } from './key-entry.js';

/** A JSON Web Key as Keycloak's certs endpoint writes it. */
export interface PublicJwk {
  kid: string;
  kty: string;
  alg: string;
  use: string;
  [member: string]: unknown;
}

type Component = ComponentRepresentation & { id: string };

/** The key components a new Keycloak 26 realm gets. */
function defaultComponents(): Component[] {
  const make = (name: string, providerId: string, config: Record<string, string[]>): Component => ({
    id: randomUUID(),
    name,
    providerId,
    subComponents: {},
    config: { priority: ['100'], ...config },
  });
  return [
    make('rsa-generated', 'rsa-generated', {}),
    make('rsa-enc-generated', 'rsa-enc-generated', { algorithm: ['RSA-OAEP'] }),
    make('hmac-generated-hs512', 'hmac-generated', { algorithm: ['HS512'] }),
    make('aes-generated', 'aes-generated', {}),
  ];
}

/** The generated provider (and its config) that Keycloak's createFallbackKeys picks for a signature algorithm. */
function fallbackProvider(alg: string): { providerId: string; config: Record<string, string[]> } | undefined {
  if (/^HS(256|384|512)$/.test(alg)) return { providerId: 'hmac-generated', config: { algorithm: [alg] } };
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return { providerId: 'rsa-generated', config: { algorithm: [alg] } };
  const curve = ({ ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' } as Record<string, string>)[alg];
  if (curve) return { providerId: 'ecdsa-generated', config: { ecdsaEllipticCurveKey: [curve] } };
  if (alg === 'EdDSA') return { providerId: 'eddsa-generated', config: {} };
  return undefined;
}

/**
 * A realm's keys, made lazily from its `org.keycloak.keys.KeyProvider` components: generating 2048-bit RSA
 * keys is slow and most realms of a test never sign anything.
 */
export class RealmKeys {
  readonly #realmName: string;
  readonly #now: () => number;
  readonly #components: Component[];
  readonly #entries = new Map<string, Promise<KeyEntry>>();
  readonly #fallbacks = new Map<string, Promise<KeyEntry | undefined>>();

  /** `components` are the realm's key provider components; none means Keycloak's generated defaults. */
  constructor(realmName: string, components: readonly ComponentRepresentation[] | undefined, now: () => number) {
    this.#realmName = realmName;
    this.#now = now;
    const given = (components ?? []).map((c) => ({ ...c, id: c.id ?? randomUUID(), config: { ...c.config } }));
    this.#components = given.length > 0 ? given : defaultComponents();
  }

  /** All usable keys (supported providers), enabled or not, highest priority first. */
  async all(): Promise<KeyEntry[]> {
    // A component whose key cannot be made (a broken imported PEM) is left out, as Keycloak disables it.
    const settled = await Promise.allSettled(
      this.#components.filter((c) => isSupportedKeyProvider(c.providerId)).map((c) => this.#entry(c)),
    );
    const entries = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    return entries.sort((a, b) => b.priority - a.priority);
  }

  /**
   * The key that signs new tokens with `alg`: enabled, active, highest priority. When the realm has none (an
   * import that lists only an ECDSA provider still needs HS512 for refresh tokens), a `fallback-<alg>` provider
   * with priority -100 is added, as Keycloak's DefaultKeyManager does through createFallbackKeys; undefined only
   * for an algorithm no provider can make.
   */
  async signingKey(alg: string): Promise<KeyEntry | undefined> {
    const found = (await this.all()).find((k) => k.alg === alg && k.use === 'sig' && k.enabled && k.active);
    if (found) return found;
    let pending = this.#fallbacks.get(alg);
    if (!pending) {
      // One fallback per algorithm however many requests race here; dropped once settled so a removed
      // fallback is made again on the next call.
      pending = this.#addFallback(alg).finally(() => this.#fallbacks.delete(alg));
      this.#fallbacks.set(alg, pending);
    }
    return pending;
  }

  async #addFallback(alg: string): Promise<KeyEntry | undefined> {
    const spec = fallbackProvider(alg);
    if (!spec) return undefined;
    const component: Component = {
      id: randomUUID(),
      name: `fallback-${alg}`,
      providerId: spec.providerId,
      config: { priority: ['-100'], ...spec.config },
    };
    this.#components.push(component);
    return this.#entry(component);
  }

  /** The enabled key with this kid (active or passive), for verification. */
  async verificationKey(kid: string): Promise<KeyEntry | undefined> {
    return (await this.all()).find((k) => k.kid === kid && k.enabled);
  }

  /** The realm's public keys as the certs endpoint lists them (no HMAC secrets). */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    const keys: PublicJwk[] = [];
    for (const entry of await this.all()) {
      if (!entry.enabled || !entry.publicKey) continue;
      const { kty = '', n, e, crv, x, y } = await exportJWK(entry.publicKey);
      const jwk: PublicJwk = { kid: entry.kid, kty, alg: entry.alg, use: entry.use };
      if (kty === 'RSA') Object.assign(jwk, { n, e });
      else Object.assign(jwk, y === undefined ? { crv, x } : { crv, x, y });
      if (entry.certificate) {
        jwk['x5c'] = [entry.certificate.toString('base64')];
        jwk['x5t'] = createHash('sha1').update(entry.certificate).digest('base64url');
        jwk['x5t#S256'] = createHash('sha256').update(entry.certificate).digest('base64url');
      }
      keys.push(jwk);
    }
    return { keys };
  }

  /**
   * Adds a generated key that outranks every existing key of its algorithm, as an admin adding a provider with
   * a higher priority does. Older keys keep verifying until removed. Returns the new key.
   */
  async rotate(
    options: {
      providerId?: 'rsa-generated' | 'ecdsa-generated' | 'eddsa-generated' | 'hmac-generated';
      algorithm?: string;
    } = {},
  ): Promise<KeyEntry> {
    const providerId = options.providerId ?? 'rsa-generated';
    const existing = await this.all();
    const top = existing.reduce((max, k) => Math.max(max, k.priority), 0);
    const config: Record<string, string[]> = { priority: [String(top + 1)] };
    if (options.algorithm) config['algorithm'] = [options.algorithm];
    const component: Component = {
      id: randomUUID(),
      name: `${providerId}-${Date.now().toString(36)}`,
      providerId,
      config,
    };
    this.#components.push(component);
    return this.#entry(component);
  }

  /** Adds a key provider component (e.g. an imported `rsa` key) and returns its key. */
  async addComponent(component: ComponentRepresentation): Promise<KeyEntry | undefined> {
    const stored: Component = { ...component, id: component.id ?? randomUUID() };
    this.#components.push(stored);
    return isSupportedKeyProvider(stored.providerId) ? this.#entry(stored) : undefined;
  }

  /** Removes the key with this kid (or component id); tokens it signed no longer verify. */
  async remove(kidOrComponentId: string): Promise<boolean> {
    const entry = (await this.all()).find((k) => k.kid === kidOrComponentId || k.componentId === kidOrComponentId);
    const componentId = entry?.componentId ?? kidOrComponentId;
    const index = this.#components.findIndex((c) => c.id === componentId);
    if (index < 0) return false;
    this.#components.splice(index, 1);
    this.#entries.delete(componentId);
    return true;
  }

  /** Components for a realm export, with generated material written back so a re-import keeps the keys. */
  async components(): Promise<ComponentRepresentation[]> {
    await this.all();
    const out: ComponentRepresentation[] = [];
    for (const component of this.#components) {
      const config: Record<string, string[]> = { ...component.config };
      const pending = this.#entries.get(component.id);
      if (pending) {
        const entry = await pending;
        config['priority'] = [String(entry.priority)];
        // Keycloak stores active/enabled only once set (a new realm's providers hold just their priority).
        if (component.config?.['active'] || !entry.active) config['active'] = [String(entry.active)];
        if (component.config?.['enabled'] || !entry.enabled) config['enabled'] = [String(entry.enabled)];
        if (entry.secret) Object.assign(config, { kid: [entry.kid], secret: [entry.secret.toString('base64url')] });
        if (entry.providerId !== 'hmac-generated' && entry.privateKey) {
          const rsa = entry.privateKey.asymmetricKeyType === 'rsa';
          const text = entry.privateKey.export({ format: 'der', type: rsa ? 'pkcs1' : 'pkcs8' }).toString('base64');
          const field = rsa
            ? 'privateKey'
            : entry.providerId === 'ecdsa-generated'
              ? 'ecdsaPrivateKey'
              : 'eddsaPrivateKey';
          config[field] = [text];
          if (entry.certificate) config['certificate'] = [entry.certificate.toString('base64')];
        }
      }
      out.push({ ...component, config });
    }
    return out;
  }

  #entry(component: Component): Promise<KeyEntry> {
    let pending = this.#entries.get(component.id);
    if (!pending) {
      pending = materialiseKey(component, this.#realmName, this.#now());
      this.#entries.set(component.id, pending);
    }
    return pending;
  }
}
