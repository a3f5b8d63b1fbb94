/**
 * Which services a post-sync notification names: newly due soon, matched by lineage.
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../main/domain/service.ts';
import { dueSoonNotification, isDueSoon, newlyDueSoon } from '../../main/ipc/due-soon.ts';

function service(overrides: Partial<Service> & { certificateId: number }): Service {
  return {
    previousCertificateIds: [],
    hostName: `host${overrides.certificateId}.example`,
    sslType: 'PositiveSSL',
    status: 'active',
    purchaseDate: '2025-01-01',
    expireDate: overrides.dueDate ?? null,
    activationExpireDate: null,
    dueDate: null,
    daysLeft: 10,
    reissueState: 'none',
    needsActivation: false,
    lastSyncedAt: '2026-11-26T07:00:00.000Z',
    ...overrides,
  };
}

describe('isDueSoon', () => {
  it('counts live services whose due date is within the window, overdue included', () => {
    expect(isDueSoon(service({ certificateId: 1, dueDate: '2026-12-26' }), '2026-11-26', 30)).toBe(true);
    expect(isDueSoon(service({ certificateId: 1, dueDate: '2026-12-27' }), '2026-11-26', 30)).toBe(false);
    expect(isDueSoon(service({ certificateId: 1, dueDate: '2026-11-20', daysLeft: 3 }), '2026-11-26', 30)).toBe(true);
    expect(isDueSoon(service({ certificateId: 1, dueDate: '2026-11-20', daysLeft: -6 }), '2026-11-26', 30)).toBe(false);
    expect(isDueSoon(service({ certificateId: 1, dueDate: '2026-12-01', status: 'cancelled' }), '2026-11-26', 30)).toBe(false);
    expect(isDueSoon(service({ certificateId: 1, dueDate: null }), '2026-11-26', 30)).toBe(false);
  });
});

describe('newlyDueSoon', () => {
  const today = '2026-11-26';

  it('names only services that were not due soon at the previous sync', () => {
    const before = [service({ certificateId: 1, dueDate: '2026-12-01' }), service({ certificateId: 2, dueDate: '2027-06-01' })];
    const after = [service({ certificateId: 1, dueDate: '2026-12-01' }), service({ certificateId: 2, dueDate: '2026-12-10' })];
    expect(newlyDueSoon({ services: before, today }, { services: after, today }, 30).map((s) => s.certificateId)).toEqual([2]);
    expect(newlyDueSoon({ services: after, today }, { services: after, today }, 30)).toEqual([]);
  });

  it('does not count a reissued lineage as new', () => {
    const before = [service({ certificateId: 101, dueDate: '2026-12-01' })];
    const after = [service({ certificateId: 205, previousCertificateIds: [101], dueDate: '2026-12-01' })];
    expect(newlyDueSoon({ services: before, today }, { services: after, today }, 30)).toEqual([]);
  });

  it('reports a service that crossed into the window as days passed since the previous sync', () => {
    const same = [service({ certificateId: 7, dueDate: '2026-12-20' })];
    expect(newlyDueSoon({ services: same, today: '2026-11-01' }, { services: same, today }, 30).map((s) => s.certificateId)).toEqual([7]);
  });
});

describe('dueSoonNotification', () => {
  it('names five services, soonest first, then "and N more"', () => {
    const services = [9, 3, 7, 1, 5, 2, 8].map((day) => service({ certificateId: day, dueDate: `2026-12-0${day}` }));
    const { title, body } = dueSoonNotification(services, 30);
    expect(title).toBe('7 certificates are now due within 30 days');
    expect(body).toBe(
      'host1.example (due 2026-12-01), host2.example (due 2026-12-02), host3.example (due 2026-12-03), host5.example (due 2026-12-05), host7.example (due 2026-12-07) and 2 more.',
    );
  });
});
