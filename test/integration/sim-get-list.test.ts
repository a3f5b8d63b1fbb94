import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../sim/types.ts';
import type { Xml } from './sim-support.ts';
import { call, errorNumbers, startTestSimulator } from './sim-support.ts';

/** Every SSL item and the Paging block of one getList reply. */
async function listPage(
  sim: Simulator,
  params: Record<string, string | number> = {},
): Promise<{ items: Xml[]; paging: Xml }> {
  const envelope = await call(sim, { Command: 'namecheap.ssl.getList', ...params });
  expect(envelope['@Status']).toBe('OK');
  const response = envelope.CommandResponse;
  return { items: response.SSLListResult?.SSL ?? [], paging: response.Paging };
}

async function allItems(sim: Simulator, params: Record<string, string | number> = {}): Promise<Xml[]> {
  const items: Xml[] = [];
  for (let page = 1; ; page += 1) {
    const result = await listPage(sim, { ...params, PageSize: 100, Page: page });
    items.push(...result.items);
    if (page * 100 >= Number(result.paging.TotalItems)) return items;
  }
}

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

describe('simulator getList', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ count: 230, seed: 21 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages by 20 by default, by CertificateID ascending, with a Paging block', async () => {
    const { items, paging } = await listPage(sim);
    expect(items).toHaveLength(20);
    expect(paging).toEqual({ TotalItems: '230', CurrentPage: '1', PageSize: '20' });
    const ids = items.map((item: Xml) => Number(item['@CertificateID']));
    expect(ids).toEqual(
      sim
        .certificates()
        .slice(0, 20)
        .map((c) => c.certificateId),
    );
  });

  it.each([
    [5, 10],
    [0, 10],
    [-3, 10],
    [10, 10],
    [55, 55],
    [100, 100],
    [101, 100],
    [5000, 100],
    ['abc', 20],
  ])('clamps PageSize %s to %i', async (asked, expected) => {
    const { items, paging } = await listPage(sim, { PageSize: asked });
    expect(Number(paging.PageSize)).toBe(expected);
    expect(items).toHaveLength(expected);
  });

  it('walks every page exactly once and answers an empty page past the end', async () => {
    const items = await allItems(sim);
    const ids = items.map((item: Xml) => Number(item['@CertificateID']));
    expect(ids).toEqual(sim.certificates().map((c) => c.certificateId));
    const past = await listPage(sim, { Page: 4, PageSize: 100 });
    expect(past.items).toHaveLength(0);
    expect(past.paging.TotalItems).toBe('230');
    const last = await listPage(sim, { Page: 3, PageSize: 100 });
    expect(last.items).toHaveLength(30);
  });

  it('reports every attribute of §4, plus ReplacedBy and an unknown ProviderOrderID', async () => {
    const items = await allItems(sim);
    for (const item of items) {
      for (const name of [
        'CertificateID',
        'HostName',
        'SSLType',
        'PurchaseDate',
        'ExpireDate',
        'ActivationExpireDate',
        'IsExpiredYN',
        'Status',
        'ProviderOrderID',
        'ReplacedBy',
      ]) {
        expect(item).toHaveProperty(`@${name}`);
      }
      expect(['true', 'false']).toContain(item['@IsExpiredYN']);
      for (const name of ['PurchaseDate', 'ExpireDate', 'ActivationExpireDate']) {
        const value = item[`@${name}`];
        expect(value === '' || DATE.test(value)).toBe(true);
      }
    }
    // Both date forms occur: 01/05/2027 and 1/5/2027.
    const dates = items
      .flatMap((item: Xml) => [item['@PurchaseDate'], item['@ExpireDate']])
      .filter((d: string) => d !== '');
    expect(dates.some((d: string) => /^0\d\//.test(d) || /\/0\d\//.test(d))).toBe(true);
    expect(dates.some((d: string) => /^\d\/|\/\d\//.test(d))).toBe(true);
  });

  it('spells statuses in getList style and leaves HostName/ExpireDate empty before activation', async () => {
    const items = await allItems(sim);
    const statuses = new Set(items.map((item: Xml) => item['@Status']));
    expect(statuses).toContain('active');
    expect(statuses).toContain('NEWPURCHASE');
    expect(statuses).toContain('PURCHASED');
    for (const item of items.filter((i: Xml) => /^new(purchase|renewal)$/i.test(i['@Status']))) {
      expect(item['@HostName']).toBe('');
      expect(item['@ExpireDate']).toBe('');
    }
    const replaced = items.filter((item: Xml) => item['@Status'] === 'replaced');
    expect(replaced.length).toBeGreaterThan(0);
    for (const item of replaced) expect(Number(item['@ReplacedBy'])).toBeGreaterThan(Number(item['@CertificateID']));
    for (const item of items.filter((i: Xml) => i['@Status'] === 'expired')) expect(item['@IsExpiredYN']).toBe('true');
  });

  it.each([
    ['Active', ['active']],
    ['cancelled', ['cancelled']],
    ['NEWPURCHASE', ['newpurchase']],
    ['NewRenewal', ['newrenewal']],
    ['Processing', ['purchased']],
    ['InProgress', ['purchased']],
    ['Completed', ['active', 'expired']],
    ['Deactivated', ['expired', 'cancelled', 'replaced']],
  ])('filters ListType=%s', async (listType, statuses) => {
    const items = await allItems(sim, { ListType: listType });
    const expected = sim.certificates().filter((c) => statuses.includes(c.status));
    expect(items.length).toBe(expected.length);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((item: Xml) => Number(item['@CertificateID']))).toEqual(expected.map((c) => c.certificateId));
  });

  it('finds hosts by SearchTerm, case-insensitively, with the total of the matches', async () => {
    const host = sim.certificates().find((c) => c.hostName.includes('.') && !c.hostName.startsWith('*'))!.hostName;
    const term = host.split('.')[0]!.toUpperCase();
    const items = await allItems(sim, { SearchTerm: term });
    const expected = sim.certificates().filter((c) => c.hostName.toLowerCase().includes(term.toLowerCase()));
    expect(items.map((i: Xml) => Number(i['@CertificateID']))).toEqual(expected.map((c) => c.certificateId));
    const none = await listPage(sim, { SearchTerm: 'no-such-host-anywhere' });
    expect(none.items).toHaveLength(0);
    expect(none.paging.TotalItems).toBe('0');
    const tooLong = await call(sim, { Command: 'namecheap.ssl.getList', SearchTerm: 'x'.repeat(71) });
    expect(tooLong['@Status']).toBe('ERROR');
  });

  it.each([
    'PURCHASEDATE',
    'PURCHASEDATE_DESC',
    'SSLTYPE',
    'SSLTYPE_DESC',
    'EXPIREDATETIME',
    'EXPIREDATETIME_DESC',
    'Host_Name',
    'Host_Name_DESC',
  ])('sorts by %s', async (sortBy) => {
    const items = await allItems(sim, { SortBy: sortBy });
    expect(items).toHaveLength(230);
    const descending = sortBy.endsWith('_DESC');
    const field = sortBy.replace(/_DESC$/, '').toUpperCase();
    const byId = new Map(sim.certificates().map((c) => [c.certificateId, c]));
    const keys = items.map((item: Xml) => {
      const c = byId.get(Number(item['@CertificateID']))!;
      if (field === 'PURCHASEDATE') return c.purchaseDate?.getTime() ?? -Infinity;
      if (field === 'EXPIREDATETIME') return c.expireDate?.getTime() ?? -Infinity;
      if (field === 'SSLTYPE') return c.sslType.toLowerCase();
      return c.hostName.toLowerCase();
    });
    for (let i = 1; i < keys.length; i += 1) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      if (descending) expect(a >= b).toBe(true);
      else expect(a <= b).toBe(true);
    }
  });

  it('rejects an unknown ListType or SortBy with an error', async () => {
    expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getList', ListType: 'Bogus' }))).toEqual([2015182]);
    expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getList', SortBy: 'COLOR' }))).toEqual([2015182]);
  });
});
