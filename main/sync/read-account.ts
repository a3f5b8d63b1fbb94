/**
 * The network half of a sync: every getList page plus one getInfo per newly replaced certificate.
 *
 * Pages after the first are read with limited concurrency (the first one gives the total), and a
 * `replaced` certificate is looked up as soon as its page arrives, so the rate budget is used
 * without gaps. Links already known are never fetched again: a `ReplacedBy` link never changes.
 */
import type { CallOptions, ListItem, ListPage, WvphostApi } from '../wvphost/types.ts';
import { isReplacedStatus } from '../domain/certificate-status.ts';
import { errorKindOf } from '../domain/read-wvphost-error.ts';
import { TaskPool } from './task-pool.ts';

export const LIST_PAGE_SIZE = 100;
/** Requests kept in flight; the client's rate limiter decides when each one is actually sent. */
const DEFAULT_CONCURRENCY = 4;
/** Extra passes for pages that appeared while reading (the list grew); the rest waits for the next sync. */
const MAX_EXTRA_PAGE_ROUNDS = 2;

export interface ReadProgress {
  readonly pagesRead: number;
  readonly totalPages: number | null;
  /** Requests (pages and lookups) queued or running. */
  readonly requestsPending: number;
  readonly lookupsDone: number;
}

export interface ReadAccountOptions {
  readonly api: WvphostApi;
  /** Old ID → new ID links already known (from the cache); never fetched again. */
  readonly knownLinks: ReadonlyMap<number, number>;
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export interface AccountRead {
  /** Every listed certificate once (the freshest copy), by ascending ID. */
  readonly items: readonly ListItem[];
  /** Links fetched by this read (old → new). */
  readonly newLinks: ReadonlyMap<number, number>;
  /** `TotalItems` of the first page: how many certificates existed when the read began. */
  readonly initialTotal: number;
  /** Whether the pages disagreed on `TotalItems` (certificates were added or reissued meanwhile). */
  readonly changedDuringRead: boolean;
  readonly pagesRead: number;
  readonly warnings: readonly string[];
}

/** Reads the whole account; rejects with the first permanent error (WvphostError) or the abort reason. */
export async function readAccount(options: ReadAccountOptions): Promise<AccountRead> {
  const { api, knownLinks } = options;
  // Answers are accepted in arrival order, so a later copy (the fresher one) replaces an earlier.
  const seen = new Map<number, ListItem>();
  const newLinks = new Map<number, number>();
  const lookedUp = new Set<number>();
  const warnings: string[] = [];
  const totals: number[] = [];
  const requestedPages = new Set<number>();
  let pagesRead = 0;
  let totalPages: number | null = null;
  let lookupsDone = 0;

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  // Lookups found on a page join whichever pool is reading pages at the moment.
  let pool = new TaskPool(concurrency, options.signal);
  const report = (): void =>
    options.onProgress?.({ pagesRead, totalPages, requestsPending: pool.pending, lookupsDone });

  const lookUp = (certificateId: number): void => {
    if (lookedUp.has(certificateId) || knownLinks.has(certificateId)) return;
    lookedUp.add(certificateId);
    pool.add(async (signal) => {
      const linked = await lookUpLink(api, certificateId, { signal }, warnings);
      if (linked !== null) newLinks.set(certificateId, linked);
      lookupsDone += 1;
      report();
    });
  };

  const accept = (page: ListPage): void => {
    pagesRead += 1;
    totals.push(page.totalItems);
    for (const item of page.items) {
      seen.set(item.certificateId, item);
      if (isReplacedStatus(item.status)) lookUp(item.certificateId);
    }
    const pagesNeeded = pageCount(Math.max(...totals));
    if (totalPages === null || pagesNeeded > totalPages) totalPages = pagesNeeded;
    report();
  };

  const readPage = (page: number): void => {
    requestedPages.add(page);
    pool.add(async (signal) => accept(await api.getListPage({ page, pageSize: LIST_PAGE_SIZE }, { signal })));
  };

  requestedPages.add(1);
  const first = await api.getListPage({ page: 1, pageSize: LIST_PAGE_SIZE }, { signal: options.signal });
  const initialTotal = first.totalItems;
  // Pages go before the lookups page 1 asks for: the sooner the list is read, the smaller the
  // window in which the account can change under it.
  for (let page = 2; page <= pageCount(initialTotal); page += 1) readPage(page);
  accept(first);
  await pool.drain();

  // The list grew while we read it: the new certificates sit on pages past the end we knew.
  for (let round = 0; round < MAX_EXTRA_PAGE_ROUNDS; round += 1) {
    const needed = pageCount(Math.max(...totals));
    const missing: number[] = [];
    for (let page = 2; page <= needed; page += 1) if (!requestedPages.has(page)) missing.push(page);
    if (missing.length === 0) break;
    pool = new TaskPool(concurrency, options.signal);
    for (const page of missing) readPage(page);
    await pool.drain();
  }

  const items = [...seen.values()].sort((a, b) => a.certificateId - b.certificateId);
  return {
    items,
    newLinks,
    initialTotal,
    changedDuringRead: totals.some((total) => total !== initialTotal),
    pagesRead,
    warnings,
  };
}

/** The successor of a replaced certificate, or null (with a warning) when Wvphost names none. */
async function lookUpLink(
  api: WvphostApi,
  certificateId: number,
  options: CallOptions,
  warnings: string[],
): Promise<number | null> {
  try {
    const info = await api.getInfo(certificateId, options);
    if (info.replacedBy === null || info.replacedBy === certificateId) {
      warnings.push(
        `Certificate ${certificateId} is listed as replaced, but Wvphost names no successor; it is listed on its own.`,
      );
      return null;
    }
    return info.replacedBy;
  } catch (error) {
    // One vanished certificate must not sink the whole sync; everything else (credentials,
    // throttling past the retries, a broken endpoint) does.
    if (errorKindOf(error) === 'certificate-unknown') {
      warnings.push(
        `Wvphost no longer knows replaced certificate ${certificateId}; its successor will be looked up again at the next sync.`,
      );
      return null;
    }
    throw error;
  }
}

function pageCount(totalItems: number): number {
  return Math.max(1, Math.ceil(totalItems / LIST_PAGE_SIZE));
}
