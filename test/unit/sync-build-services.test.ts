import { describe, expect, it } from 'vitest';
import type { CertificateSnapshot, Service } from '../../main/domain/service.ts';
import { EMPTY_CACHE, type EnvironmentCache } from '../../main/store/types.ts';
import { buildServices, buildServicesWithWarnings, localToday } from '../../main/sync/build-services.ts';
import { addDays, epochDay } from '../../main/sync/local-date.ts';
import { SORTED_SERVICE_FIELDS } from '../helpers/service-fields.ts';

const SYNCED = '2026-11-20T08:00:00.000Z';

function cert(certificateId: number, patch: Partial<CertificateSnapshot> = {}): CertificateSnapshot {
  return {
    certificateId,
    hostName: `host${certificateId}.example.com`,
    sslType: 'PositiveSSL',
    status: 'active',
    purchaseDate: '2025-12-01',
    expireDate: '2026-12-31',
    activationExpireDate: null,
    isExpired: false,
    lastSyncedAt: SYNCED,
    ...patch,
  };
}

function cache(certificates: CertificateSnapshot[], extra: Partial<EnvironmentCache> = {}): EnvironmentCache {
  return { ...EMPTY_CACHE, certificates, lastSuccessfulSyncAt: SYNCED, ...extra };
}

const OPTIONS = { today: '2026-11-26', dueDateOffsetDays: 0 } as const;

function byId(services: readonly Service[], id: number): Service {
  const found = services.find((service) => service.certificateId === id);
  if (found === undefined) throw new Error(`no service ${id}`);
  return found;
}

describe('buildServices', () => {
  it('describes a never-reissued certificate by its own fields', () => {
    const services = buildServices(cache([cert(7, { activationExpireDate: '2026-01-05' })]), OPTIONS);
    expect(services).toEqual([
      {
        certificateId: 7,
        previousCertificateIds: [],
        hostName: 'host7.example.com',
        sslType: 'PositiveSSL',
        status: 'active',
        purchaseDate: '2025-12-01',
        expireDate: '2026-12-31',
        activationExpireDate: '2026-01-05',
        dueDate: '2026-12-31',
        daysLeft: 35,
        reissueState: 'none',
        needsActivation: false,
        lastSyncedAt: SYNCED,
      },
    ]);
    expect(Object.keys(services[0] ?? {}).sort()).toEqual(SORTED_SERVICE_FIELDS);
  });

  it('follows a lineage of depth 3 to its end, oldest first, with the newest fields', () => {
    const certificates = [
      cert(101, { status: 'replaced', expireDate: '2026-01-01' }),
      cert(205, { status: 'replaced', expireDate: '2026-06-01' }),
      cert(377, { status: 'active', hostName: 'shop.example.com', expireDate: '2027-03-10' }),
      cert(400),
    ];
    // Links listed out of order: the chain must not depend on insertion order.
    const services = buildServices(cache(certificates, { replacedBy: { '205': 377, '101': 205 } }), OPTIONS);
    expect(services.map((service) => service.certificateId)).toEqual([377, 400]);
    const lineage = byId(services, 377);
    expect(lineage.previousCertificateIds).toEqual([101, 205]);
    expect(lineage.hostName).toBe('shop.example.com');
    expect(lineage.expireDate).toBe('2027-03-10');
    expect(lineage.reissueState).toBe('reissued');
  });

  it('marks a lineage pending while its newest certificate is not yet issued', () => {
    const services = buildServices(
      cache([cert(1, { status: 'replaced' }), cert(2, { status: 'purchased' })], { replacedBy: { '1': 2 } }),
      OPTIONS,
    );
    expect(byId(services, 2)).toMatchObject({
      previousCertificateIds: [1],
      status: 'purchased',
      reissueState: 'pending',
    });
  });

  it.each(['active', 'expired', 'cancelled', 'revoked'])('counts a reissue settled once the newest is %s', (status) => {
    const services = buildServices(
      cache([cert(1, { status: 'replaced' }), cert(2, { status })], { replacedBy: { '1': 2 } }),
      OPTIONS,
    );
    expect(byId(services, 2).reissueState).toBe('reissued');
  });

  it('shows a reissue submitted from this app at once, before any sync saw it', () => {
    const services = buildServices(cache([cert(10), cert(11)], { localReissues: { '10': 99 } }), OPTIONS);
    expect(byId(services, 99)).toMatchObject({
      previousCertificateIds: [10],
      status: 'purchased',
      reissueState: 'pending',
      hostName: 'host10.example.com',
      expireDate: '2026-12-31',
    });
    expect(services).toHaveLength(2);
    // The sync compares without them.
    const withoutLocal = buildServices(cache([cert(10)], { localReissues: { '10': 99 } }), {
      ...OPTIONS,
      includeLocalReissues: false,
    });
    expect(withoutLocal.map((service) => service.certificateId)).toEqual([10]);
  });

  it('uses the listed certificate of a local reissue once a sync has seen it', () => {
    const services = buildServices(
      cache([cert(10), cert(99, { status: 'active', expireDate: '2027-01-01' })], { localReissues: { '10': 99 } }),
      OPTIONS,
    );
    expect(services).toHaveLength(1);
    expect(byId(services, 99)).toMatchObject({
      previousCertificateIds: [10],
      status: 'active',
      reissueState: 'reissued',
    });
  });

  it('prefers the link Wvphost reported over a local one', () => {
    const services = buildServices(
      cache([cert(10, { status: 'replaced' }), cert(12, { status: 'purchased' })], {
        replacedBy: { '10': 12 },
        localReissues: { '10': 11 },
      }),
      OPTIONS,
    );
    expect(services.map((service) => [service.certificateId, service.previousCertificateIds])).toEqual([[12, [10]]]);
  });

  it('keeps a certificate replaced by an unknown one as its own service, with a warning', () => {
    const built = buildServicesWithWarnings(
      cache([cert(5, { status: 'replaced' })], { replacedBy: { '5': 6 } }),
      OPTIONS,
    );
    expect(built.services).toHaveLength(1);
    expect(built.services[0]).toMatchObject({ certificateId: 5, status: 'replaced', previousCertificateIds: [] });
    expect(built.warnings).toHaveLength(1);
    expect(built.warnings[0]).toContain('5');
    expect(built.warnings[0]).toContain('6');
  });

  it('warns about a replaced certificate whose successor is not linked yet', () => {
    const built = buildServicesWithWarnings(cache([cert(5, { status: 'replaced' })]), OPTIONS);
    expect(built.services.map((service) => service.status)).toEqual(['replaced']);
    expect(built.warnings).toHaveLength(1);
  });

  it('never drops a certificate, even with a link cycle', () => {
    const services = buildServices(cache([cert(1), cert(2)], { replacedBy: { '1': 2, '2': 1 } }), OPTIONS);
    const all = services.flatMap((service) => [service.certificateId, ...service.previousCertificateIds]).sort();
    expect(all).toEqual([1, 2]);
  });

  it('ignores links of certificates no longer listed', () => {
    const services = buildServices(cache([cert(3)], { replacedBy: { '1': 3 } }), OPTIONS);
    expect(byId(services, 3).previousCertificateIds).toEqual([]);
  });

  it.each([
    [0, '2026-12-31'],
    [5, '2026-12-26'],
    [15, '2026-12-16'],
    [30, '2026-12-01'],
  ] as const)('subtracts the due-date offset of %i days', (offset, due) => {
    const [service] = buildServices(cache([cert(1)]), { today: '2026-11-26', dueDateOffsetDays: offset });
    expect(service?.dueDate).toBe(due);
    expect(service?.daysLeft).toBe(35);
  });

  it('crosses month and leap-year boundaries when subtracting the offset', () => {
    const [service] = buildServices(cache([cert(1, { expireDate: '2028-03-05' })]), {
      today: '2028-02-27',
      dueDateOffsetDays: 5,
    });
    expect(service?.dueDate).toBe('2028-02-29');
    expect(service?.daysLeft).toBe(7);
  });

  it('counts days left negative once expired and null without an expiry', () => {
    const services = buildServices(
      cache([
        cert(1, { expireDate: '2026-11-20', status: 'expired' }),
        cert(2, { expireDate: null, hostName: '', status: 'newpurchase' }),
      ]),
      OPTIONS,
    );
    expect(byId(services, 1).daysLeft).toBe(-6);
    expect(byId(services, 2)).toMatchObject({ daysLeft: null, dueDate: null, needsActivation: true, hostName: '' });
  });

  it('flags renewals and new purchases as needing activation', () => {
    const services = buildServices(
      cache([cert(1, { status: 'newrenewal' }), cert(2, { status: 'purchased' })]),
      OPTIONS,
    );
    expect(services.map((service) => service.needsActivation)).toEqual([true, false]);
  });

  it('builds nothing from an empty cache', () => {
    expect(buildServices(EMPTY_CACHE, OPTIONS)).toEqual([]);
  });

  it('handles 10,000 certificates with long lineages, each certificate in exactly one service', () => {
    const certificates: CertificateSnapshot[] = [];
    const replacedBy: Record<string, number> = {};
    for (let id = 1; id <= 10_000; id += 1) {
      const replaced = id % 4 !== 0;
      certificates.push(cert(id, { status: replaced ? 'replaced' : 'active' }));
      if (replaced) replacedBy[String(id)] = id + 1;
    }
    const services = buildServices(cache(certificates, { replacedBy }), OPTIONS);
    expect(services).toHaveLength(2_500);
    expect(byId(services, 8)).toMatchObject({ previousCertificateIds: [5, 6, 7], reissueState: 'reissued' });
    const seen = services.flatMap((service) => [...service.previousCertificateIds, service.certificateId]);
    expect(new Set(seen).size).toBe(10_000);
  });
});

describe('local dates', () => {
  it('formats the local calendar date, not the UTC one', () => {
    const now = new Date(2026, 0, 2, 23, 59, 0);
    expect(localToday(now)).toBe('2026-01-02');
  });

  it('adds days across years and rejects malformed dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -30)).toBe('2026-12-02');
    expect(addDays(null, 5)).toBeNull();
    expect(epochDay('12/31/2026')).toBeNull();
  });
});
