/**
 * preload/index.ts: exposes exactly the contract as `window.wvphost`, refuses anything else.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../helpers/shell-electron-mock.ts')).electronModule());

import { EVENT_CHANNELS, INVOKE_CHANNELS, type WvphostBridge } from '../../preload/api.ts';
import { electronMock } from '../helpers/shell-electron-mock.ts';

let bridge: WvphostBridge;

beforeAll(async () => {
  await import('../../preload/index.ts');
  expect(electronMock.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  expect([...electronMock.state.exposed.keys()]).toEqual(['wvphost']);
  bridge = electronMock.state.exposed.get('wvphost') as WvphostBridge;
});

/** Calls invoke with any channel and arguments, as a hostile page could. */
function rawInvoke(channel: string, ...args: unknown[]): Promise<unknown> {
  return (bridge.invoke as unknown as (channel: string, ...args: unknown[]) => Promise<unknown>)(channel, ...args);
}

describe('the preload bridge', () => {
  it('exposes only invoke and on', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards every contract channel to ipcRenderer.invoke and returns the ApiResult', async () => {
    electronMock.state.rendererInvoke.mockImplementation(async (channel: string) => ({ ok: true, value: `answer:${channel}` }));
    for (const channel of INVOKE_CHANNELS) {
      expect(await rawInvoke(channel, { probe: 1 })).toEqual({ ok: true, value: `answer:${channel}` });
      expect(electronMock.ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, { probe: 1 });
    }
    await bridge.invoke('app:getState');
    expect(electronMock.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:getState');
  });

  it('refuses channels outside the contract and extra arguments without sending anything', async () => {
    electronMock.ipcRenderer.invoke.mockClear();
    for (const channel of ['electron-store-get-data', 'fs:read', '__proto__', '']) {
      expect(await rawInvoke(channel)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(await rawInvoke('services:detail', { certificateId: 1 }, 'extra')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(electronMock.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns an IPC failure into an ApiResult', async () => {
    electronMock.state.rendererInvoke.mockImplementationOnce(async () => {
      throw new Error("No handler registered for 'sync:start'");
    });
    expect(await bridge.invoke('sync:start')).toMatchObject({ ok: false, error: { code: 'bridge-failed' } });
  });

  it('delivers event payloads (never the IPC event) and unsubscribes', () => {
    for (const channel of EVENT_CHANNELS) {
      const received: unknown[][] = [];
      const off = bridge.on(channel, (...args: unknown[]) => received.push(args));
      electronMock.ipcRenderer.emitFromMain(channel, { phase: 'listing' });
      expect(received).toEqual([[{ phase: 'listing' }]]);
      off();
      expect(electronMock.ipcRenderer.listenerCount(channel)).toBe(0);
      electronMock.ipcRenderer.emitFromMain(channel, 'after');
      expect(received).toHaveLength(1);
    }
  });

  it('refuses to listen to channels outside the contract', () => {
    const on = bridge.on as unknown as (channel: string, listener: () => void) => () => void;
    expect(() => on('electron-store-get-data', () => {})).toThrow(TypeError);
    expect(() => on('sync:start', () => {})).toThrow(TypeError);
    expect(electronMock.ipcRenderer.on).not.toHaveBeenCalledWith('sync:start', expect.anything());
  });
});
