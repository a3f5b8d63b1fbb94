/**
 * A log of every notice the page has shown, so tests never race the notices' own timer.
 *
 * Info notices close by themselves after 8 s. Reading "the last notice" is then a race on a busy
 * machine: if the test gets there late, the notice is gone. An init script records each notice's
 * text the moment it is added to the DOM; tests wait for a matching entry after a mark taken
 * before the action, so a notice from an earlier step can never satisfy a later one.
 */
import type { BrowserContext, Page } from 'playwright-core';

const NOTICE_LOG_SCRIPT = `(() => {
  const log = [];
  Object.defineProperty(window, '__wvphostNotices', { value: log, configurable: false, writable: false });
  const record = (node) => {
    if (!(node instanceof Element)) return;
    const found = node.matches('[data-testid=notice]') ? [node] : node.querySelectorAll('[data-testid=notice]');
    for (const notice of found) log.push((notice.firstElementChild ?? notice).textContent ?? '');
  };
  new MutationObserver((records) => {
    for (const mutation of records) for (const node of mutation.addedNodes) record(node);
  }).observe(document, { childList: true, subtree: true });
})();`;

export async function installNoticeLog(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: NOTICE_LOG_SCRIPT });
}

type NoticeWindow = Window & { readonly __wvphostNotices: readonly string[] };

/** How many notices the page has shown so far: pass it as `since` to wait for a later one. */
export async function noticeMark(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as NoticeWindow).__wvphostNotices.length);
}

/**
 * Waits for a notice shown after `since` whose text matches `pattern`, and returns its text.
 *
 * Bounded by `timeout` (else the context's default); on timeout, the error lists what was shown.
 */
export async function waitForNotice(
  page: Page,
  pattern: RegExp | string,
  options: { readonly since: number; readonly timeout?: number },
): Promise<string> {
  const regex = typeof pattern === 'string' ? { source: escapeRegExp(pattern), flags: '' } : pattern;
  try {
    const handle = await page.waitForFunction(
      ({ since, source, flags }) => {
        const log = (window as unknown as NoticeWindow).__wvphostNotices;
        const matcher = new RegExp(source, flags);
        return log.slice(since).find((text) => matcher.test(text)) ?? false;
      },
      { since: options.since, source: regex.source, flags: regex.flags },
      options.timeout === undefined ? {} : { timeout: options.timeout },
    );
    return String(await handle.jsonValue());
  } catch (error) {
    const seen = await page
      .evaluate(() => [...(window as unknown as NoticeWindow).__wvphostNotices])
      .catch(() => ['(page gone)']);
    throw new Error(
      `No notice matching ${String(pattern)} appeared after notice #${options.since}; ` +
        `notices shown: ${JSON.stringify(seen.slice(options.since))}. ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
