/**
 * The field names of a Service as DESIGN.md §3 lists them, in that order: what the CLI's
 * `--json`, the report's services.json and buildServices must all produce, and nothing else.
 */
export const SERVICE_FIELDS = [
  'certificateId',
  'previousCertificateIds',
  'hostName',
  'sslType',
  'status',
  'purchaseDate',
  'expireDate',
  'activationExpireDate',
  'dueDate',
  'daysLeft',
  'reissueState',
  'needsActivation',
  'lastSyncedAt',
] as const;

/** The same names sorted, to compare with `Object.keys(x).sort()`. */
export const SORTED_SERVICE_FIELDS: readonly string[] = [...SERVICE_FIELDS].sort();
