import { hasMaterial } from '../account-certificate.ts';
import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import { formatApiDate } from '../dates.ts';
import { infoStatus, statusDescription } from '../status-text.ts';
import { cdataElement, element, textElement } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { certificateParam, param } from './context.ts';

/**
 * namecheap.ssl.getInfo: a certificate's details, optionally with its material (PEM or PKCS7).
 */

type ReturnType = 'Individual' | 'PKCS7';

function returnTypeParam(context: CommandContext): { wanted: boolean; type: ReturnType } {
  const wanted = param(context, 'Returncertificate').toLowerCase() === 'true';
  const raw = param(context, 'Returntype').toLowerCase();
  if (raw === '') {
    if (wanted)
      throw new SimApiError(ERROR_NUMBERS.parameterInvalid, 'Parameter Returntype is required with Returncertificate');
    return { wanted, type: 'Individual' };
  }
  if (raw === 'individual') return { wanted, type: 'Individual' };
  if (raw === 'pkcs7') return { wanted, type: 'PKCS7' };
  throw new SimApiError(
    ERROR_NUMBERS.parameterInvalid,
    `Returntype ${param(context, 'Returntype')} is not supported (use Individual or PKCS7)`,
  );
}

export async function getInfo(context: CommandContext): Promise<string> {
  const certificate = certificateParam(context);
  const { wanted, type } = returnTypeParam(context);
  // Dates in getInfo are padded except for every fourth certificate.
  const padded = certificate.certificateId % 4 !== 0;

  let certificates = element('Certificates', { CertificateReturned: 'false', ReturnType: type });
  if (wanted && hasMaterial(certificate.status) && certificate.hostName !== '' && certificate.expireDate !== null) {
    const leaf = await context.material.leaf(certificate, certificate.expireDate);
    const children =
      type === 'PKCS7'
        ? [cdataElement('Certificate', context.material.pkcs7(leaf))]
        : [
            cdataElement('Certificate', leaf),
            element(
              'CaCertificates',
              undefined,
              element(
                'Certificate',
                { Type: 'INTERMEDIATE' },
                cdataElement('Certificate', context.material.intermediatePem),
              ),
            ),
          ];
    certificates = element('Certificates', { CertificateReturned: 'true', ReturnType: type }, children);
  }

  const details = element('CertificateDetails', undefined, [
    cdataElement('CSR', certificate.csr),
    textElement('ApproverEmail', certificate.approverEmail),
    textElement('CommonName', certificate.hostName),
    textElement('AdministratorName', certificate.adminEmail === '' ? '' : 'Site Administrator'),
    textElement('AdministratorEmail', certificate.adminEmail),
    certificates,
  ]);
  const provider = element('Provider', undefined, [
    textElement('OrderID', certificate.providerOrderId),
    textElement('Name', 'COMODO'),
  ]);
  return element(
    'SSLGetInfoResult',
    {
      Status: infoStatus(certificate.status),
      StatusDescription: statusDescription(certificate.status),
      Type: certificate.sslType,
      IssuedOn: formatApiDate(certificate.issuedOn, padded),
      Expires: formatApiDate(certificate.expireDate, padded),
      ActivationExpireDate: formatApiDate(certificate.activationExpireDate, padded),
      OrderId: certificate.orderId,
      ReplacedBy: certificate.replacedBy ?? 0,
      SANSCount: 0,
      // Not documented for clients; they must ignore it.
      Years: certificate.years,
    },
    [details, provider],
  );
}
