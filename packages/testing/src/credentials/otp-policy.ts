import { realmSetting } from '../admin/realms/realm-representation.js';
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

// Imported and updated as realm settings (admin/realms/realm-representation.ts applyRealmSettings), read back here.
const FIELDS = [
  'otpPolicyType',
  'otpPolicyAlgorithm',
  'otpPolicyInitialCounter',
  'otpPolicyDigits',
  'otpPolicyLookAheadWindow',
  'otpPolicyPeriod',
  'otpPolicyCodeReusable',
] as const;

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
