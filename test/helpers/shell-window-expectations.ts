/**
 * The Electron security checklist as the shell tests expect to find it on the main window.
 *
 * Written out here once (not derived from main/shell/window-options.ts) so the window-options
 * unit test and the started-app test check the same full list against the real code.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
} as const;
