import { describe, expect, it } from 'vitest';
import type { Service } from '../../main/domain/service.ts';
import { actionBlockers } from '../../main/actions/action-blockers.ts';
import { approverDomainOf } from '../../main/actions/approver-emails.ts';

function service(overrides: Partial<Service>): Service {
  return {
    certificateId: 101,
    previousCertificateIds: [],
    hostName: 'www.example.com',
    sslType: 'PositiveSSL',
    status: 'active',
    purchaseDate: '2025-12-01',
    expireDate: '2026-12-01',
    activationExpireDate: '2026-12-01',
    dueDate: '2026-12-01',
    daysLeft: null,
    reissueState: 'none',
    needsActivation: false,
    lastSyncedAt: '2026-06-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('actionBlockers', () => {
  it('allows reissue of an active certificate, but not renewal months before expiry', () => {
    const blockers = actionBlockers(service({}), '2026-06-01');
    expect(blockers.reissue).toBeNull();
    expect(blockers.renew).toBe('Renewal opens 30 days before expiry, on 2026-11-01 (this certificate expires on 2026-12-01).');
    expect(blockers.activate).toContain('Only certificates awaiting activation');
    expect(blockers.resendApproval).toContain('awaits validation');
  });

  it('opens renewal exactly 30 days before expiry, and keeps it open once expired', () => {
    expect(actionBlockers(service({}), '2026-10-31').renew).not.toBeNull();
    expect(actionBlockers(service({}), '2026-11-01').renew).toBeNull();
    expect(actionBlockers(service({}), '2026-12-05').renew).toBeNull();
  });

  it('refuses a reissue of an expired certificate and points to renewal', () => {
    expect(actionBlockers(service({}), '2026-12-02').reissue).toBe(
      'This certificate expired on 2026-12-01; it can no longer be reissued. Renew it instead.',
    );
  });

  it('names the status when an action is not allowed', () => {
    const replaced = actionBlockers(service({ status: 'cancelled' }), '2026-06-01');
    expect(replaced.reissue).toBe('Only active certificates can be reissued; this one is "cancelled".');
    expect(replaced.renew).toBe('Only active certificates can be renewed; this one is "cancelled".');
  });

  it('says a reissue is already pending', () => {
    const pending = actionBlockers(
      service({ certificateId: 205, previousCertificateIds: [101], status: 'purchased', reissueState: 'pending' }),
      '2026-06-01',
    );
    expect(pending.reissue).toContain('already waiting for validation');
    expect(pending.resendApproval).toBeNull();
  });

  it('allows activation of newpurchase and newrenewal only', () => {
    for (const status of ['newpurchase', 'newrenewal']) {
      const blockers = actionBlockers(service({ status, hostName: '', expireDate: null, needsActivation: true }), '2026-06-01');
      expect(blockers.activate).toBeNull();
      expect(blockers.reissue).not.toBeNull();
      expect(blockers.renew).not.toBeNull();
    }
  });

  it('an active certificate without an expiry date cannot be renewed', () => {
    expect(actionBlockers(service({ expireDate: null }), '2026-06-01').renew).toContain('no expiry date');
  });
});

describe('approverDomainOf', () => {
  it('asks about the base of a wildcard and lower-cases', () => {
    expect(approverDomainOf('*.Example.com')).toBe('example.com');
    expect(approverDomainOf('www.example.com.')).toBe('www.example.com');
  });

  it('asks in punycode for an internationalised host, as the CSR check compares it', () => {
    expect(approverDomainOf('*.Bücher.example')).toBe('xn--bcher-kva.example');
    expect(approverDomainOf('')).toBe('');
  });
});
