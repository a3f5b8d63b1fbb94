/**
 * The desktop services the core asks for (dialogs, overwrite prompt, clipboard, notifications),
 * over the mocked Electron dialogs and real files.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../helpers/shell-electron-mock.ts')).electronModule());

import { createShellServices } from '../../main/shell/shell-services.ts';
import { FakeBrowserWindow, electronMock, resetElectronMock } from '../helpers/shell-electron-mock.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wvphost-shell-services-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => resetElectronMock());

describe('createShellServices', () => {
  it('asks for a save path with the suggested name and filter, null when cancelled', async () => {
    const window = new FakeBrowserWindow({});
    const services = createShellServices(() => window as never);
    electronMock.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/me/www_example_com.zip' });
    const filters = [{ name: 'Zip archive', extensions: ['zip'] }];
    expect(await services.chooseSavePath({ defaultName: 'www_example_com.zip', filters })).toBe('/home/me/www_example_com.zip');
    expect(electronMock.dialog.showSaveDialog).toHaveBeenCalledWith(window, { defaultPath: 'www_example_com.zip', filters });
    electronMock.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await services.chooseSavePath({ defaultName: 'x.zip', filters })).toBeNull();
  });

  it('replaces a file only when the user picks "Replace" (Cancel is the default)', async () => {
    const services = createShellServices(() => null);
    electronMock.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    expect(await services.confirmOverwrite('/tmp/a.zip')).toBe(true);
    const [options] = electronMock.dialog.showMessageBox.mock.calls[0] as unknown as [{ buttons: string[]; defaultId: number; cancelId: number; detail: string }];
    expect(options).toMatchObject({ buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1, detail: '/tmp/a.zip' });
    electronMock.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await services.confirmOverwrite('/tmp/a.zip')).toBe(false);
  });

  it('reads the chosen CSR file, and refuses one far too large to be a CSR', async () => {
    const services = createShellServices(() => null);
    const csrFile = join(dir, 'site.csr');
    await writeFile(csrFile, '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n');
    electronMock.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [csrFile] });
    expect(await services.openCsrFile()).toContain('BEGIN CERTIFICATE REQUEST');
    electronMock.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await services.openCsrFile()).toBeNull();
    const huge = join(dir, 'huge.bin');
    await writeFile(huge, Buffer.alloc(200 * 1024));
    electronMock.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [huge] });
    await expect(services.openCsrFile()).rejects.toMatchObject({ code: 'csr-file-too-large' });
  });

  it('writes the clipboard and shows notifications that focus the window when clicked', async () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    const services = createShellServices(() => window as never);
    await services.writeClipboard('_acme.example.com CNAME x.comodoca.com');
    expect(electronMock.clipboard.writeText).toHaveBeenCalledWith('_acme.example.com CNAME x.comodoca.com');
    services.notify('2 certificates are now due within 30 days', 'a.example (due 2026-12-01), b.example (due 2026-12-02).');
    const [notification] = electronMock.state.notifications;
    expect(notification?.options).toEqual({ title: '2 certificates are now due within 30 days', body: 'a.example (due 2026-12-01), b.example (due 2026-12-02).' });
    expect(notification?.show).toHaveBeenCalled();
    notification?.emit('click');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});
