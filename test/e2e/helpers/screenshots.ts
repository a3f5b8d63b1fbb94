/**
 * Screenshots of the main screens under test-results/screenshots/, in light and dark.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/screenshots');

/** Captures `name` once per colour scheme (the page's theme follows `prefers-color-scheme`). */
export async function screenshotBothSchemes(page: Page, name: string): Promise<readonly string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const paths: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Let the style recalculation land before capturing.
    // (page.evaluate has no timeout of its own: the fallback timer keeps this from waiting forever.)
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          requestAnimationFrame(() => requestAnimationFrame(() => done()));
          setTimeout(done, 1_000);
        }),
    );
    const path = join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`);
    await page.screenshot({ path });
    paths.push(path);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return paths;
}
