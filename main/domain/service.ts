/**
 * The domain model shared by the sync engine, the cache, the exports, the CLI and the UI.
 *
 * `Service` is DESIGN.md §3 verbatim: the CLI's `--json` and the report export emit these field
 * names exactly. Extra fields may be added; existing ones keep their names and meanings.
 */

export const ENVIRONMENT_IDS = ['production', 'sandbox', 'demo'] as const;
export type EnvironmentId = (typeof ENVIRONMENT_IDS)[number];

export type ReissueState = 'none' | 'pending' | 'reissued';

export const DUE_DATE_OFFSETS = [0, 5, 15, 30] as const;
export type DueDateOffsetDays = (typeof DUE_DATE_OFFSETS)[number];

/** One certificate lineage, described by its newest certificate (DESIGN.md §3). */
export interface Service {
  readonly certificateId: number;
  /** Replaced certificates of the lineage, oldest first; `[]` if never reissued. */
  readonly previousCertificateIds: readonly number[];
  readonly hostName: string;
  readonly sslType: string;
  /** Lower-cased status of the newest certificate (`active`, `purchased`, `newrenewal`, ...). */
  readonly status: string;
  /** `YYYY-MM-DD` */
  readonly purchaseDate: string | null;
  readonly expireDate: string | null;
  readonly activationExpireDate: string | null;
  /** `expireDate` minus the due-date offset setting. */
  readonly dueDate: string | null;
  /** Whole days from today (local date) to `expireDate`; negative once past. */
  readonly daysLeft: number | null;
  readonly reissueState: ReissueState;
  /** Status is `newpurchase` or `newrenewal`: a CSR is still needed. */
  readonly needsActivation: boolean;
  /** ISO-8601 time of the sync that last confirmed this service. */
  readonly lastSyncedAt: string;
}

/**
 * One certificate as getList reported it, normalised (dates `YYYY-MM-DD`, status lower-cased).
 *
 * This is what the cache stores; services are derived from certificates plus the known
 * `ReplacedBy` links, so that `daysLeft` (today) and `dueDate` (a setting) are always current.
 */
export interface CertificateSnapshot {
  readonly certificateId: number;
  readonly hostName: string;
  readonly sslType: string;
  /** Lower-cased; unknown values are kept as they are. */
  readonly status: string;
  readonly purchaseDate: string | null;
  readonly expireDate: string | null;
  readonly activationExpireDate: string | null;
  readonly isExpired: boolean;
  /** ISO-8601 time of the sync that last saw this certificate in getList. */
  readonly lastSyncedAt: string;
}

/** Per-API-user request budget (wvphost-api.md §5). */
export interface RateBudget {
  readonly perMinute: number;
  readonly perHour: number;
  readonly perDay: number;
}

export const DEFAULT_RATE_BUDGET: RateBudget = { perMinute: 20, perHour: 700, perDay: 8000 };

/** What one sync changed, per service (the change list and the history). */
export type ServiceChange =
  | { readonly kind: 'added'; readonly certificateId: number; readonly hostName: string }
  | { readonly kind: 'removed'; readonly certificateId: number; readonly hostName: string }
  | {
      readonly kind: 'status-changed';
      readonly certificateId: number;
      readonly hostName: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'expire-date-changed';
      readonly certificateId: number;
      readonly hostName: string;
      readonly from: string | null;
      readonly to: string | null;
    }
  | {
      readonly kind: 'due-date-changed';
      readonly certificateId: number;
      readonly hostName: string;
      readonly from: string | null;
      readonly to: string | null;
    }
  | {
      readonly kind: 'reissued';
      readonly certificateId: number;
      readonly hostName: string;
      readonly fromCertificateId: number;
      readonly toCertificateId: number;
    }
  | { readonly kind: 'needs-activation'; readonly certificateId: number; readonly hostName: string };

export type SyncOutcome = 'ok' | 'failed' | 'cancelled';

/** One entry of the bounded sync history. */
export interface SyncRecord {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: SyncOutcome;
  /** API requests the sync sent (retries included). */
  readonly requests: number;
  readonly services: number;
  /**
   * The changes the sync found; in the history at most a bounded number of them (see
   * `changesTruncated`), the informative kinds kept before `added`.
   */
  readonly changes: readonly ServiceChange[];
  /** True when `changes` holds only part of what the sync found (e.g. a first sync's `added` list). */
  readonly changesTruncated?: boolean;
  /** How many changes the sync found in all; present when `changesTruncated`. */
  readonly totalChanges?: number;
  readonly warnings: readonly string[];
  /** User-readable reason when `outcome` is not `ok`. */
  readonly error?: string;
}

/** An action taken from this app on a service (reissue, activate, renew, resend), for its history. */
export interface ActionRecord {
  readonly at: string;
  /** The API user who acted. */
  readonly by: string;
  readonly action: 'reissue' | 'activate' | 'renew' | 'resend-approval';
  readonly certificateId: number;
  readonly result: 'ok' | 'failed';
  /** New certificate ID from the reply, when there is one. */
  readonly newCertificateId?: number;
  readonly detail: string;
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
