import { describe, expect, it } from 'vitest';
import { issuerAddress, realmAddress } from '../../../src/guard/internal/realm-address.js';

describe('realm addresses', () => {
  it('joins a server URL and a realm name into the issuer, keeping both', () => {
    expect(realmAddress('https://kc.example.com/auth', 'acme')).toEqual({
      issuer: 'https://kc.example.com/auth/realms/acme',
      serverUrl: 'https://kc.example.com/auth',
      realmName: 'acme',
    });
  });

  it('reads the server URL and the decoded realm name of an allow-listed Keycloak issuer once', () => {
    expect(issuerAddress('https://kc.example.com/realms/caf%C3%A9')).toEqual({
      issuer: 'https://kc.example.com/realms/caf%C3%A9',
      serverUrl: 'https://kc.example.com',
      realmName: 'café',
    });
  });

  it('gives an issuer that is not a Keycloak realm URL neither a server URL nor a realm name', () => {
    for (const issuer of [
      'https://login.example.com/',
      'https://kc.example.com/realms/',
      'https://kc.example.com/realms/%E0%A4%A',
      'https://kc.example.com/realms/shop/extra',
    ]) {
      expect(issuerAddress(issuer)).toEqual({ issuer, serverUrl: undefined, realmName: undefined });
    }
  });
});
