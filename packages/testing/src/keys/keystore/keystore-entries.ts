import type { KeyObject } from 'node:crypto';

/** A private key with its certificate chain (DER), under an alias. */
export interface PrivateKeyEntry {
  kind: 'private-key';
  alias: string;
  privateKey: KeyObject;
  /** The key's password (JKS's KeyProtector, PKCS#12's shrouded key bag). */
  password: string;
  chain: readonly Buffer[];
}

/** A trusted certificate (DER) under an alias. */
export interface TrustedCertificateEntry {
  kind: 'trusted-certificate';
  alias: string;
  certificate: Buffer;
}

export type KeystoreEntry = PrivateKeyEntry | TrustedCertificateEntry;

/** What a keystore writer is given: its entries, the store password, and the time the entries are dated. */
export interface KeystoreContent {
  entries: readonly KeystoreEntry[];
  storePassword: string;
  nowMs: number;
}
