import { describe, expect, it } from 'vitest';
import type { Service } from '../../main/domain/service.ts';
import { diffServices } from '../../main/sync/diff-services.ts';

function service(certificateId: number, patch: Partial<Service> = {}): Service {
  return {
    certificateId,
    previousCertificateIds: [],
    hostName: `h${certificateId}.example.com`,
    sslType: 'PositiveSSL',
    status: 'active',
    purchaseDate: '2025-01-01',
    expireDate: '2026-12-31',
    activationExpireDate: null,
    dueDate: '2026-12-31',
    daysLeft: 30,
    reissueState: 'none',
    needsActivation: false,
    lastSyncedAt: '2026-11-26T00:00:00.000Z',
    ...patch,
  };
}

describe('diffServices', () => {
  it('reports nothing when nothing changed', () => {
    expect(diffServices([service(1), service(2)], [service(1), service(2)])).toEqual([]);
  });

  it('reports added and removed lineages', () => {
    expect(diffServices([service(1), service(2)], [service(2), service(3)])).toEqual([
      { kind: 'added', certificateId: 3, hostName: 'h3.example.com' },
      { kind: 'removed', certificateId: 1, hostName: 'h1.example.com' },
    ]);
  });

  it('reports a reissue as old → new of the same service, with the status change', () => {
    const before = [service(101, { previousCertificateIds: [] })];
    const after = [
      service(205, {
        previousCertificateIds: [101],
        status: 'purchased',
        hostName: 'h101.example.com',
        reissueState: 'pending',
      }),
    ];
    expect(diffServices(before, after)).toEqual([
      {
        kind: 'reissued',
        certificateId: 205,
        hostName: 'h101.example.com',
        fromCertificateId: 101,
        toCertificateId: 205,
      },
      { kind: 'status-changed', certificateId: 205, hostName: 'h101.example.com', from: 'active', to: 'purchased' },
    ]);
  });

  it('matches a lineage reissued twice since the last sync', () => {
    const before = [service(205, { previousCertificateIds: [101] })];
    const after = [service(377, { previousCertificateIds: [101, 205] })];
    expect(diffServices(before, after)).toEqual([
      {
        kind: 'reissued',
        certificateId: 377,
        hostName: 'h377.example.com',
        fromCertificateId: 205,
        toCertificateId: 377,
      },
    ]);
  });

  it('reports expire and due date changes and a new need for activation', () => {
    const before = [service(1)];
    const after = [
      service(1, { status: 'newrenewal', expireDate: '2027-12-31', dueDate: '2027-12-01', needsActivation: true }),
    ];
    expect(diffServices(before, after).map((change) => change.kind)).toEqual([
      'status-changed',
      'expire-date-changed',
      'due-date-changed',
      'needs-activation',
    ]);
    expect(diffServices(before, after)[1]).toEqual({
      kind: 'expire-date-changed',
      certificateId: 1,
      hostName: 'h1.example.com',
      from: '2026-12-31',
      to: '2027-12-31',
    });
  });

  it('flags a new renewal that still needs a CSR', () => {
    const after = [service(9, { status: 'newrenewal', needsActivation: true, hostName: '' })];
    expect(diffServices([], after)).toEqual([
      { kind: 'added', certificateId: 9, hostName: '' },
      { kind: 'needs-activation', certificateId: 9, hostName: '' },
    ]);
  });
});
