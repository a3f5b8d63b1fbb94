import { describe, expect, it } from 'vitest';
import { withInterrupt } from '../../main/cli/cli-context.ts';

/** The SIGINT listeners added since `before` (the test runner has its own; those are not fired). */
function addedListeners(before: readonly unknown[]): ((...args: unknown[]) => void)[] {
  return process.listeners('SIGINT').filter((listener) => !before.includes(listener)) as ((...args: unknown[]) => void)[];
}

describe('withInterrupt', () => {
  it('aborts the work on Ctrl-C with an AbortError, and stops listening afterwards', async () => {
    const before = process.listeners('SIGINT');
    const reason = await withInterrupt('The export was cancelled.', (signal) => {
      const ours = addedListeners(before);
      expect(ours).toHaveLength(1);
      expect(signal.aborted).toBe(false);
      ours[0]?.('SIGINT');
      expect(signal.aborted).toBe(true);
      return Promise.resolve(signal.reason as DOMException);
    });
    expect(reason.name).toBe('AbortError');
    expect(reason.message).toBe('The export was cancelled.');
    expect(addedListeners(before)).toEqual([]);
  });

  it('removes its listener when the work fails', async () => {
    const before = process.listeners('SIGINT');
    await expect(withInterrupt('x', () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(addedListeners(before)).toEqual([]);
  });
});
