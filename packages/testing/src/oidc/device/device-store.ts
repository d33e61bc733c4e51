import type { Kernel } from '../../http/context.js';
import type { RealmModel } from '../../model/types.js';
import { ExpiringStore } from '../../shared/expiring-store.js';

/** One device authorization (OAuth2DeviceCodeModel). */
export interface DeviceAuthorization {
  realmId: string;
  clientUuid: string;
  deviceCode: string;
  userCode: string;
  scope: string;
  nonce: string | undefined;
  /** Seconds between polls the device was told to keep. */
  intervalSeconds: number;
  status: 'pending' | 'approved' | 'denied';
  sessionId?: string;
  lastPollSeconds?: number;
}

/** Device authorizations of one server, by device code and by user code. */
export interface DeviceState {
  byDeviceCode: ExpiringStore<DeviceAuthorization>;
  byUserCode: ExpiringStore<DeviceAuthorization>;
}

const states = new WeakMap<Kernel, DeviceState>();

/** The device-grant state of one server (created on first use). */
export function deviceState(kernel: Kernel): DeviceState {
  let state = states.get(kernel);
  if (!state) {
    state = { byDeviceCode: new ExpiringStore(10_000), byUserCode: new ExpiringStore(10_000) };
    states.set(kernel, state);
  }
  return state;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Lifespan and polling interval in seconds: client attributes first, then realm attributes, then 600/5. */
export function deviceTimings(
  realm: RealmModel,
  attributes: Record<string, string>,
): { lifespanSeconds: number; intervalSeconds: number } {
  return {
    lifespanSeconds: positive(
      attributes['oauth2.device.code.lifespan'],
      positive(realm.attributes['oauth2DeviceCodeLifespan'], 600),
    ),
    intervalSeconds: positive(
      attributes['oauth2.device.polling.interval'],
      positive(realm.attributes['oauth2DevicePollingInterval'], 5),
    ),
  };
}

/** Normalises a typed user code (case, spaces, missing dash) to the stored XXXX-XXXX form. */
export function normaliseUserCode(input: string): string {
  const letters = input.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : input.trim().toUpperCase();
}
