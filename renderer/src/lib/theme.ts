/**
 * Applies the theme preference to the document.
 *
 * "system" leaves the choice to `prefers-color-scheme` in the stylesheet; light/dark pin it.
 */
import type { AppState } from '../../../preload/api.ts';

export type ThemePreference = AppState['settings']['theme'];

export function applyTheme(theme: ThemePreference): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
}
