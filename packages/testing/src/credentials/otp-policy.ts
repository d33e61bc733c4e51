import { applyRealmSettings, realmSetting } from '../admin/realm-representation.js';
import type { RealmRepresentation } from '../model/representations.js';
import type { RealmModel } from '../model/types.js';

/** The realm's OTP policy (RealmModel.getOTPPolicy); periods in seconds as Keycloak stores them. */
export interface OtpPolicy {
  type: string;
  algorithm: string;
  digits: number;
  periodSeconds: number;
  lookAheadWindow: number;
  initialCounter: number;
  codeReusable: boolean;
}

const FIELDS = ['otpPolicyType', 'otpPolicyAlgorithm', 'otpPolicyInitialCounter', 'otpPolicyDigits', 'otpPolicyLookAheadWindow', 'otpPolicyPeriod', 'otpPolicyCodeReusable'] as const;
const KIND: Record<(typeof FIELDS)[number], 'string' | 'number' | 'boolean'> = {
  otpPolicyType: 'string', otpPolicyAlgorithm: 'string', otpPolicyInitialCounter: 'number', otpPolicyDigits: 'number',
  otpPolicyLookAheadWindow: 'number', otpPolicyPeriod: 'number', otpPolicyCodeReusable: 'boolean',
};

/**
 * Keeps an imported realm's `otpPolicy*` fields as realm settings, where the admin API reads and updates them,
 * so one policy answers both the admin API and the grants. Fields of the wrong JSON type are ignored.
 */
export function importOtpPolicy(realm: RealmModel, rep: RealmRepresentation): void {
  const picked: Record<string, unknown> = {};
  for (const field of FIELDS) if (typeof rep[field] === KIND[field]) picked[field] = rep[field];
  applyRealmSettings(realm, picked as Parameters<typeof applyRealmSettings>[1]);
}

/** The OTP policy in force: admin updates, else the imported values, else Keycloak's defaults (TOTP, SHA1, 6, 30 s). */
export function otpPolicyOf(realm: RealmModel): OtpPolicy {
  const get = <T>(field: (typeof FIELDS)[number], fallback: T): T => {
    const value = realmSetting(realm, field);
    return typeof value === typeof fallback ? (value as T) : fallback;
  };
  return {
    type: get('otpPolicyType', 'totp'),
    algorithm: get('otpPolicyAlgorithm', 'HmacSHA1'),
    digits: get('otpPolicyDigits', 6),
    periodSeconds: get('otpPolicyPeriod', 30),
    lookAheadWindow: get('otpPolicyLookAheadWindow', 1),
    initialCounter: get('otpPolicyInitialCounter', 0),
    codeReusable: get('otpPolicyCodeReusable', false),
  };
}
