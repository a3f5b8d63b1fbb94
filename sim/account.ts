import type { AccountCertificate } from './account-certificate.ts';
import type { SimClock } from './clock.ts';
import { addDays, startOfDay } from './dates.ts';
import type { Prng } from './prng.ts';
import { baseDomain, seedAccount } from './seed-account.ts';
import type { SimCertificate } from './types.ts';

/**
 * The simulated Wvphost account: its certificates and the lifecycle moves between statuses.
 *
 * Certificates are kept in an array sorted by id (new ids are always larger, so appends keep it
 * sorted) plus a map by id, so that a getList page and a lookup stay cheap with 10,000 of them.
 */
export class Account {
  private readonly list: AccountCertificate[];
  private readonly byId = new Map<number, AccountCertificate>();
  private readonly prng: Prng;
  private lastId: number;
  private lastOrderId: number;
  /** The simulated day of the last expiry pass; the seeded account is consistent for its day. */
  private lastExpiryDay: number;

  constructor(
    private readonly clock: SimClock,
    seed: number,
    count: number,
  ) {
    const seeded = seedAccount(seed, count, clock.today(), clock.nowMs());
    this.list = [...seeded.certificates];
    for (const certificate of this.list) this.byId.set(certificate.certificateId, certificate);
    this.prng = seeded.prng;
    this.lastId = seeded.lastId;
    this.lastOrderId = seeded.lastOrderId;
    this.lastExpiryDay = clock.today().getTime();
  }

  /** Every certificate, sorted by id ascending (live objects). */
  all(): readonly AccountCertificate[] {
    return this.list;
  }

  get(certificateId: number): AccountCertificate | undefined {
    return this.byId.get(certificateId);
  }

  /** True for an id between this account's ids that is not ours (another account's). */
  isForeignId(certificateId: number): boolean {
    const first = this.list[0];
    return (
      first !== undefined &&
      Number.isInteger(certificateId) &&
      certificateId > first.certificateId &&
      certificateId < this.lastId &&
      !this.byId.has(certificateId)
    );
  }

  private nextId(): number {
    this.lastId += this.prng.int(1, 40);
    return this.lastId;
  }

  private nextOrderId(): string {
    this.lastOrderId += this.prng.int(3, 400);
    return String(this.lastOrderId);
  }

  private insert(certificate: AccountCertificate): AccountCertificate {
    this.list.push(certificate);
    this.byId.set(certificate.certificateId, certificate);
    return certificate;
  }

  /** Adds a certificate as if bought elsewhere; unspecified fields get an active one-year default. */
  add(init: Partial<Omit<SimCertificate, 'certificateId'>>): AccountCertificate {
    const today = this.clock.today();
    const status = (init.status ?? 'active').toLowerCase();
    const awaiting = status === 'newpurchase' || status === 'newrenewal';
    const hostName = init.hostName ?? (awaiting ? '' : `added${this.lastId + 1}.example.com`);
    const purchaseDate = init.purchaseDate === undefined ? today : init.purchaseDate;
    const expireDate = init.expireDate === undefined ? (awaiting ? null : addDays(today, 365)) : init.expireDate;
    return this.insert({
      certificateId: this.nextId(),
      hostName,
      sslType: init.sslType ?? (hostName.startsWith('*.') ? 'PositiveSSL Wildcard' : 'PositiveSSL'),
      status,
      purchaseDate,
      expireDate,
      activationExpireDate:
        init.activationExpireDate === undefined
          ? purchaseDate
            ? addDays(purchaseDate, awaiting ? 90 : 365)
            : null
          : init.activationExpireDate,
      replacedBy: init.replacedBy ?? null,
      orderId: init.orderId ?? this.nextOrderId(),
      csr: init.csr ?? '',
      approverEmail: init.approverEmail ?? (hostName ? `admin@${baseDomain(hostName)}` : ''),
      activatedAt: init.activatedAt ?? (status === 'purchased' ? this.clock.nowMs() : null),
      years: 1,
      issuedOn: status === 'active' || status === 'expired' || status === 'replaced' ? (purchaseDate ?? today) : null,
      providerOrderId: String(this.prng.int(100_000_000, 999_999_999)),
      adminEmail: hostName ? `hostmaster@${baseDomain(hostName)}` : '',
      webServerType: 'other',
    });
  }

  /**
   * Reissues `old` (which must be active): it becomes `replaced`, pointing at a new `purchased`
   * certificate with the same host, type, expiry and order.
   */
  reissue(
    old: AccountCertificate,
    submission?: { csr: string; approverEmail: string; adminEmail: string; webServerType: string },
  ): AccountCertificate {
    const fresh = this.insert({
      certificateId: this.nextId(),
      hostName: old.hostName,
      sslType: old.sslType,
      status: 'purchased',
      purchaseDate: old.purchaseDate,
      expireDate: old.expireDate,
      activationExpireDate: old.activationExpireDate,
      replacedBy: null,
      orderId: old.orderId,
      csr: submission?.csr ?? old.csr,
      approverEmail: submission?.approverEmail ?? old.approverEmail,
      activatedAt: this.clock.nowMs(),
      years: old.years,
      issuedOn: null,
      providerOrderId: old.providerOrderId,
      adminEmail: submission?.adminEmail ?? old.adminEmail,
      webServerType: submission?.webServerType ?? old.webServerType,
    });
    old.status = 'replaced';
    old.replacedBy = fresh.certificateId;
    return fresh;
  }

  /** Activates a newpurchase/newrenewal certificate with a CSR for `hostName`. */
  activate(
    certificate: AccountCertificate,
    submission: { hostName: string; csr: string; approverEmail: string; adminEmail: string; webServerType: string },
  ): void {
    const today = this.clock.today();
    certificate.hostName = submission.hostName;
    certificate.csr = submission.csr;
    certificate.approverEmail = submission.approverEmail;
    certificate.adminEmail = submission.adminEmail;
    certificate.webServerType = submission.webServerType;
    certificate.status = 'purchased';
    certificate.activatedAt = this.clock.nowMs();
    certificate.expireDate = addDays(today, 365 * certificate.years);
    certificate.activationExpireDate = certificate.expireDate;
  }

  /** A renewal order: a new `newrenewal` certificate with no link back to `old`. */
  renew(old: AccountCertificate, years: number): AccountCertificate {
    const today = this.clock.today();
    const fresh = this.add({
      status: 'newrenewal',
      sslType: old.sslType,
      hostName: '',
      purchaseDate: today,
      expireDate: null,
    });
    fresh.years = years;
    fresh.activationExpireDate = addDays(today, 90);
    return fresh;
  }

  /** Issues `certificate` (purchased → active) today. */
  issue(certificate: AccountCertificate): void {
    certificate.status = 'active';
    certificate.issuedOn = this.clock.today();
  }

  /** Every purchased certificate becomes active; returns how many. */
  issueAll(): number {
    let issued = 0;
    for (const certificate of this.list) {
      if (certificate.status.toLowerCase() === 'purchased') {
        this.issue(certificate);
        issued += 1;
      }
    }
    return issued;
  }

  /**
   * Applies the passage of simulated time: issuance after `issueDelayMs` and expiry of active
   * certificates once their day has passed (checked once per simulated day).
   */
  tick(issueDelayMs: number | null): void {
    const nowMs = this.clock.nowMs();
    if (issueDelayMs !== null) {
      for (const certificate of this.list) {
        if (
          certificate.status.toLowerCase() === 'purchased' &&
          certificate.activatedAt !== null &&
          certificate.activatedAt + issueDelayMs <= nowMs
        ) {
          this.issue(certificate);
        }
      }
    }
    const today = startOfDay(this.clock.now()).getTime();
    if (today !== this.lastExpiryDay) {
      this.lastExpiryDay = today;
      for (const certificate of this.list) {
        if (
          certificate.status.toLowerCase() === 'active' &&
          certificate.expireDate !== null &&
          certificate.expireDate.getTime() < today
        ) {
          certificate.status = 'expired';
        }
      }
    }
  }
}
