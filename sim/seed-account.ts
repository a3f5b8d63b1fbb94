import { domainToASCII } from 'node:url';
import type { AccountCertificate } from './account-certificate.ts';
import { addDays, daysBetween } from './dates.ts';
import { Prng } from './prng.ts';

/**
 * Builds the deterministic seeded account: a realistic mix of statuses, due dates, reissue chains,
 * wildcard and IDN hosts and SSL types, all relative to "today".
 *
 * The same seed, count and day give the same account, certificate for certificate.
 */

const BASES = [
  'example',
  'acme',
  'northwind',
  'contoso',
  'fabrikam',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'piedpiper',
  'wayne',
  'stark',
  'tyrell',
  'cyberdyne',
  'soylent',
  'vandelay',
  'wonka',
  'oscorp',
  'aperture',
  'gringotts',
  'monarch',
  'dunder',
  'bluth',
  'krusty',
  'prestige',
  'sterling',
] as const;
const TLDS = ['com', 'net', 'org', 'io', 'de', 'co.uk', 'nl', 'fr', 'shop', 'dev'] as const;
const PREFIXES = ['', '', 'www.', 'shop.', 'mail.', 'api.', 'portal.', 'app.', 'blog.', 'secure.'] as const;
const IDN_LABELS = [
  'bücher',
  'müller',
  'café',
  'straße',
  'señor',
  'frühstück',
  'köln-shop',
  'garçon',
  'mañana',
] as const;
const IDN_TLDS = ['de', 'fr', 'es', 'at', 'ch'] as const;
const SINGLE_TYPES = [
  'PositiveSSL',
  'PositiveSSL',
  'PositiveSSL',
  'EssentialSSL',
  'InstantSSL',
  'InstantSSL Pro',
  'PremiumSSL',
  'EV SSL',
] as const;
const WILDCARD_TYPES = ['PositiveSSL Wildcard', 'EssentialSSL Wildcard', 'PremiumSSL Wildcard'] as const;

type Category = 'active' | 'expired' | 'cancelled' | 'newpurchase' | 'newrenewal' | 'purchased';

interface Draft {
  readonly cert: Omit<AccountCertificate, 'certificateId'>;
  /** When the certificate came to exist (ms); ids grow with it. */
  readonly createdAt: number;
  /** Index in `drafts` of the certificate that replaced this one. */
  replacedByIndex: number | null;
}

function pickCategory(prng: Prng): Category {
  const r = prng.next();
  if (r < 0.62) return 'active';
  if (r < 0.7) return 'expired';
  if (r < 0.74) return 'cancelled';
  if (r < 0.81) return 'newpurchase';
  if (r < 0.86) return 'newrenewal';
  return 'purchased';
}

/** Days from today to expiry of an active certificate: some within 7, 30 and 90 days. */
function activeExpiryOffset(prng: Prng): number {
  const r = prng.next();
  if (r < 0.07) return prng.int(0, 7);
  if (r < 0.15) return prng.int(8, 30);
  if (r < 0.27) return prng.int(31, 90);
  return prng.int(91, 720);
}

function pickHost(prng: Prng, wildcard: boolean): string {
  const r = prng.next();
  if (r < 0.06) {
    const unicode = `${prng.pick(IDN_LABELS)}${prng.chance(0.5) ? String(prng.int(1, 99)) : ''}.${prng.pick(IDN_TLDS)}`;
    const ascii = domainToASCII(unicode);
    return (wildcard ? '*.' : prng.chance(0.3) ? 'www.' : '') + ascii;
  }
  const number = prng.chance(0.6) ? String(prng.int(1, 999)) : '';
  const domain = `${prng.pick(BASES)}${number}.${prng.pick(TLDS)}`;
  return wildcard ? `*.${domain}` : `${prng.pick(PREFIXES)}${domain}`;
}

/** The registrable part of a host, for approver addresses. */
export function baseDomain(host: string): string {
  return host.replace(/^\*\./, '').replace(/^www\./, '');
}

export interface SeedResult {
  readonly certificates: readonly AccountCertificate[];
  /** The generator, left where seeding stopped, for ids and order numbers made later. */
  readonly prng: Prng;
  readonly lastId: number;
  readonly lastOrderId: number;
}

/** Seeds `count` certificates; `today` is a local midnight, `nowMs` the simulated time. */
export function seedAccount(seed: number, count: number, today: Date, nowMs: number): SeedResult {
  const prng = new Prng(seed);
  const drafts: Draft[] = [];
  let orderId = 4_100_000 + prng.int(0, 99_999);

  while (drafts.length < count) {
    const category = pickCategory(prng);
    const wildcard = prng.chance(0.12);
    const sslType = wildcard ? prng.pick(WILDCARD_TYPES) : prng.pick(SINGLE_TYPES);
    const host = pickHost(prng, wildcard);
    const years = prng.chance(0.8) ? 1 : 2;
    orderId += prng.int(3, 400);
    const order = String(orderId);
    const providerOrderId = String(prng.int(100_000_000, 999_999_999));
    const approverEmail = `admin@${baseDomain(host)}`;
    const base = {
      sslType,
      orderId: order,
      providerOrderId,
      years,
      csr: '',
      adminEmail: `hostmaster@${baseDomain(host)}`,
      webServerType: prng.pick(['apacheapachessl', 'other', 'iis5', 'cpanel', 'tomcat']),
      replacedBy: null,
    };

    if (category === 'newpurchase' || category === 'newrenewal') {
      const purchaseDate = addDays(today, -prng.int(0, 80));
      drafts.push({
        cert: {
          ...base,
          hostName: '',
          status: category,
          purchaseDate,
          expireDate: null,
          activationExpireDate: addDays(purchaseDate, 90),
          approverEmail: '',
          activatedAt: null,
          issuedOn: null,
        },
        createdAt: purchaseDate.getTime(),
        replacedByIndex: null,
      });
      continue;
    }

    // Reissue chains: the newest keeps the lineage's status, the older ones are replaced.
    const reissueable = category === 'active' || category === 'purchased' || category === 'expired';
    let depth =
      reissueable && prng.chance(category === 'purchased' ? 0.4 : 0.14)
        ? prng.chance(0.6)
          ? 1
          : prng.chance(0.7)
            ? 2
            : 3
        : 0;
    depth = Math.min(depth, count - drafts.length - 1);
    // A purchased certificate without a chain is a fresh activation; with one, a pending reissue.
    const freshActivation = category === 'purchased' && depth === 0;

    let expireDate: Date;
    if (category === 'expired') expireDate = addDays(today, -prng.int(1, 400));
    else if (category === 'cancelled') expireDate = addDays(today, prng.int(-200, 300));
    else if (freshActivation) expireDate = addDays(today, 365 * years - prng.int(0, 3));
    else if (category === 'purchased') expireDate = addDays(today, prng.int(31, 500));
    else expireDate = addDays(today, activeExpiryOffset(prng));
    // Enough years that the purchase lies in the past (a 2-year certificate for a far expiry).
    const daysToExpire = daysBetween(today, expireDate);
    const lineageYears = freshActivation ? years : Math.max(years, Math.ceil((daysToExpire + 6) / 365));
    const purchaseDate = freshActivation
      ? addDays(today, -prng.int(0, 3))
      : addDays(expireDate, -365 * lineageYears - prng.int(0, 5));
    const status = category;
    const activationExpireDate = addDays(purchaseDate, 365 * lineageYears);

    const lastDay = Math.min(0, daysToExpire - 1);
    const span = Math.max(1, daysBetween(purchaseDate, addDays(today, lastDay)));
    const createdDays: number[] = [0];
    for (let k = 1; k <= depth; k += 1)
      createdDays.push(
        Math.min(span, (createdDays[k - 1] ?? 0) + prng.int(1, Math.max(1, Math.floor(span / (depth + 1))))),
      );

    let previousIndex: number | null = null;
    for (let k = 0; k <= depth; k += 1) {
      const newest = k === depth;
      const createdAt = addDays(purchaseDate, createdDays[k] ?? 0);
      const pending = newest && status === 'purchased';
      const index = drafts.length;
      drafts.push({
        cert: {
          ...base,
          years: lineageYears,
          hostName: host,
          status: newest ? status : 'replaced',
          purchaseDate,
          expireDate,
          activationExpireDate,
          approverEmail,
          // A purchased certificate was activated a little while ago and awaits issuance.
          activatedAt: pending ? nowMs - prng.int(0, 30_000) : createdAt.getTime(),
          issuedOn: pending ? null : addDays(createdAt, k === 0 ? prng.int(0, 1) : 0),
        },
        createdAt: pending ? today.getTime() : createdAt.getTime(),
        replacedByIndex: null,
      });
      if (previousIndex !== null) {
        const previous = drafts[previousIndex];
        if (previous) previous.replacedByIndex = index;
      }
      previousIndex = index;
    }
  }

  // Ids grow with creation time, with gaps (other accounts' certificates in between).
  const order = drafts.map((_, index) => index);
  order.sort((a, b) => (drafts[a]?.createdAt ?? 0) - (drafts[b]?.createdAt ?? 0) || a - b);
  const ids = new Array<number>(drafts.length);
  let id = 100_000 + prng.int(0, 999);
  for (const index of order) {
    id += prng.int(1, 40);
    ids[index] = id;
  }
  const certificates: AccountCertificate[] = drafts.map((draft, index) => ({
    ...draft.cert,
    certificateId: ids[index] ?? 0,
    replacedBy: draft.replacedByIndex === null ? null : (ids[draft.replacedByIndex] ?? null),
  }));
  certificates.sort((a, b) => a.certificateId - b.certificateId);
  return { certificates, prng, lastId: id, lastOrderId: orderId };
}
