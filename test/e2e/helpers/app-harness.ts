/**
 * The whole app for an end-to-end test: real core + dispatcher, served renderer, Chromium.
 *
 * Real parts throughout: `createAppCore` over a temp data dir, the OS keychain through
 * `KeytarSecretStore` (a unique service name per harness), the Wvphost simulator (the Demo
 * environment's, or one the test starts), and the built renderer in Debian's Chromium. Only the
 * desktop shell's dialogs/clipboard/notifications are scripted, since there is no desktop.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createAppCore } from '../../../main/ipc/app-core.ts';
import { createDispatcher } from '../../../main/ipc/dispatch.ts';
import type { Handlers, ShellServices } from '../../../main/ipc/types.ts';
import { KeytarSecretStore } from '../../../main/secrets/keytar-secret-store.ts';
import { stopDemoSimulator } from '../../../main/environments/demo-simulator.ts';
import { buildRenderer } from './build-renderer.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { installNoticeLog } from './notice-log.ts';
import {
  EventRelay,
  launchChromium,
  openBridgedPage,
  type BridgedPage,
  type BridgedPageOptions,
} from './chromium-bridge.ts';

/** The desktop shell, scripted: save dialogs answer a path in `saveDir`, the rest is recorded. */
export class ScriptedShell implements ShellServices {
  readonly savedPaths: string[] = [];
  readonly clipboard: string[] = [];
  readonly notifications: { readonly title: string; readonly body: string }[] = [];
  /** CSR texts the next "Open CSR file…" calls return, in order (then null = cancelled). */
  readonly csrFiles: string[] = [];

  constructor(readonly saveDir: string) {}

  async chooseSavePath(options: { readonly defaultName: string }): Promise<string | null> {
    const path = join(this.saveDir, options.defaultName);
    this.savedPaths.push(path);
    return path;
  }

  async confirmOverwrite(): Promise<boolean> {
    return true;
  }

  async openCsrFile(): Promise<string | null> {
    return this.csrFiles.shift() ?? null;
  }

  async writeClipboard(text: string): Promise<void> {
    this.clipboard.push(text);
  }

  notify(title: string, body: string): void {
    this.notifications.push({ title, body });
  }
}

export interface E2eApp {
  readonly dataDir: string;
  readonly saveDir: string;
  readonly shell: ScriptedShell;
  readonly secrets: KeytarSecretStore;
  readonly keychainService: string;
  readonly relay: EventRelay;
  /** Every channel the pages invoked, in the order the calls reached the core. */
  readonly invocations: readonly string[];
  readonly browser: Browser;
  readonly server: StaticServer;
  handlers(): Handlers;
  /** Opens the renderer in a new page bridged to the current core. */
  open(options?: BridgedPageOptions): Promise<BridgedPage>;
  /** Disposes the core and creates a new one on the same data dir: an app restart. */
  restartCore(): Promise<void>;
  close(): Promise<void>;
}

export interface E2eAppOptions {
  /** Called with the fresh data dir before the core opens it (to arrange a cache, settings...). */
  readonly prepare?: (dataDir: string) => Promise<void> | void;
  readonly now?: () => Date;
}

export async function startE2eApp(options: E2eAppOptions = {}): Promise<E2eApp> {
  const root = await mkdtemp(join(tmpdir(), 'wvphost-e2e-'));
  const dataDir = join(root, 'data');
  const saveDir = join(root, 'saved');
  await mkdir(dataDir, { recursive: true });
  await mkdir(saveDir, { recursive: true });
  await options.prepare?.(dataDir);
  const keychainService = `wvphost-admin-e2e-${randomUUID()}`;
  const secrets = new KeytarSecretStore({ service: keychainService });
  const shell = new ScriptedShell(saveDir);
  const relay = new EventRelay();

  const makeCore = () =>
    createAppCore({
      dataDir,
      secrets,
      shell,
      emit: relay.emit,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  let core = await makeCore();
  let dispatch = createDispatcher(core.handlers, { knownSecrets: () => core.knownSecrets() });

  const [rendererDir, browser] = await Promise.all([buildRenderer(), launchChromium()]);
  const server = await serveStatic(rendererDir);
  const pages: BridgedPage[] = [];
  const invocations: string[] = [];

  return {
    dataDir,
    saveDir,
    shell,
    secrets,
    keychainService,
    relay,
    invocations,
    browser,
    server,
    handlers: () => core.handlers,
    async open(pageOptions) {
      // The dispatcher is looked up per call so a restarted core serves pages opened before.
      const bridged = await openBridgedPage(
        browser,
        (channel, argument) => {
          invocations.push(channel);
          return dispatch(channel, argument);
        },
        relay,
        pageOptions,
      );
      pages.push(bridged);
      await installNoticeLog(bridged.context);
      await bridged.page.goto(server.url);
      return bridged;
    },
    async restartCore() {
      await core.dispose();
      core = await makeCore();
      dispatch = createDispatcher(core.handlers, { knownSecrets: () => core.knownSecrets() });
    },
    async close() {
      for (const bridged of pages) await bridged.context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      await core.dispose();
      await stopDemoSimulator();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Waits until the table shows `count` rows in total (the "N services" / "N of M" label). */
export async function waitForServiceCount(page: Page, text: RegExp | string): Promise<void> {
  await page.getByTestId('shown-count').filter({ hasText: text }).waitFor();
}
