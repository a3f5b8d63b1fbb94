/**
 * One zod schema per invoke channel: what the untrusted renderer may send.
 *
 * Objects are strict (unknown keys are rejected, not stripped) so that a compromised renderer
 * cannot smuggle fields through to the core; numbers are bounded integers and strings have a
 * length cap so that no request can make the main process allocate without limit. Meaning-level
 * checks (is the base URL usable, is the time a valid HH:MM) stay in the settings validation,
 * which names the field; these schemas only check the shape.
 */
import { z } from 'zod';
import { SERVER_TYPES, type InvokeChannel, type RequestOf } from '../../preload/api.ts';
import { DUE_DATE_OFFSETS, ENVIRONMENT_IDS } from '../domain/service.ts';

/** Largest certificate ID accepted (Wvphost IDs are positive 32-bit integers). */
const MAX_CERTIFICATE_ID = 2_147_483_647;

const certificateId = z.number().int().positive().max(MAX_CERTIFICATE_ID);
const environment = z.enum(ENVIRONMENT_IDS);
const configurableEnvironment = z.enum(['production', 'sandbox']);
const serverType = z.enum(SERVER_TYPES);
/** A PEM CSR is a few kilobytes; 64 KiB leaves room for huge SAN lists and still bounds memory. */
const csr = z.string().min(1).max(65_536);
const noArgument = z.undefined();

const dcv = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), approverEmail: z.string().min(3).max(254) }),
  z.strictObject({ kind: z.literal('http') }),
  z.strictObject({ kind: z.literal('dns') }),
]);

const submitCsr = z.strictObject({
  certificateId,
  csr,
  dcv,
  serverType,
  adminEmailAddress: z.string().max(254).optional(),
});

/** The schema of every channel's argument, keyed by channel; the mapped type keeps it complete. */
export const REQUEST_SCHEMAS: { readonly [C in InvokeChannel]: z.ZodType<RequestOf<C>> } = {
  'app:getState': noArgument,
  'environment:select': z.strictObject({ environment }),
  'environment:save': z.strictObject({
    environment: configurableEnvironment,
    baseUrl: z.string().max(2048),
    apiUser: z.string().max(64),
    userName: z.string().max(64),
    clientIp: z.string().max(64),
    rateBudget: z.string().max(200),
    apiKey: z.string().min(1).max(256).optional(),
  }),
  'environment:logout': z.strictObject({ environment: configurableEnvironment }),
  'environment:testConnection': z.strictObject({ environment }),
  'settings:update': z.strictObject({
    dueDateOffsetDays: z.literal(DUE_DATE_OFFSETS).optional(),
    dueSoonWindowDays: z.number().int().min(0).max(3650).optional(),
    dailySyncTime: z.string().max(5).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
  }),
  'services:list': noArgument,
  'services:detail': z.strictObject({ certificateId }),
  'sync:start': noArgument,
  'sync:cancel': noArgument,
  'sync:history': noArgument,
  'export:certificate': z.strictObject({ certificateId, serverType }),
  'export:report': z.strictObject({ certificateIds: z.array(certificateId).max(1_000_000).optional() }),
  'csr:check': z.strictObject({ certificateId, csr }),
  'approvers:list': z.strictObject({ certificateId }),
  'reissue:submit': submitCsr,
  'activate:submit': submitCsr,
  'renew:submit': z.strictObject({ certificateId, years: z.number().int().min(1).max(10) }),
  'approval:resend': z.strictObject({ certificateId }),
  'csr:openFile': noArgument,
  'clipboard:write': z.strictObject({ text: z.string().max(1_000_000) }),
};
