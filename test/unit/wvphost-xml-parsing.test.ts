import { describe, expect, it } from 'vitest';
import {
  activateSchema,
  approverEmailListSchema,
  getInfoSchema,
  getListSchema,
  parseCsrSchema,
  reissueSchema,
  renewSchema,
  resendApproverEmailSchema,
} from '../../main/wvphost/response-schemas.ts';
import { readEnvelope, type Envelope } from '../../main/wvphost/xml-envelope.ts';
import { parseApiDate } from '../../main/wvphost/xml-values.ts';

const XMLNS = 'xmlns="http://api.namecheap.com/xml.response"';

function ok(type: string, result: string, options: { xmlns?: boolean } = {}): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\r\n' +
    `<ApiResponse Status="OK"${options.xmlns === false ? '' : ` ${XMLNS}`}><Errors /><Warnings />` +
    `<RequestedCommand>${type.toLowerCase()}</RequestedCommand>` +
    `<CommandResponse Type="${type}">${result}</CommandResponse>` +
    '<Server>WVP01API02</Server><GMTTimeDifference>--5:00</GMTTimeDifference><ExecutionTime>0.012</ExecutionTime></ApiResponse>'
  );
}

function envelopeOf(body: string, contentType = 'text/xml'): Envelope {
  const reading = readEnvelope(body, contentType);
  if (reading.kind !== 'envelope') throw new Error(`expected an envelope, got ${reading.kind}: ${reading.reason}`);
  return reading.envelope;
}

describe('parseApiDate', () => {
  it('reads padded, unpadded and empty dates', () => {
    expect(parseApiDate('01/20/2027')).toBe('2027-01-20');
    expect(parseApiDate('1/2/2027')).toBe('2027-01-02');
    expect(parseApiDate('12/31/2026')).toBe('2026-12-31');
    expect(parseApiDate('')).toBeNull();
    expect(parseApiDate('  ')).toBeNull();
    expect(parseApiDate('02/29/2028')).toBe('2028-02-29');
  });

  it('rejects dates that do not exist or are not MM/DD/YYYY', () => {
    expect(parseApiDate('02/30/2027')).toBeUndefined();
    expect(parseApiDate('02/29/2027')).toBeUndefined();
    expect(parseApiDate('13/01/2027')).toBeUndefined();
    expect(parseApiDate('00/10/2027')).toBeUndefined();
    expect(parseApiDate('2027-01-20')).toBeUndefined();
    expect(parseApiDate('1/20/27')).toBeUndefined();
    expect(parseApiDate('yesterday')).toBeUndefined();
  });
});

describe('readEnvelope', () => {
  it('reads an OK envelope with or without the namespace', () => {
    for (const xmlns of [true, false]) {
      const envelope = envelopeOf(
        ok('namecheap.ssl.resendApproverEmail', '<SSLResendApproverEmailResult ID="5" IsSuccess="true" />', { xmlns }),
      );
      expect(envelope.status).toBe('OK');
      expect(envelope.errors).toEqual([]);
      expect(envelope.commandType).toBe('namecheap.ssl.resendApproverEmail');
      expect(envelope.server).toBe('WVP01API02');
    }
  });

  it('reads every Error of an ERROR envelope with numbers and decoded messages', () => {
    const body =
      `<ApiResponse Status="ERROR" ${XMLNS}><Errors>` +
      '<Error Number="2011166">CSR is invalid &amp; does not match</Error>' +
      '<Error Number="2011331">Status &lt;active&gt; required</Error>' +
      '</Errors><RequestedCommand>namecheap.ssl.reissue</RequestedCommand><Server>S</Server></ApiResponse>';
    const envelope = envelopeOf(body);
    expect(envelope.status).toBe('ERROR');
    expect(envelope.errors).toEqual([
      { number: 2011166, message: 'CSR is invalid & does not match' },
      { number: 2011331, message: 'Status <active> required' },
    ]);
    expect(envelope.commandResponse).toBeUndefined();
  });

  it('accepts a namespace prefix and lower-case status', () => {
    const body =
      '<nc:ApiResponse xmlns:nc="urn:x" Status="error"><nc:Errors><nc:Error Number="500000">Too many requests</nc:Error></nc:Errors><nc:Server>S</nc:Server></nc:ApiResponse>';
    const envelope = envelopeOf(body);
    expect(envelope.status).toBe('ERROR');
    expect(envelope.errors).toEqual([{ number: 500000, message: 'Too many requests' }]);
  });

  it('calls a body without Status or without Server malformed', () => {
    expect(readEnvelope('<ApiResponse><Server>S</Server></ApiResponse>', 'text/xml')).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('Status'),
    });
    expect(
      readEnvelope('<ApiResponse Status="OK"><CommandResponse Type="x" /></ApiResponse>', 'text/xml'),
    ).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('Server') });
    expect(readEnvelope('<ApiResponse Status="MAYBE"><Server>S</Server></ApiResponse>', 'text/xml')).toMatchObject({
      kind: 'malformed',
    });
  });

  it('calls truncated, empty and broken bodies malformed', () => {
    const full = ok(
      'namecheap.ssl.getList',
      '<SSLListResult><SSL CertificateID="1" Status="active" /></SSLListResult>',
    );
    expect(readEnvelope(full.slice(0, Math.floor(full.length / 2)), 'text/xml').kind).toBe('malformed');
    expect(readEnvelope(full.slice(0, 30), 'text/xml').kind).toBe('malformed');
    expect(readEnvelope('', 'text/xml').kind).toBe('malformed');
    expect(readEnvelope('<ApiResponse Status="OK"><Server>S</Serv></ApiResponse>', 'text/xml').kind).toBe('malformed');
    expect(readEnvelope('<ApiResponse Status="OK" <<>>', 'text/xml').kind).toBe('malformed');
  });

  it('calls HTML pages, JSON and other XML documents foreign (wrong URL)', () => {
    expect(
      readEnvelope('<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>Hi<br></body></html>', 'text/html')
        .kind,
    ).toBe('foreign');
    expect(readEnvelope('<html><body>404</body></html>', '').kind).toBe('foreign');
    expect(readEnvelope('<?xml version="1.0"?><rss><channel /></rss>', 'application/xml').kind).toBe('foreign');
    expect(readEnvelope('{"status":"ok"}', 'application/json').kind).toBe('foreign');
    expect(readEnvelope('Hello world', 'text/plain').kind).toBe('foreign');
  });

  it('reads a Wvphost envelope even when a proxy labels it text/html', () => {
    const reading = readEnvelope(
      '<ApiResponse Status="OK"><CommandResponse Type="namecheap.ssl.getList" /><Server>S</Server></ApiResponse>',
      'text/html',
    );
    expect(reading.kind).toBe('envelope');
  });

  it('refuses DOCTYPE entity declarations instead of expanding them', () => {
    const body =
      '<?xml version="1.0"?><!DOCTYPE ApiResponse [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><ApiResponse Status="OK"><Server>&b;</Server></ApiResponse>';
    expect(readEnvelope(body, 'text/xml').kind).toBe('foreign');
  });
});

describe('getList schema', () => {
  const list =
    '<SSLListResult>' +
    '<SSL CertificateID="101" HostName="www.example.com" SSLType="PositiveSSL" PurchaseDate="01/05/2026" ExpireDate="1/5/2027" ActivationExpireDate="" IsExpiredYN="false" Status="active" ProviderOrderID="99" ReplacedBy="0" />' +
    '<SSL CertificateID="102" HostName="" SSLType="EssentialSSL Wildcard" PurchaseDate="3/4/2026" ExpireDate="" ActivationExpireDate="04/03/2026" IsExpiredYN="False" Status="NEWPURCHASE" />' +
    '<SSL CertificateID="103" HostName="xn--bcher-kva.example" SSLType="PositiveSSL" PurchaseDate="03/04/2024" ExpireDate="03/04/2025" ActivationExpireDate="" IsExpiredYN="TRUE" Status="SomethingNew" Extra="x"><Unknown>child</Unknown></SSL>' +
    '</SSLListResult>' +
    '<Paging><TotalItems>250</TotalItems><CurrentPage>2</CurrentPage><PageSize>100</PageSize></Paging>';

  it('reads items, paging, dates and keeps unknown statuses verbatim', () => {
    const page = getListSchema.parse(envelopeOf(ok('namecheap.ssl.getList', list)).commandResponse);
    expect(page.totalItems).toBe(250);
    expect(page.currentPage).toBe(2);
    expect(page.pageSize).toBe(100);
    expect(page.items).toEqual([
      {
        certificateId: 101,
        hostName: 'www.example.com',
        sslType: 'PositiveSSL',
        purchaseDate: '2026-01-05',
        expireDate: '2027-01-05',
        activationExpireDate: null,
        isExpired: false,
        status: 'active',
      },
      {
        certificateId: 102,
        hostName: '',
        sslType: 'EssentialSSL Wildcard',
        purchaseDate: '2026-03-04',
        expireDate: null,
        activationExpireDate: '2026-04-03',
        isExpired: false,
        status: 'NEWPURCHASE',
      },
      {
        certificateId: 103,
        hostName: 'xn--bcher-kva.example',
        sslType: 'PositiveSSL',
        purchaseDate: '2024-03-04',
        expireDate: '2025-03-04',
        activationExpireDate: null,
        isExpired: true,
        status: 'SomethingNew',
      },
    ]);
  });

  it('reads a single item, an empty list and Paging inside SSLListResult', () => {
    const single = getListSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.getList',
          '<SSLListResult><SSL CertificateID="7" Status="active" /></SSLListResult><Paging><TotalItems>1</TotalItems><CurrentPage>1</CurrentPage><PageSize>20</PageSize></Paging>',
        ),
      ).commandResponse,
    );
    expect(single.items.map((item) => item.certificateId)).toEqual([7]);
    const empty = getListSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.getList',
          '<SSLListResult /><Paging><TotalItems>0</TotalItems><CurrentPage>1</CurrentPage><PageSize>100</PageSize></Paging>',
        ),
      ).commandResponse,
    );
    expect(empty.items).toEqual([]);
    const inside = getListSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.getList',
          '<SSLListResult><SSL CertificateID="8" Status="active" /><Paging><TotalItems>1</TotalItems><CurrentPage>1</CurrentPage><PageSize>10</PageSize></Paging></SSLListResult>',
        ),
      ).commandResponse,
    );
    expect(inside.pageSize).toBe(10);
  });

  it('rejects wrong data instead of passing it on', () => {
    const bad = (ssl: string): boolean =>
      getListSchema.safeParse(
        envelopeOf(
          ok(
            'namecheap.ssl.getList',
            `<SSLListResult>${ssl}</SSLListResult><Paging><TotalItems>1</TotalItems><CurrentPage>1</CurrentPage><PageSize>10</PageSize></Paging>`,
          ),
        ).commandResponse,
      ).success;
    expect(bad('<SSL CertificateID="7" Status="active" />')).toBe(true);
    expect(bad('<SSL CertificateID="abc" Status="active" />')).toBe(false);
    expect(bad('<SSL CertificateID="0" Status="active" />')).toBe(false);
    expect(bad('<SSL Status="active" />')).toBe(false);
    expect(bad('<SSL CertificateID="7" />')).toBe(false);
    expect(bad('<SSL CertificateID="7" Status="active" ExpireDate="02/30/2027" />')).toBe(false);
    expect(bad('<SSL CertificateID="7" Status="active" IsExpiredYN="maybe" />')).toBe(false);
    expect(
      getListSchema.safeParse(envelopeOf(ok('namecheap.ssl.getList', '<SSLListResult />')).commandResponse).success,
    ).toBe(false);
  });
});

const LEAF = '-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----';
const INTERMEDIATE = '-----BEGIN CERTIFICATE-----\nMIIBinter\n-----END CERTIFICATE-----';

function info(certificates: string, extraAttributes = ''): string {
  return ok(
    'namecheap.ssl.getInfo',
    `<SSLGetInfoResult Status="Active" StatusDescription="Certificate is active" Type="PositiveSSL" IssuedOn="1/5/2026" Expires="01/05/2027" ActivationExpireDate="" OrderId="1234" ReplacedBy="0" SANSCount="0" Years="1"${extraAttributes}>` +
      '<CertificateDetails><CSR><![CDATA[-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----]]></CSR>' +
      '<ApproverEmail>admin@example.com</ApproverEmail><CommonName>www.example.com</CommonName>' +
      '<AdministratorName>Site Administrator</AdministratorName><AdministratorEmail>it@example.com</AdministratorEmail>' +
      certificates +
      '</CertificateDetails><Provider><OrderID>555</OrderID><Name>COMODO</Name></Provider></SSLGetInfoResult>',
  );
}

describe('getInfo schema', () => {
  it('reads Individual material with nested intermediates', () => {
    const body = info(
      `<Certificates CertificateReturned="true" ReturnType="Individual"><Certificate><![CDATA[${LEAF}\n]]></Certificate>` +
        `<CaCertificates><Certificate Type="INTERMEDIATE"><Certificate><![CDATA[${INTERMEDIATE}]]></Certificate></Certificate>` +
        `<Certificate Type="INTERMEDIATE"><Certificate><![CDATA[${INTERMEDIATE}2]]></Certificate></Certificate></CaCertificates></Certificates>`,
    );
    const result = getInfoSchema(101).parse(envelopeOf(body).commandResponse);
    expect(result).toMatchObject({
      certificateId: 101,
      status: 'Active',
      statusDescription: 'Certificate is active',
      sslType: 'PositiveSSL',
      issuedOn: '2026-01-05',
      expires: '2027-01-05',
      activationExpireDate: null,
      orderId: '1234',
      replacedBy: null,
      sansCount: 0,
      approverEmail: 'admin@example.com',
      commonName: 'www.example.com',
      administratorName: 'Site Administrator',
      administratorEmail: 'it@example.com',
      provider: { orderId: '555', name: 'COMODO' },
    });
    expect(result.csr).toContain('BEGIN CERTIFICATE REQUEST');
    expect(result.material).toEqual({
      returnType: 'Individual',
      certificate: LEAF,
      caCertificates: [INTERMEDIATE, `${INTERMEDIATE}2`],
    });
  });

  it('reads PKCS7 material and ReplacedBy', () => {
    const body = info(
      '<Certificates CertificateReturned="true" ReturnType="PKCS7"><Certificate><![CDATA[-----BEGIN PKCS7-----\nMIIP\n-----END PKCS7-----]]></Certificate></Certificates>',
      '',
    ).replace('ReplacedBy="0"', 'ReplacedBy="205"');
    const result = getInfoSchema(101).parse(envelopeOf(body).commandResponse);
    expect(result.replacedBy).toBe(205);
    expect(result.material).toEqual({
      returnType: 'PKCS7',
      certificate: '-----BEGIN PKCS7-----\nMIIP\n-----END PKCS7-----',
      caCertificates: [],
    });
  });

  it('gives no material when CertificateReturned is false or Certificates is absent', () => {
    const notReturned = getInfoSchema(1).parse(
      envelopeOf(info('<Certificates CertificateReturned="false" ReturnType="Individual" />')).commandResponse,
    );
    expect(notReturned.material).toBeNull();
    const absent = getInfoSchema(1).parse(envelopeOf(info('')).commandResponse);
    expect(absent.material).toBeNull();
  });

  it('rejects a returned certificate without content', () => {
    const result = getInfoSchema(1).safeParse(
      envelopeOf(
        info(
          '<Certificates CertificateReturned="true" ReturnType="Individual"><Certificate></Certificate></Certificates>',
        ),
      ).commandResponse,
    );
    expect(result.success).toBe(false);
  });
});

describe('submission, renewal and other results', () => {
  it('reads a reissue result with the new ID and no DCV block', () => {
    const result = reissueSchema.parse(
      envelopeOf(ok('namecheap.ssl.reissue', '<SSLReissueResult ID="205" IsSuccess="true" />')).commandResponse,
    );
    expect(result).toEqual({ certificateId: 205, isSuccess: true, dcv: [] });
  });

  it('reads HTTP and DNS validation blocks of activate', () => {
    const http = activateSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.activate',
          '<SSLActivateResult ID="300" IsSuccess="true"><HttpDCValidation ValueAvailable="true"><DNS domain="www.example.com"><FileName><![CDATA[ABC.txt]]></FileName><FileContent><![CDATA[hash\ncomodoca.com]]></FileContent></DNS></HttpDCValidation></SSLActivateResult>',
        ),
      ).commandResponse,
    );
    expect(http).toEqual({
      certificateId: 300,
      isSuccess: true,
      dcv: [{ kind: 'http', domain: 'www.example.com', fileName: 'ABC.txt', fileContent: 'hash\ncomodoca.com' }],
    });
    const dns = activateSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.activate',
          '<SSLActivateResult ID="301" IsSuccess="true"><DNSDCValidation ValueAvailable="true"><DNS domain="a.example"><HostName><![CDATA[_abc.a.example]]></HostName><Target><![CDATA[xyz.comodoca.com]]></Target></DNS><DNS domain="b.example"><HostName>_d.b.example</HostName><Target>t.comodoca.com</Target></DNS></DNSDCValidation></SSLActivateResult>',
        ),
      ).commandResponse,
    );
    expect(dns.dcv).toEqual([
      { kind: 'dns', domain: 'a.example', hostName: '_abc.a.example', target: 'xyz.comodoca.com' },
      { kind: 'dns', domain: 'b.example', hostName: '_d.b.example', target: 't.comodoca.com' },
    ]);
  });

  it('reads a renewal', () => {
    const result = renewSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.renew',
          '<SSLRenewResult CertificateID="900" Years="2" OrderId="77" TransactionId="88" ChargedAmount="15.8800" />',
        ),
      ).commandResponse,
    );
    expect(result).toEqual({
      certificateId: 900,
      years: 2,
      orderId: '77',
      transactionId: '88',
      chargedAmount: '15.8800',
    });
  });

  it('reads approver e-mails with ManualEmails absent, empty or present', () => {
    const base =
      '<GetApproverEmailListResult Domain="example.com"><Domainemails><email>owner@example.com</email></Domainemails><Genericemails><email>admin@example.com</email><email>webmaster@example.com</email></Genericemails>';
    const absent = approverEmailListSchema.parse(
      envelopeOf(ok('namecheap.ssl.getApproverEmailList', `${base}</GetApproverEmailListResult>`)).commandResponse,
    );
    expect(absent).toEqual({
      domain: 'example.com',
      domainEmails: ['owner@example.com'],
      genericEmails: ['admin@example.com', 'webmaster@example.com'],
      manualEmails: [],
    });
    const empty = approverEmailListSchema.parse(
      envelopeOf(ok('namecheap.ssl.getApproverEmailList', `${base}<ManualEmails /></GetApproverEmailListResult>`))
        .commandResponse,
    );
    expect(empty.manualEmails).toEqual([]);
    const present = approverEmailListSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.getApproverEmailList',
          `${base}<ManualEmails><email>me@example.com</email></ManualEmails></GetApproverEmailListResult>`,
        ),
      ).commandResponse,
    );
    expect(present.manualEmails).toEqual(['me@example.com']);
  });

  it('reads parseCSR details with empty fields', () => {
    const result = parseCsrSchema.parse(
      envelopeOf(
        ok(
          'namecheap.ssl.parseCSR',
          '<SSLParseCSRResult><CSRDetails><CommonName>www.example.com</CommonName><DomainName>example.com</DomainName><Country>DE</Country><OrganisationUnit /><Organisation>Example &amp; Co</Organisation><ValidTrueDomain>true</ValidTrueDomain><State /><Locality>Berlin</Locality><Email /></CSRDetails></SSLParseCSRResult>',
        ),
      ).commandResponse,
    );
    expect(result).toEqual({
      commonName: 'www.example.com',
      domainName: 'example.com',
      country: 'DE',
      organisationUnit: '',
      organisation: 'Example & Co',
      validTrueDomain: true,
      state: '',
      locality: 'Berlin',
      email: '',
    });
  });

  it('reads resendApproverEmail and rejects a non-boolean IsSuccess', () => {
    const response = (isSuccess: string): unknown =>
      envelopeOf(
        ok('namecheap.ssl.resendApproverEmail', `<SSLResendApproverEmailResult ID="5" IsSuccess="${isSuccess}" />`),
      ).commandResponse;
    expect(resendApproverEmailSchema.parse(response('true'))).toEqual({ certificateId: 5, isSuccess: true });
    expect(resendApproverEmailSchema.parse(response('false'))).toEqual({ certificateId: 5, isSuccess: false });
    expect(resendApproverEmailSchema.safeParse(response('yes')).success).toBe(false);
  });
});
