/**
 * THE contract between the renderer and the main process (DESIGN.md §5).
 *
 * Every invoke channel maps to one request and one reply type; main registers exactly these
 * channels through a typed wrapper (sender check, schema validation, typed errors) and preload
 * exposes exactly this map as `window.wvphost`. The renderer imports only these types.
 * No reply ever carries an API key: the key goes in (`environment:save`) and never comes out.
 */
import type {
  ActionRecord,
  DueDateOffsetDays,
  EnvironmentId,
  RateBudget,
  Service,
  ServiceChange,
  SyncRecord,
} from '../main/domain/service.ts';
import type { DcvInstructions, DcvMethod } from '../main/wvphost/types.ts';
import type { Settings, ThemePreference } from '../main/settings/types.ts';

export type { ActionRecord, DueDateOffsetDays, EnvironmentId, RateBudget, Service, ServiceChange, SyncRecord, DcvInstructions };

/** A failure the renderer can show as it is. `code` lets the UI pick an icon or an action. */
export interface ApiErrorPayload {
  readonly code: string;
  readonly message: string;
  /** e.g. the ClientIp that was sent for `ip-not-whitelisted`, the field name for validation errors. */
  readonly detail?: string;
}

/** Every reply is wrapped: the renderer never has to parse an Electron error string. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorPayload };

export interface EnvironmentSummary {
  readonly id: EnvironmentId;
  /** production/sandbox: baseUrl, apiUser, userName, clientIp, rateBudget; demo: the local simulator's. */
  readonly baseUrl: string;
  readonly apiUser: string;
  readonly userName: string;
  readonly clientIp: string;
  readonly rateBudget: RateBudget;
  /** Whether the keychain holds an API key for it (demo: always true). */
  readonly hasApiKey: boolean;
}

export interface SyncStatus {
  readonly running: boolean;
  /** Last sync of any outcome, and last successful one (ISO-8601). */
  readonly lastAttempt: SyncRecord | null;
  readonly lastSuccessfulSyncAt: string | null;
  /** Next automatic sync (ISO-8601) while the app runs. */
  readonly nextScheduledAt: string | null;
}

export interface AppState {
  readonly settings: Omit<Settings, 'window'>;
  readonly environments: readonly EnvironmentSummary[];
  /** null: show the onboarding. */
  readonly activeEnvironment: EnvironmentId | null;
  /** false when no OS keychain is reachable; `keychainMessage` says how to fix it. */
  readonly keychainAvailable: boolean;
  readonly keychainMessage: string | null;
  readonly sync: SyncStatus;
  readonly appVersion: string;
}

export interface ServicesSnapshot {
  readonly environment: EnvironmentId;
  /** Every cached service; the renderer filters, sorts and searches locally. */
  readonly services: readonly Service[];
  readonly lastSuccessfulSyncAt: string | null;
  /** Local date the services were derived for (`daysLeft`), `YYYY-MM-DD`. */
  readonly today: string;
}

export interface ServiceDetail {
  readonly service: Service;
  /** Sync changes touching this lineage, newest first. */
  readonly changes: readonly { readonly syncedAt: string; readonly change: ServiceChange }[];
  /** Actions taken from this app on this lineage, newest first. */
  readonly actions: readonly ActionRecord[];
  /** Whether certificate files are cached for offline export. */
  readonly hasCachedMaterial: boolean;
  /** Why reissue / renew / activate / resend are not possible now (null = allowed). */
  readonly actionBlockers: {
    readonly reissue: string | null;
    readonly renew: string | null;
    readonly activate: string | null;
    readonly resendApproval: string | null;
    readonly downloadCertificate: string | null;
  };
}

export type SyncPhase = 'listing' | 'following-reissues' | 'saving' | 'done';

export interface SyncProgress {
  readonly phase: SyncPhase;
  readonly pagesRead: number;
  readonly totalPages: number | null;
  readonly requests: number;
  /** Seconds, estimated from the remaining requests and the rate budget; null when unknown. */
  readonly estimatedSecondsLeft: number | null;
}

export interface SyncSummary {
  readonly ok: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly requests: number;
  readonly services: number;
  readonly changes: readonly ServiceChange[];
  readonly warnings: readonly string[];
  readonly error?: ApiErrorPayload;
  /** Whether it was cancelled by the user. */
  readonly cancelled: boolean;
}

export interface EnvironmentSaveRequest {
  readonly environment: Exclude<EnvironmentId, 'demo'>;
  readonly baseUrl: string;
  readonly apiUser: string;
  readonly userName: string;
  readonly clientIp: string;
  /** e.g. `20/min,700/h,8000/day` */
  readonly rateBudget: string;
  /** Write-only; omitted to keep the key already in the keychain. */
  readonly apiKey?: string;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  /** One plain sentence: "Connected as X; 123 certificates." or what to fix. */
  readonly message: string;
  readonly code: string;
}

export interface SettingsUpdate {
  readonly dueDateOffsetDays?: DueDateOffsetDays;
  readonly dueSoonWindowDays?: number;
  readonly dailySyncTime?: string;
  readonly theme?: ThemePreference;
}

/** The web server types offered by name for certificate downloads (wvphost-api.md §6). */
export const SERVER_TYPES = ['apache', 'nginx', 'iis', 'tomcat', 'cpanel', 'plesk', 'other'] as const;
export type ServerType = (typeof SERVER_TYPES)[number];

export interface ExportResult {
  /** Absolute path written, or null when the user cancelled the save dialog. */
  readonly path: string | null;
  readonly bytes: number;
  readonly files: readonly string[];
}

export interface ReportRequest {
  /** When given, only these services ("export what I see"); otherwise everything. */
  readonly certificateIds?: readonly number[];
}

export interface CsrCheckProblem {
  readonly code: 'unparsable' | 'bad-signature' | 'domain-mismatch' | 'weak-key' | 'unsupported-key' | 'api-rejected';
  readonly message: string;
}

export interface CsrCheckResult {
  readonly ok: boolean;
  readonly commonName: string | null;
  readonly subjectAltNames: readonly string[];
  /** e.g. "RSA 2048", "EC P-256" */
  readonly keyDescription: string | null;
  readonly subject: Readonly<Record<string, string>>;
  readonly problems: readonly CsrCheckProblem[];
  /** Wvphost's parseCSR cross-check, when it ran (only after local checks pass). */
  readonly remote: { readonly commonName: string; readonly validTrueDomain: boolean } | null;
}

export interface ApproverEmailsReply {
  readonly domain: string;
  readonly emails: readonly string[];
}

/** Domain control validation choice (exactly one): the API's own DcvMethod, so the dialogs and the client never drift. */
export type DcvChoice = DcvMethod;

export interface SubmitCsrArgs {
  readonly certificateId: number;
  readonly csr: string;
  readonly dcv: DcvChoice;
  readonly serverType: ServerType;
  readonly adminEmailAddress?: string;
}

export interface SubmitCsrReply {
  readonly newCertificateId: number;
  readonly dcv: readonly DcvInstructions[];
}

export interface RenewReply {
  readonly newCertificateId: number;
  readonly chargedAmount: string;
}

/** Invoke channels: name → [request, reply]. */
export interface InvokeChannels {
  'app:getState': [void, AppState];
  'environment:select': [{ readonly environment: EnvironmentId }, AppState];
  'environment:save': [EnvironmentSaveRequest, AppState];
  'environment:logout': [{ readonly environment: Exclude<EnvironmentId, 'demo'> }, AppState];
  'environment:testConnection': [{ readonly environment: EnvironmentId }, ConnectionTestResult];
  'settings:update': [SettingsUpdate, AppState];
  'services:list': [void, ServicesSnapshot];
  'services:detail': [{ readonly certificateId: number }, ServiceDetail];
  'sync:start': [void, SyncSummary];
  'sync:cancel': [void, void];
  'sync:history': [void, readonly SyncRecord[]];
  'export:certificate': [{ readonly certificateId: number; readonly serverType: ServerType }, ExportResult];
  'export:report': [ReportRequest, ExportResult];
  'csr:check': [{ readonly certificateId: number; readonly csr: string }, CsrCheckResult];
  'approvers:list': [{ readonly certificateId: number }, ApproverEmailsReply];
  'reissue:submit': [SubmitCsrArgs, SubmitCsrReply];
  'activate:submit': [SubmitCsrArgs, SubmitCsrReply];
  'renew:submit': [{ readonly certificateId: number; readonly years: number }, RenewReply];
  'approval:resend': [{ readonly certificateId: number }, void];
  'csr:openFile': [void, { readonly csr: string } | null];
  'clipboard:write': [{ readonly text: string }, void];
}

/** Menu commands main pushes to the renderer. */
export type MenuCommand = 'sync' | 'focus-search' | 'export' | 'settings';

/** Event channels: main → renderer. */
export interface EventChannels {
  'sync:progress': SyncProgress;
  'sync:finished': SyncSummary;
  'services:changed': void;
  'menu:command': MenuCommand;
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type RequestOf<C extends InvokeChannel> = InvokeChannels[C][0];
export type ReplyOf<C extends InvokeChannel> = InvokeChannels[C][1];

/** What preload exposes as `window.wvphost`. */
export interface WvphostBridge {
  invoke<C extends InvokeChannel>(
    channel: C,
    ...args: RequestOf<C> extends void ? [] : [RequestOf<C>]
  ): Promise<ApiResult<ReplyOf<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void;
}

/** The channel names, in one list for preload, the handler registry and the contract snapshot. */
export const INVOKE_CHANNELS = [
  'app:getState',
  'environment:select',
  'environment:save',
  'environment:logout',
  'environment:testConnection',
  'settings:update',
  'services:list',
  'services:detail',
  'sync:start',
  'sync:cancel',
  'sync:history',
  'export:certificate',
  'export:report',
  'csr:check',
  'approvers:list',
  'reissue:submit',
  'activate:submit',
  'renew:submit',
  'approval:resend',
  'csr:openFile',
  'clipboard:write',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = ['sync:progress', 'sync:finished', 'services:changed', 'menu:command'] as const satisfies readonly EventChannel[];
