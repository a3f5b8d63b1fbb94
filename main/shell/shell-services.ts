/**
 * The desktop-only services the core asks for: save/open dialogs, overwrite prompt, clipboard,
 * notifications.
 */
import { readFile, stat } from 'node:fs/promises';
import { Notification, clipboard, dialog, type BrowserWindow } from 'electron';
import { AppError } from '../ipc/app-error.ts';
import type { ShellServices } from '../ipc/types.ts';

/** A CSR is a few KiB; anything much larger is the wrong file. */
const MAX_CSR_FILE_BYTES = 64 * 1024;

export function createShellServices(window: () => BrowserWindow | null): ShellServices {
  return {
    async chooseSavePath({ defaultName, filters }) {
      const parent = window();
      const options = { defaultPath: defaultName, filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const result = parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
    },

    async confirmOverwrite(path) {
      const parent = window();
      const options = {
        type: 'warning' as const,
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'The file already exists. Replace it?',
        detail: path,
      };
      const result = parent === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
      return result.response === 0;
    },

    async openCsrFile() {
      const parent = window();
      const options = {
        properties: ['openFile' as const],
        filters: [
          { name: 'Certificate signing requests', extensions: ['csr', 'pem', 'req', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = parent === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
      const file = result.filePaths[0];
      if (result.canceled || file === undefined) return null;
      const info = await stat(file);
      if (info.size > MAX_CSR_FILE_BYTES) {
        throw new AppError('csr-file-too-large', `That file is ${Math.round(info.size / 1024)} KiB, too large to be a CSR. Choose the .csr file your server generated.`);
      }
      return readFile(file, 'utf8');
    },

    async writeClipboard(text) {
      clipboard.writeText(text);
    },

    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      notification.on('click', () => {
        const parent = window();
        if (parent === null) return;
        if (parent.isMinimized()) parent.restore();
        parent.focus();
      });
      notification.show();
    },
  };
}
