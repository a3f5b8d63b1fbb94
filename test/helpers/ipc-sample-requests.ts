/**
 * One well-formed argument and one malformed argument per invoke channel, for the dispatcher and
 * shell tests ("every channel accepts its shape and rejects anything else").
 */
import type { InvokeChannel, RequestOf } from '../../preload/api.ts';

const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';

export const VALID_REQUESTS: { readonly [C in InvokeChannel]: RequestOf<C> } = {
  'app:getState': undefined,
  'environment:select': { environment: 'demo' },
  'environment:save': {
    environment: 'sandbox',
    baseUrl: 'https://api.sandbox.wvphost.com/xml.response',
    apiUser: 'alice',
    userName: 'alice',
    clientIp: '203.0.113.7',
    rateBudget: '20/min,700/h,8000/day',
    apiKey: 'k-0123456789',
  },
  'environment:logout': { environment: 'production' },
  'environment:testConnection': { environment: 'sandbox' },
  'settings:update': { dueDateOffsetDays: 15, dueSoonWindowDays: 45, dailySyncTime: '06:30', theme: 'dark' },
  'services:list': undefined,
  'services:detail': { certificateId: 101 },
  'sync:start': undefined,
  'sync:cancel': undefined,
  'sync:history': undefined,
  'export:certificate': { certificateId: 101, serverType: 'nginx' },
  'export:report': { certificateIds: [101, 205] },
  'csr:check': { certificateId: 101, csr: CSR },
  'approvers:list': { certificateId: 101 },
  'reissue:submit': { certificateId: 101, csr: CSR, dcv: { kind: 'email', approverEmail: 'admin@example.com' }, serverType: 'apache' },
  'activate:submit': { certificateId: 101, csr: CSR, dcv: { kind: 'dns' }, serverType: 'iis' },
  'renew:submit': { certificateId: 101, years: 1 },
  'approval:resend': { certificateId: 101 },
  'csr:openFile': undefined,
  'clipboard:write': { text: 'hello' },
};

/** Arguments a hostile or buggy renderer might send; each must be rejected before any handler runs. */
export const MALFORMED_REQUESTS: { readonly [C in InvokeChannel]: unknown } = {
  'app:getState': { anything: true },
  'environment:select': { environment: 'staging' },
  'environment:save': { ...VALID_REQUESTS['environment:save'], environment: 'demo' },
  'environment:logout': { environment: 'production', extra: 1 },
  'environment:testConnection': 'sandbox',
  'settings:update': { dueDateOffsetDays: 7 },
  'services:list': [1],
  'services:detail': { certificateId: '101' },
  'sync:start': null,
  'sync:cancel': 0,
  'sync:history': 'all',
  'export:certificate': { certificateId: 101, serverType: '../../etc' },
  'export:report': { certificateIds: [1.5] },
  'csr:check': { certificateId: 101, csr: 42 },
  'approvers:list': { certificateId: -1 },
  'reissue:submit': { certificateId: 101, csr: CSR, dcv: { kind: 'ftp' }, serverType: 'apache' },
  'activate:submit': { certificateId: 101, csr: CSR, serverType: 'apache' },
  'renew:submit': { certificateId: 101, years: 0 },
  'approval:resend': {},
  'csr:openFile': { path: '/etc/passwd' },
  'clipboard:write': { text: 'x', html: '<b>x</b>' },
};
