/**
 * Keyboard shortcuts and menu commands, one handler for both.
 *
 * The desktop menu sends `menu:command`; the same keys are also handled in the page so they work
 * wherever the menu is absent (the end-to-end tests, a hidden menu bar).
 */
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../preload/api.ts';
import { listen } from '../bridge.ts';

const KEYS: Readonly<Record<string, MenuCommand>> = { r: 'sync', f: 'focus-search', e: 'export', ',': 'settings' };

export function useShortcuts(onCommand: (command: MenuCommand) => void): void {
  const handler = useRef(onCommand);
  useEffect(() => {
    handler.current = onCommand;
  }, [onCommand]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const command = KEYS[event.key.toLowerCase()];
      if (command === undefined) return;
      // A modal dialog owns the keyboard; the page behind it must not react.
      if (document.querySelector('dialog[open]') !== null) return;
      event.preventDefault();
      handler.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    const unsubscribe = listen('menu:command', (command) => handler.current(command));
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe();
    };
  }, []);
}
