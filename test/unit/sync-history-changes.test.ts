import { describe, expect, it } from 'vitest';
import type { ServiceChange } from '../../main/domain/service.ts';
import { MAX_HISTORY_CHANGES, historyChanges } from '../../main/sync/history-changes.ts';

function added(id: number): ServiceChange {
  return { kind: 'added', certificateId: id, hostName: `h${id}.example.com` };
}
function reissued(from: number, to: number): ServiceChange {
  return {
    kind: 'reissued',
    certificateId: to,
    hostName: `r${to}.example.com`,
    fromCertificateId: from,
    toCertificateId: to,
  };
}

describe('historyChanges', () => {
  it('keeps a list within the limit as it is, without truncation fields', () => {
    const changes = [added(1), reissued(2, 3)];
    expect(historyChanges(changes, 2)).toEqual({ changes });
  });

  it('keeps every informative change before added ones, in the original order, and counts them all', () => {
    const changes = [added(1), added(2), reissued(10, 11), added(3), reissued(12, 13), added(4)];
    expect(historyChanges(changes, 4)).toEqual({
      changes: [added(1), added(2), reissued(10, 11), reissued(12, 13)],
      changesTruncated: true,
      totalChanges: 6,
    });
  });

  it('drops added changes entirely and caps informative ones when they alone overflow', () => {
    const changes = [added(1), reissued(10, 11), reissued(12, 13), reissued(14, 15)];
    expect(historyChanges(changes, 2)).toEqual({
      changes: [reissued(10, 11), reissued(12, 13)],
      changesTruncated: true,
      totalChanges: 4,
    });
  });

  it('bounds a first sync of 10,000 services to MAX_HISTORY_CHANGES', () => {
    const changes = Array.from({ length: 10_000 }, (_, index) => added(index));
    const kept = historyChanges(changes);
    expect(kept.changes).toHaveLength(MAX_HISTORY_CHANGES);
    expect(kept.totalChanges).toBe(10_000);
  });
});
