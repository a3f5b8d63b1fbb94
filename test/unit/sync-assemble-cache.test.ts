import { describe, expect, it } from 'vitest';
import { EMPTY_CACHE } from '../../main/store/types.ts';
import { assembleCache, pendingLocalReissues } from '../../main/sync/assemble-cache.ts';
import type { AccountRead } from '../../main/sync/read-account.ts';
import type { ListItem } from '../../main/wvphost/types.ts';

const AT = '2026-11-26T10:00:00.000Z';

function item(certificateId: number, patch: Partial<ListItem> = {}): ListItem {
  return {
    certificateId,
    hostName: `h${certificateId}.example.com`,
    sslType: 'PositiveSSL',
    purchaseDate: '2026-01-01',
    expireDate: '2027-01-01',
    activationExpireDate: null,
    isExpired: false,
    status: 'Active',
    ...patch,
  };
}

function read(items: ListItem[], initialTotal: number, newLinks: [number, number][] = []): AccountRead {
  return {
    items,
    newLinks: new Map(newLinks),
    initialTotal,
    changedDuringRead: items.length !== initialTotal,
    pagesRead: 1,
    warnings: [],
  };
}

describe('assembleCache', () => {
  it('normalises statuses, stamps the sync time and keeps the known and new links of listed certificates', () => {
    const previous = { ...EMPTY_CACHE, replacedBy: { '1': 2, '999': 1000 } };
    const assembled = assembleCache(
      previous,
      read([item(1, { status: 'REPLACED' }), item(2), item(3, { status: 'replaced' }), item(4)], 4, [[3, 4]]),
      AT,
      {},
    );
    expect(
      assembled.certificates.map((certificate) => [
        certificate.certificateId,
        certificate.status,
        certificate.lastSyncedAt,
      ]),
    ).toEqual([
      [1, 'replaced', AT],
      [2, 'active', AT],
      [3, 'replaced', AT],
      [4, 'active', AT],
    ]);
    // 999 is no longer listed: its link is dropped so the map never outgrows the account.
    expect(assembled.replacedBy).toEqual({ '1': 2, '3': 4 });
    expect(assembled.deferred).toEqual([]);
  });

  it('leaves for the next sync a newcomer that could be the reissue of a certificate read before it', () => {
    // 2 was reissued to 6 after its page was read: 2 still reads active, 6 appeared at the end.
    const items = [
      item(1),
      item(2, { hostName: 'shop.example.com' }),
      item(3),
      item(6, { hostName: 'shop.example.com', status: 'Purchased' }),
    ];
    const assembled = assembleCache(EMPTY_CACHE, read(items, 3), AT, {});
    expect(assembled.deferred).toEqual([6]);
    expect(assembled.certificates.map((certificate) => certificate.certificateId)).toEqual([1, 2, 3]);
  });

  it('keeps a newcomer whose predecessor was read as replaced, or that nothing read could have produced', () => {
    const items = [
      item(1, { hostName: 'shop.example.com', status: 'replaced' }),
      item(2),
      item(7, { hostName: 'shop.example.com', status: 'purchased' }),
      item(8, { hostName: '', status: 'newpurchase' }),
      item(9, { hostName: 'brand-new.example.com' }),
    ];
    const assembled = assembleCache(EMPTY_CACHE, read(items, 2, [[1, 7]]), AT, {});
    expect(assembled.deferred).toEqual([]);
    expect(assembled.certificates).toHaveLength(5);
  });

  it('keeps a newcomer announced by a reissue submitted from this app', () => {
    const items = [
      item(1, { hostName: 'shop.example.com' }),
      item(5, { hostName: 'shop.example.com', status: 'purchased' }),
    ];
    expect(assembleCache(EMPTY_CACHE, read(items, 1), AT, { '1': 5 }).deferred).toEqual([]);
  });

  it('does nothing special when the list did not change during the read', () => {
    const items = [
      item(1, { hostName: 'same.example.com' }),
      item(2, { hostName: 'same.example.com', status: 'purchased' }),
    ];
    expect(assembleCache(EMPTY_CACHE, read(items, 2), AT, {}).deferred).toEqual([]);
  });
});

describe('pendingLocalReissues', () => {
  it('drops local reissues Wvphost confirmed or whose certificate is gone, keeps the others', () => {
    const assembled = assembleCache(
      EMPTY_CACHE,
      read([item(1, { status: 'replaced' }), item(2), item(3), item(4)], 4, [[1, 2]]),
      AT,
      {},
    );
    expect(pendingLocalReissues({ '1': 2, '3': 10, '50': 51 }, assembled)).toEqual({ '3': 10 });
  });
});
