// The bank URL setting: the kiosk sends its device secret there, so it must be HTTPS; plain HTTP is only for a bank
// on this machine (development, tests).
import { describe, expect, it } from 'vitest';
import { BankSettingsSchema, DEFAULT_BANK_SETTINGS } from '../../electron/settings/kiosk-settings.ts';

const withUrl = (url: string) => BankSettingsSchema.safeParse({ ...DEFAULT_BANK_SETTINGS, url, deviceId: 'kiosk-01' }).success;

describe('the bank URL', () => {
  it('accepts HTTPS anywhere and plain HTTP only on this machine', () => {
    for (const url of ['https://bank.example', 'https://bank.example:8443/api', 'http://127.0.0.1:8787', 'http://localhost', 'http://[::1]:8787/'])
      expect(withUrl(url), url).toBe(true);
    for (const url of ['http://bank.example', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example:80', 'ftp://bank.example', 'https://', 'http://10.0.0.5:8787'])
      expect(withUrl(url), url).toBe(false);
  });
});
