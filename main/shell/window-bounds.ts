/**
 * Remembering the window's size and place between runs (settings.window).
 */
import type { WindowBounds } from '../settings/types.ts';

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The saved bounds, without a position that no longer lies on any display.
 *
 * A window remembered on an unplugged monitor would otherwise open off-screen; the size is kept
 * and the OS picks the place.
 */
export function restorableBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): WindowBounds | null {
  if (saved === null || saved.x === undefined || saved.y === undefined) return saved;
  const { x, y } = saved;
  // At least the title bar's top-left 100×50 must be visible to be able to grab the window.
  const visible = workAreas.some(
    (area) => x + 100 > area.x && x < area.x + area.width && y + 50 > area.y && y < area.y + area.height,
  );
  return visible ? saved : { width: saved.width, height: saved.height, maximized: saved.maximized };
}

/** What to remember of a window: its normal (unmaximized) bounds and whether it was maximized. */
export function boundsToRemember(normalBounds: Rectangle, maximized: boolean): WindowBounds {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}
