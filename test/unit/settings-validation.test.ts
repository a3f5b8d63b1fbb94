import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_PRODUCTION_URL, DEFAULT_SANDBOX_URL } from '../../main/settings/defaults.ts';
import { formatRateBudget, parseRateBudget } from '../../main/settings/rate-budget.ts';
import { SettingsValidationError } from '../../main/settings/settings-validation-error.ts';
import { validateApiKey, validateEnvironmentSettings, validateSettingsPatch } from '../../main/settings/validate-settings.ts';

const GOOD = {
  baseUrl: 'https://api.wvphost.com/xml.response',
  apiUser: 'reseller1',
  userName: 'reseller1',
  clientIp: '203.0.113.7',
  rateBudget: { perMinute: 20, perHour: 700, perDay: 8000 },
};

function fieldOf(action: () => unknown): { field: string; message: string } {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsValidationError);
    const validation = error as SettingsValidationError;
    return { field: validation.field, message: validation.message };
  }
  throw new Error('expected a SettingsValidationError');
}

describe('environment settings validation', () => {
  it('accepts a complete, valid environment as it is', () => {
    expect(validateEnvironmentSettings(GOOD)).toEqual(GOOD);
  });

  it.each([
    ['apiUser', { apiUser: '' }, /apiUser is empty/],
    ['apiUser', { apiUser: 'u'.repeat(21) }, /apiUser is too long \(21 characters; at most 20\)/],
    ['userName', { userName: '' }, /userName is empty/],
    ['userName', { userName: 'n'.repeat(25) }, /userName is too long/],
    ['clientIp', { clientIp: '' }, /clientIp is empty/],
    ['clientIp', { clientIp: '203.0.113' }, /not an IPv4 address/],
    ['clientIp', { clientIp: '2001:db8::1' }, /not an IPv4 address/],
    ['clientIp', { clientIp: '256.1.1.1' }, /not an IPv4 address/],
    ['clientIp', { clientIp: '1203.0.113.77777' }, /too long/],
    ['baseUrl', { baseUrl: 'ftp://api.wvphost.com/xml.response' }, /https:\/\/ or http:\/\//],
    ['baseUrl', { baseUrl: 'api.wvphost.com' }, /not a URL/],
    ['baseUrl', { baseUrl: 'https://user:pw@api.wvphost.com/xml.response' }, /must not contain a user name or password/],
    ['apiUser', { apiUser: ' padded' }, /must not start or end with spaces/],
  ])('names %s when it is bad (%j)', (field, patch, message) => {
    const problem = fieldOf(() => validateEnvironmentSettings({ ...GOOD, ...patch }));
    expect(problem.field).toBe(field);
    expect(problem.message).toMatch(message);
  });

  it('names the rate budget window that is not a positive whole number', () => {
    const problem = fieldOf(() => validateEnvironmentSettings({ ...GOOD, rateBudget: { perMinute: 0, perHour: 700, perDay: 8000 } }));
    expect(problem.field).toBe('rateBudget.perMinute');
  });

  it('checks the API key length without ever repeating the key', () => {
    const longKey = `SECRET${'k'.repeat(60)}`;
    const problem = fieldOf(() => validateApiKey(longKey));
    expect(problem.field).toBe('apiKey');
    expect(problem.message).toMatch(/at most 50/);
    expect(problem.message).not.toContain('SECRET');
    expect(fieldOf(() => validateApiKey('')).field).toBe('apiKey');
    expect(validateApiKey('k'.repeat(50))).toHaveLength(50);
  });
});

describe('settings patch validation', () => {
  it.each([
    ['dueDateOffsetDays', { dueDateOffsetDays: 7 }, /one of 0, 5, 15, 30/],
    ['dueSoonWindowDays', { dueSoonWindowDays: 0 }, /between 1 and 365/],
    ['dueSoonWindowDays', { dueSoonWindowDays: 366 }, /between 1 and 365/],
    ['dueSoonWindowDays', { dueSoonWindowDays: 2.5 }, /whole number/],
    ['dailySyncTime', { dailySyncTime: '24:00' }, /HH:MM/],
    ['dailySyncTime', { dailySyncTime: '7:30' }, /HH:MM/],
    ['theme', { theme: 'blue' }, /system, light or dark/],
    ['activeEnvironment', { activeEnvironment: 'staging' }, /production, sandbox, demo/],
  ])('names %s when it is bad', (field, patch, message) => {
    const problem = fieldOf(() => validateSettingsPatch(DEFAULT_SETTINGS, patch as never));
    expect(problem.field).toBe(field);
    expect(problem.message).toMatch(message);
  });

  it('merges valid values and leaves the rest as they were', () => {
    const next = validateSettingsPatch(DEFAULT_SETTINGS, { dueDateOffsetDays: 30, dailySyncTime: '23:59' });
    expect(next.dueDateOffsetDays).toBe(30);
    expect(next.dailySyncTime).toBe('23:59');
    expect(next.environments).toEqual(DEFAULT_SETTINGS.environments);
  });

  it('validates a signed-in environment in full but lets an environment stay unconfigured', () => {
    const signedIn = validateSettingsPatch(DEFAULT_SETTINGS, { environments: { ...DEFAULT_SETTINGS.environments, sandbox: GOOD } });
    expect(signedIn.environments.sandbox).toEqual(GOOD);
    const problem = fieldOf(() =>
      validateSettingsPatch(DEFAULT_SETTINGS, { environments: { ...DEFAULT_SETTINGS.environments, sandbox: { ...GOOD, clientIp: 'nope' } } }),
    );
    expect(problem.field).toBe('clientIp');
  });
});

describe('defaults', () => {
  it('point production and sandbox at the two Wvphost endpoints with the documented budget', () => {
    expect(DEFAULT_SETTINGS.environments.production.baseUrl).toBe(DEFAULT_PRODUCTION_URL);
    expect(DEFAULT_SETTINGS.environments.sandbox.baseUrl).toBe(DEFAULT_SANDBOX_URL);
    expect(DEFAULT_SETTINGS.environments.production.rateBudget).toEqual({ perMinute: 20, perHour: 700, perDay: 8000 });
    expect(DEFAULT_SETTINGS.dueDateOffsetDays).toBe(0);
    expect(DEFAULT_SETTINGS.activeEnvironment).toBeNull();
  });
});

describe('rate budget text', () => {
  it.each([
    ['20/min,700/h,8000/day', { perMinute: 20, perHour: 700, perDay: 8000 }],
    ['8000/day, 700/hour, 20/min', { perMinute: 20, perHour: 700, perDay: 8000 }],
    ['5/MIN,100/H,1000/DAY', { perMinute: 5, perHour: 100, perDay: 1000 }],
    ['10/min', { perMinute: 10, perHour: 700, perDay: 8000 }],
  ])('parses %s', (text, budget) => {
    expect(parseRateBudget(text)).toEqual(budget);
  });

  it.each(['', 'fast', '20/minute/x', '20/week', '0/min', '-1/min', '1.5/min', '20/min,30/min', '20 per min', '20/min;700/h'])(
    'rejects %j, naming the field',
    (text) => {
      const problem = fieldOf(() => parseRateBudget(text, 'rateLimit'));
      expect(problem.field).toBe('rateLimit');
      expect(problem.message).toMatch(/^rateLimit is not a rate budget/);
    },
  );

  it('formats what it parses back to the same text', () => {
    const text = '20/min,700/h,8000/day';
    expect(formatRateBudget(parseRateBudget(text))).toBe(text);
  });
});
