/**
 * A typed partial mock of the 'electron' module for the shell tests (DESIGN.md §6).
 *
 * Usage in a test file:
 *   vi.mock('electron', async () => (await import('../helpers/shell-electron-mock.ts')).electronModule());
 *   import { electronMock } from '../helpers/shell-electron-mock.ts';
 *
 * Everything the shell registers (IPC handlers, protocol handlers, menus, windows, listeners) is
 * captured in `electronMock.state`, so tests pull the handlers out and call them directly.
 * `app.quit` throws: a shell that quits where it should not fails the test loudly.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type * as Electron from 'electron';

type ElectronModule = typeof Electron;
type InvokeListener = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
) => void;

export class FakeWebFrame {
  parent: FakeWebFrame | null = null;
  constructor(public url: string) {}
}

export class FakeSession {
  readonly setPermissionRequestHandler = vi.fn();
  readonly setPermissionCheckHandler = vi.fn();
  readonly webRequest = {
    onHeadersReceived: vi.fn((listener: HeadersListener) => {
      electronMock.state.headersListener = listener;
    }),
  };
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly session = new FakeSession();
  readonly mainFrame = new FakeWebFrame('app://wvphost/index.html');
  readonly send = vi.fn();
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly maximize = vi.fn();
  minimized = false;
  maximized = false;
  normalBounds = { x: 40, y: 30, width: 1111, height: 777 };

  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    electronMock.state.windows.push(this);
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.normalBounds;
  }
}

export class FakeNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  readonly show = vi.fn();

  constructor(readonly options: { title: string; body: string }) {
    super();
    electronMock.state.notifications.push(this);
  }
}

function freshState() {
  return {
    singleInstanceLock: true,
    userData: '/nonexistent-user-data',
    invokeHandlers: new Map<string, InvokeListener>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    privilegedSchemes: [] as Electron.CustomScheme[],
    headersListener: null as HeadersListener | null,
    menuTemplate: null as Electron.MenuItemConstructorOptions[] | null,
    windows: [] as FakeBrowserWindow[],
    notifications: [] as FakeNotification[],
    exposed: new Map<string, unknown>(),
    rendererInvoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
  };
}

const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: vi.fn(() => electronMock.state.singleInstanceLock),
  quit: vi.fn((): never => {
    throw new Error('app.quit() was called');
  }),
  whenReady: vi.fn(() => Promise.resolve()),
  getPath: vi.fn((_name: string) => electronMock.state.userData),
  getVersion: vi.fn(() => '9.9.9-test'),
  getName: vi.fn(() => 'Wvphost Admin'),
  setAppUserModelId: vi.fn(),
  enableSandbox: vi.fn(),
  isPackaged: true,
});

const ipcMain = Object.assign(new EventEmitter(), {
  handle: vi.fn((channel: string, listener: InvokeListener) => {
    if (electronMock.state.invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    electronMock.state.invokeHandlers.set(channel, listener);
  }),
  removeHandler: vi.fn((channel: string) => {
    electronMock.state.invokeHandlers.delete(channel);
  }),
});

const ipcRendererEvents = new EventEmitter();
const ipcRenderer = {
  invoke: vi.fn((channel: string, ...args: unknown[]) => electronMock.state.rendererInvoke(channel, ...args)),
  on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => ipcRendererEvents.on(channel, listener)),
  removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => ipcRendererEvents.removeListener(channel, listener)),
  /** Test side: main sends an event to the renderer. */
  emitFromMain(channel: string, payload: unknown): void {
    ipcRendererEvents.emit(channel, { sender: 'SECRET-IPC-EVENT' }, payload);
  },
  listenerCount(channel: string): number {
    return ipcRendererEvents.listenerCount(channel);
  },
};

const defaultSession = new FakeSession();

/** The mock's parts plus the captured state; reset with `resetElectronMock()` between tests. */
export const electronMock = {
  state: freshState(),
  app,
  ipcMain,
  ipcRenderer,
  defaultSession,
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  Menu: {
    buildFromTemplate: vi.fn((template: Electron.MenuItemConstructorOptions[]) => {
      electronMock.state.menuTemplate = template;
      return { template };
    }),
    setApplicationMenu: vi.fn(),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn((schemes: Electron.CustomScheme[]) => {
      electronMock.state.privilegedSchemes.push(...schemes);
    }),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      electronMock.state.protocolHandlers.set(scheme, handler);
    }),
  },
  session: { defaultSession },
  shell: { openExternal: vi.fn(async (_url: string) => undefined), openPath: vi.fn(async () => '') },
  dialog: {
    showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
    showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })),
    showErrorBox: vi.fn(),
  },
  clipboard: { writeText: vi.fn() },
  screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) },
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      electronMock.state.exposed.set(key, api);
    }),
  },
};

export function resetElectronMock(): void {
  electronMock.state = freshState();
  app.removeAllListeners();
  ipcMain.removeAllListeners();
  vi.clearAllMocks();
}

/** The module object `vi.mock('electron', ...)` returns (named exports plus a default, as electron-store imports it). */
export function electronModule(): ElectronModule {
  const module: Partial<Record<keyof ElectronModule, unknown>> = {
    app: electronMock.app,
    ipcMain: electronMock.ipcMain,
    ipcRenderer: electronMock.ipcRenderer,
    BrowserWindow: electronMock.BrowserWindow,
    Notification: electronMock.Notification,
    Menu: electronMock.Menu,
    protocol: electronMock.protocol,
    session: electronMock.session,
    shell: electronMock.shell,
    dialog: electronMock.dialog,
    clipboard: electronMock.clipboard,
    screen: electronMock.screen,
    contextBridge: electronMock.contextBridge,
  };
  return { ...module, default: module } as unknown as ElectronModule;
}

/** An invoke event as Electron would deliver it from `contents`' frame showing `url`. */
export function invokeEvent(contents: FakeWebContents, url: string, options: { subframe?: boolean } = {}): Electron.IpcMainInvokeEvent {
  const frame = new FakeWebFrame(url);
  if (options.subframe === true) frame.parent = contents.mainFrame;
  return { sender: contents, senderFrame: frame, frameId: 1, processId: 1, type: 'frame' } as unknown as Electron.IpcMainInvokeEvent;
}

/**
 * electron-store as `vi.mock('electron-store', ...)` returns it.
 *
 * The real package is loaded by Node outside vitest's module graph, so its own `import 'electron'`
 * would reach the real (binary-less) Electron package. This stand-in does exactly what
 * electron-store's constructor does on top of conf (`name` → `configName`, `cwd` defaulting to
 * userData, `projectVersion` to the app version), so the shell's options still go through conf's
 * real schema validation, migrations and atomic writes.
 */
export async function electronStoreModule(): Promise<{ default: unknown }> {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: Record<string, unknown> = {}) {
      const { name, cwd, projectVersion, ...rest } = options;
      super({
        ...rest,
        configName: typeof name === 'string' ? name : 'config',
        cwd: typeof cwd === 'string' ? cwd : electronMock.state.userData,
        projectVersion: typeof projectVersion === 'string' ? projectVersion : electronMock.app.getVersion(),
      });
    }
  }
  return { default: ElectronStore };
}
