/**
 * Starts reading the services at start-up, in parallel with the app state.
 *
 * The workspace needs both, but only knows it is shown once the state has arrived; asking for the
 * services at the same time saves a round trip before the first table paint. A failed prefetch
 * (no environment chosen yet) is simply dropped and the workspace asks again.
 */
import type { ServicesSnapshot } from '../../../preload/api.ts';
import { call } from '../bridge.ts';

let prefetched: Promise<ServicesSnapshot | null> | null = null;

export function prefetchServices(): void {
  prefetched = call('services:list').catch(() => null);
}

/** The snapshot, from the prefetch when one is pending (once), else a fresh request. */
export async function initialServices(): Promise<ServicesSnapshot> {
  const pending = prefetched;
  prefetched = null;
  const early = pending === null ? null : await pending;
  return early ?? call('services:list');
}
