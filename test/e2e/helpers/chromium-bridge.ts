/**
 * Debian's Chromium through playwright-core, with `window.wvphost` bridged to a dispatcher.
 *
 * The renderer calls `window.wvphost.invoke(channel, argument)` exactly as it would through the
 * preload's contextBridge; here the call crosses `page.exposeBinding` into the test process and
 * reaches the REAL main-process dispatcher (schemas, handlers, core). Events go the other way with
 * `page.evaluate`, in order.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ApiResult, EventChannels } from '../../../preload/api.ts';

export type Dispatch = (channel: string, argument: unknown) => Promise<ApiResult<unknown>>;

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--headless',
    ],
  });
}

/** What preload would expose, rebuilt in the page on top of the binding. */
const BRIDGE_SCRIPT = `(() => {
  const listeners = new Map();
  const invokeBinding = window.__wvphostInvoke;
  window.__wvphostEmit = (channel, payload) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try { listener(payload); } catch (error) { console.error(error); }
    }
  };
  Object.defineProperty(window, 'wvphost', {
    value: Object.freeze({
      invoke: (channel, ...args) => invokeBinding(channel, args[0]).then((text) => JSON.parse(text)),
      on: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
        return () => set.delete(listener);
      },
    }),
    configurable: false,
    writable: false,
  });
})();`;

/** Forwards core events to whichever page is attached (like main sending to its window). */
export class EventRelay {
  private page: Page | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Every event emitted, for assertions. */
  readonly log: { readonly channel: string; readonly payload: unknown }[] = [];

  attach(page: Page | null): void {
    this.page = page;
  }

  readonly emit = <E extends keyof EventChannels>(channel: E, payload: EventChannels[E]): void => {
    this.log.push({ channel, payload });
    const page = this.page;
    if (page === null) return;
    this.chain = this.chain
      .then(() =>
        page.evaluate(
          ([eventChannel, eventPayload]) => {
            (window as unknown as { __wvphostEmit?: (c: string, p: unknown) => void }).__wvphostEmit?.(
              eventChannel,
              eventPayload,
            );
          },
          [channel, payload] as const,
        ),
      )
      .catch(() => {
        // The page navigated or closed: like a window that is gone, it just misses the event.
      });
  };

  /** Resolves once every event emitted so far was delivered. */
  flush(): Promise<void> {
    return this.chain;
  }
}

export interface BridgedPageOptions {
  readonly colorScheme?: 'light' | 'dark';
  readonly viewport?: { readonly width: number; readonly height: number };
}

export interface BridgedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly problems: string[];
}

/** A fresh context + page whose `window.wvphost` reaches `dispatch`, and which receives `relay`'s events. */
export async function openBridgedPage(
  browser: Browser,
  dispatch: Dispatch,
  relay: EventRelay,
  options: BridgedPageOptions = {},
): Promise<BridgedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  // Replies cross as one JSON string: Playwright's per-value serializer is far slower than
  // Electron's structured clone on a 10,000-service snapshot, and would distort the timings.
  await context.exposeBinding('__wvphostInvoke', async (_source, channel: unknown, argument: unknown) =>
    JSON.stringify(await dispatch(String(channel), argument)),
  );
  await context.addInitScript({ content: BRIDGE_SCRIPT });
  // Playwright waits forever by default; a bounded wait turns a race into a readable failure.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  relay.attach(page);
  return { context, page, problems };
}
