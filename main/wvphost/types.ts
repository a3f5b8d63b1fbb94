/**
 * The typed surface of the Wvphost API client (wvphost-api.md §4).
 *
 * The sync engine, the actions (reissue/activate/renew), the export and the connection test
 * depend on `WvphostApi`, never on the HTTP details; `WvphostClient` implements it.
 */

export const LIST_TYPES = [
  'ALL',
  'Processing',
  'EmailSent',
  'TechnicalProblem',
  'InProgress',
  'Completed',
  'Deactivated',
  'Active',
  'Cancelled',
  'NewPurchase',
  'NewRenewal',
] as const;
export type ListType = (typeof LIST_TYPES)[number];

export const SORT_BY = [
  'PURCHASEDATE',
  'PURCHASEDATE_DESC',
  'SSLTYPE',
  'SSLTYPE_DESC',
  'EXPIREDATETIME',
  'EXPIREDATETIME_DESC',
  'Host_Name',
  'Host_Name_DESC',
] as const;
export type SortBy = (typeof SORT_BY)[number];

export interface GetListParams {
  readonly listType?: ListType;
  readonly searchTerm?: string;
  readonly sortBy?: SortBy;
  readonly page?: number;
  /** 10–100; the client uses 100 when reading the whole list. */
  readonly pageSize?: number;
}

/** One `SSL` element of getList. Dates are `YYYY-MM-DD` or null (empty on the wire). */
export interface ListItem {
  readonly certificateId: number;
  readonly hostName: string;
  readonly sslType: string;
  readonly purchaseDate: string | null;
  readonly expireDate: string | null;
  readonly activationExpireDate: string | null;
  readonly isExpired: boolean;
  /** Exactly as sent (case varies between commands); compare case-insensitively. */
  readonly status: string;
}

export interface ListPage {
  readonly items: readonly ListItem[];
  readonly totalItems: number;
  readonly currentPage: number;
  readonly pageSize: number;
}

export type CertificateReturnType = 'Individual' | 'PKCS7';

/** Certificate material from getInfo with Returncertificate=true. */
export interface CertificateMaterial {
  readonly returnType: CertificateReturnType;
  /** PEM leaf (Individual) or the p7b text (PKCS7). */
  readonly certificate: string;
  /** PEM intermediates in the order Wvphost sent them; empty for PKCS7. */
  readonly caCertificates: readonly string[];
}

export interface CertificateInfo {
  readonly certificateId: number;
  /** As sent; compare case-insensitively. */
  readonly status: string;
  readonly statusDescription: string;
  readonly sslType: string;
  readonly issuedOn: string | null;
  readonly expires: string | null;
  readonly activationExpireDate: string | null;
  readonly orderId: string;
  /** The certificate that replaced this one, or null (`ReplacedBy="0"`). */
  readonly replacedBy: number | null;
  readonly sansCount: number;
  readonly csr: string;
  readonly approverEmail: string;
  readonly commonName: string;
  readonly administratorName: string;
  readonly administratorEmail: string;
  /** Present only when requested and returned (`CertificateReturned="true"`). */
  readonly material: CertificateMaterial | null;
  readonly provider: { readonly orderId: string; readonly name: string };
}

/** Domain control validation choice for reissue and activate (exactly one). */
export type DcvMethod =
  | { readonly kind: 'email'; readonly approverEmail: string }
  | { readonly kind: 'http' }
  | { readonly kind: 'dns' };

export interface SubmitCsrRequest {
  readonly certificateId: number;
  readonly csr: string;
  readonly adminEmailAddress: string;
  /** The API value of wvphost-api.md §6 (`apacheapachessl`, `other`, `iis5`, ...). */
  readonly webServerType: string;
  readonly dcv: DcvMethod;
}

export type DcvInstructions =
  | { readonly kind: 'http'; readonly domain: string; readonly fileName: string; readonly fileContent: string }
  | { readonly kind: 'dns'; readonly domain: string; readonly hostName: string; readonly target: string };

export interface SubmitCsrResult {
  /** For reissue: the NEW CertificateID. For activate: the activated certificate. */
  readonly certificateId: number;
  readonly isSuccess: boolean;
  readonly dcv: readonly DcvInstructions[];
}

export interface RenewRequest {
  readonly certificateId: number;
  readonly years: number;
  readonly sslType: string;
}

export interface RenewResult {
  /** The new `newrenewal` certificate. */
  readonly certificateId: number;
  readonly years: number;
  readonly orderId: string;
  readonly transactionId: string;
  readonly chargedAmount: string;
}

export interface ApproverEmailList {
  readonly domain: string;
  readonly domainEmails: readonly string[];
  readonly genericEmails: readonly string[];
  readonly manualEmails: readonly string[];
}

export interface CsrDetails {
  readonly commonName: string;
  readonly domainName: string;
  readonly country: string;
  readonly organisationUnit: string;
  readonly organisation: string;
  readonly validTrueDomain: boolean;
  readonly state: string;
  readonly locality: string;
  readonly email: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface GetListOptions extends CallOptions {
  /** Called after each page with what has been read so far. */
  readonly onPage?: (progress: { readonly page: number; readonly totalPages: number; readonly items: number }) => void;
}

/** Every command of wvphost-api.md §4. Failures reject with `WvphostError` (errors.ts). */
export interface WvphostApi {
  getListPage(params: GetListParams, options?: CallOptions): Promise<ListPage>;
  /** Reads every page with PageSize 100. */
  getList(params?: Omit<GetListParams, 'page' | 'pageSize'>, options?: GetListOptions): Promise<readonly ListItem[]>;
  getInfo(
    certificateId: number,
    options?: CallOptions & { readonly returnCertificate?: CertificateReturnType },
  ): Promise<CertificateInfo>;
  reissue(request: SubmitCsrRequest, options?: CallOptions): Promise<SubmitCsrResult>;
  activate(request: SubmitCsrRequest, options?: CallOptions): Promise<SubmitCsrResult>;
  renew(request: RenewRequest, options?: CallOptions): Promise<RenewResult>;
  getApproverEmailList(domainName: string, certificateType: string, options?: CallOptions): Promise<ApproverEmailList>;
  parseCsr(csr: string, certificateType: string, options?: CallOptions): Promise<CsrDetails>;
  resendApproverEmail(
    certificateId: number,
    options?: CallOptions,
  ): Promise<{ readonly certificateId: number; readonly isSuccess: boolean }>;
  /** HTTP requests sent so far by this client (retries included). */
  readonly requestsSent: number;
}
