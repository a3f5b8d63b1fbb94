import { z } from 'zod';
import { DUE_DATE_OFFSETS, ENVIRONMENT_IDS } from '../domain/service.ts';
import type { EnvironmentSettings, Settings } from './types.ts';
import { SettingsValidationError } from './settings-validation-error.ts';

/** Field limits of wvphost-api.md §2. */
export const FIELD_LIMITS = { apiUser: 20, userName: 20, apiKey: 50, clientIp: 15 } as const;

const boundedText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .min(1, { error: `${field} is empty; it is required` })
    .max(max, { error: (issue) => `${field} is too long (${String((issue.input as string).length)} characters; at most ${max})` })
    .refine((value) => value.trim() === value, { error: `${field} must not start or end with spaces` })
    .refine((value) => ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f), { error: `${field} must not contain control characters` });

const baseUrlSchema = z.string({ error: 'baseUrl must be text' }).superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: 'custom', message: `baseUrl "${value}" is not a URL; expected e.g. https://api.wvphost.com/xml.response` });
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    context.addIssue({ code: 'custom', message: `baseUrl must start with https:// or http:// (got ${url.protocol})` });
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL end up in logs; the API key goes to the keychain instead.
    context.addIssue({ code: 'custom', message: 'baseUrl must not contain a user name or password' });
  }
});

const clientIpSchema = z
  .string({ error: 'clientIp must be text' })
  .min(1, { error: 'clientIp is empty; type the IPv4 address Wvphost whitelisted for your API access' })
  .max(FIELD_LIMITS.clientIp, { error: `clientIp is too long (at most ${FIELD_LIMITS.clientIp} characters)` })
  .pipe(z.ipv4({ error: (issue) => `clientIp "${String(issue.input)}" is not an IPv4 address like 203.0.113.7` }));

const budgetWindow = (field: string) =>
  z.number({ error: `${field} must be a number` }).int({ error: `${field} must be a whole number` }).min(1, { error: `${field} must be at least 1` });

export const rateBudgetSchema = z.object(
  { perMinute: budgetWindow('rateBudget.perMinute'), perHour: budgetWindow('rateBudget.perHour'), perDay: budgetWindow('rateBudget.perDay') },
  { error: 'rateBudget must be an object' },
);

/** A signed-in environment's settings: every field required and within Wvphost's limits. */
export const environmentSettingsSchema = z.object({
  baseUrl: baseUrlSchema,
  apiUser: boundedText('apiUser', FIELD_LIMITS.apiUser),
  userName: boundedText('userName', FIELD_LIMITS.userName),
  clientIp: clientIpSchema,
  rateBudget: rateBudgetSchema,
});

/** A signed-out environment keeps only its URL and budget, which must still be valid. */
const unconfiguredEnvironmentSchema = z.object({ baseUrl: baseUrlSchema, rateBudget: rateBudgetSchema });

export const apiKeySchema = boundedText('apiKey', FIELD_LIMITS.apiKey);

const dailySyncTimeSchema = z
  .string({ error: 'dailySyncTime must be text' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (issue) => `dailySyncTime "${String(issue.input)}" is not a time like 07:30 (HH:MM, 24-hour)` });

const windowBoundsSchema = z
  .object({
    x: z.number().int().optional(),
    y: z.number().int().optional(),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    maximized: z.boolean(),
  })
  .nullable();

/** The non-environment settings a patch may carry. */
const settingsFieldSchemas = {
  activeEnvironment: z.enum(ENVIRONMENT_IDS, { error: `activeEnvironment must be one of ${ENVIRONMENT_IDS.join(', ')}` }).nullable(),
  dueDateOffsetDays: z.union(
    DUE_DATE_OFFSETS.map((days) => z.literal(days)),
    { error: `dueDateOffsetDays must be one of ${DUE_DATE_OFFSETS.join(', ')}` },
  ),
  dueSoonWindowDays: z
    .number({ error: 'dueSoonWindowDays must be a number' })
    .int({ error: 'dueSoonWindowDays must be a whole number of days' })
    .min(1, { error: 'dueSoonWindowDays must be between 1 and 365' })
    .max(365, { error: 'dueSoonWindowDays must be between 1 and 365' }),
  dailySyncTime: dailySyncTimeSchema,
  theme: z.enum(['system', 'light', 'dark'], { error: 'theme must be system, light or dark' }),
  window: windowBoundsSchema,
} as const;

/** Throws the first problem as a SettingsValidationError naming its field (all problems in the message). */
function raise(error: z.ZodError): never {
  const issues = error.issues;
  const first = issues[0];
  const field = first?.path.map(String).join('.') ?? '';
  const message = issues.map((issue) => issue.message).join('; ');
  throw new SettingsValidationError(field === '' ? 'settings' : field, `${message}.`);
}

/** Validates the settings of a signed-in environment; throws SettingsValidationError naming the field. */
export function validateEnvironmentSettings(input: unknown): EnvironmentSettings {
  const result = environmentSettingsSchema.safeParse(input);
  if (!result.success) raise(result.error);
  return result.data;
}

/** Validates an API key's shape (non-empty, ≤50, no spaces around it) without ever echoing it. */
export function validateApiKey(apiKey: string): string {
  const result = apiKeySchema.safeParse(apiKey);
  if (!result.success) {
    // The zod messages never include the input for this schema, but keep it certain.
    const first = result.error.issues[0];
    throw new SettingsValidationError('apiKey', `${first?.message ?? 'apiKey is not valid'}.`);
  }
  return result.data;
}

/** An environment nobody signed in to: empty credentials are allowed until then. */
function isUnconfigured(environment: EnvironmentSettings): boolean {
  return environment.apiUser === '' && environment.userName === '' && environment.clientIp === '';
}

/**
 * Validates a settings patch against the current settings and returns the merged result.
 *
 * Only fields present in the patch are checked strictly; an environment in the patch must be
 * either fully signed in (every field valid) or completely unconfigured (signed out).
 */
export function validateSettingsPatch(current: Settings, patch: Partial<Settings>): Settings {
  const next: { -readonly [K in keyof Settings]: Settings[K] } = { ...current };
  for (const key of Object.keys(patch) as (keyof Settings)[]) {
    if (key === 'environments') continue;
    const schema = settingsFieldSchemas[key];
    if (schema === undefined) throw new SettingsValidationError(String(key), `${String(key)} is not a setting.`);
    const result = schema.safeParse(patch[key]);
    if (!result.success) {
      const first = result.error.issues[0];
      throw new SettingsValidationError(key, `${first?.message ?? `${key} is not valid`}.`);
    }
    (next as Record<string, unknown>)[key] = result.data;
  }
  if (patch.environments !== undefined) {
    const environments = { ...current.environments };
    for (const id of ['production', 'sandbox'] as const) {
      const environment = patch.environments[id];
      if (environment === undefined) continue;
      if (isUnconfigured(environment)) {
        const result = unconfiguredEnvironmentSchema.safeParse(environment);
        if (!result.success) raise(result.error);
        environments[id] = { ...environment };
      } else {
        environments[id] = validateEnvironmentSettings(environment);
      }
    }
    next.environments = environments;
  }
  return next;
}
