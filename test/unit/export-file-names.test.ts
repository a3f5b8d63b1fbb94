import { describe, expect, it } from 'vitest';
import { SERVER_TYPES } from '../../preload/api.ts';
import { certificateFileStem, defaultCertificateFileName, defaultReportFileName } from '../../main/export/file-names.ts';
import { parseServerType, SERVER_TYPE_INFOS, serverTypeInfo } from '../../main/export/server-types.ts';

describe('certificateFileStem (<CN> of wvphost-api.md §6)', () => {
  it.each([
    ['www.example.com', 'www_example_com'],
    ['*.example.com', 'STAR_example_com'],
    ['*.sub.example.co.uk', 'STAR_sub_example_co_uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva_example'],
    // A Unicode name is written in its punycode form, as the certificate holds it.
    ['bücher.example', 'xn--bcher-kva_example'],
    ['*.bücher.example', 'STAR_xn--bcher-kva_example'],
    ['  www.example.com ', 'www_example_com'],
    ['Mail.Example.COM', 'Mail_Example_COM'],
  ])('%s → %s', (commonName, stem) => {
    expect(certificateFileStem(commonName)).toBe(stem);
  });

  it('never lets a hostile name leave the folder or carry unsafe characters', () => {
    for (const hostile of ['../../etc/passwd', 'a/b\\c:d', 'con', 'x\u0000y', 'a b|c?d*e"f<g>h', '*.*.example.com', '..']) {
      const stem = certificateFileStem(hostile, 9);
      expect(stem).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(stem).not.toMatch(/^(con|prn|aux|nul)$/i);
    }
    expect(certificateFileStem('../../etc/passwd')).toBe('______etc_passwd');
    expect(certificateFileStem('con')).toBe('_con');
    expect(certificateFileStem('*.*.example.com')).toBe('STAR___example_com');
  });

  it('falls back to certificate-<id> when nothing usable is left', () => {
    expect(certificateFileStem('', 377)).toBe('certificate-377');
    expect(certificateFileStem('...', 377)).toBe('certificate-377');
    expect(certificateFileStem('')).toBe('certificate');
  });

  it('keeps very long names within file-system limits', () => {
    expect(certificateFileStem(`${'a'.repeat(300)}.example.com`).length).toBeLessThanOrEqual(180);
  });
});

describe('default file names', () => {
  it('uses <CN>.p7b for IIS and <CN>.zip for the others', () => {
    for (const serverType of SERVER_TYPES) {
      expect(defaultCertificateFileName('*.example.com', serverType)).toBe(serverType === 'iis' ? 'STAR_example_com.p7b' : 'STAR_example_com.zip');
    }
    expect(defaultCertificateFileName('', 'nginx', 12)).toBe('certificate-12.zip');
  });

  it('names the report wvphost-services-<env>-<YYYY-MM-DD>.zip', () => {
    expect(defaultReportFileName('sandbox', '2026-11-26')).toBe('wvphost-services-sandbox-2026-11-26.zip');
  });
});

describe('server types (wvphost-api.md §6)', () => {
  it('maps every offered name to its WebServerType value and code', () => {
    expect(SERVER_TYPE_INFOS.map((info) => [info.id, info.webServerType, info.code])).toEqual([
      ['apache', 'apachessl', 1002],
      ['nginx', 'other', 1000],
      ['iis', 'iis5', 1014],
      ['tomcat', 'tomcat', 1024],
      ['cpanel', 'cpanel', 1031],
      ['plesk', 'plesk', 1030],
      ['other', 'other', 1000],
    ]);
  });

  it('gives IIS a PKCS#7 p7b, Nginx a full chain, everyone else the plain zip', () => {
    expect(serverTypeInfo('iis')).toMatchObject({ returnType: 'PKCS7', layout: 'p7b', fullChain: false, label: 'Microsoft IIS' });
    expect(serverTypeInfo('nginx')).toMatchObject({ returnType: 'Individual', layout: 'zip', fullChain: true });
    for (const info of SERVER_TYPE_INFOS.filter((item) => item.id !== 'iis' && item.id !== 'nginx')) {
      expect(info).toMatchObject({ returnType: 'Individual', layout: 'zip', fullChain: false });
    }
  });

  it('reads names case-insensitively and rejects unknown ones', () => {
    expect(parseServerType(' IIS ')).toBe('iis');
    expect(parseServerType('Nginx')).toBe('nginx');
    expect(parseServerType('lighttpd')).toBeNull();
  });
});
