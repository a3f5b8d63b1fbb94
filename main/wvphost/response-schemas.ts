/**
 * zod schemas of every command's result (wvphost-api.md §4), producing the types of types.ts.
 *
 * Each schema takes the parsed `CommandResponse` node. Unknown attributes and elements are
 * dropped (zod objects strip them); values that would be wrong data (an ID that is not a number,
 * a date that does not exist) fail validation instead of slipping through.
 */

import { z } from 'zod';
import type {
  ApproverEmailList,
  CertificateInfo,
  CertificateMaterial,
  CsrDetails,
  DcvInstructions,
  ListItem,
  ListPage,
  RenewResult,
  SubmitCsrResult,
} from './types.ts';
import {
  apiBooleanSchema,
  apiCountSchema,
  apiDateSchema,
  apiIdSchema,
  attributesOf,
  listOf,
  nodeSchema,
  optionalApiBooleanSchema,
  optionalApiCountSchema,
  optionalTextSchema,
  textSchema,
} from './xml-values.ts';

const listItemSchema = nodeSchema({
  $: attributesOf({
    CertificateID: apiIdSchema,
    HostName: optionalTextSchema,
    SSLType: optionalTextSchema,
    PurchaseDate: apiDateSchema,
    ExpireDate: apiDateSchema,
    ActivationExpireDate: apiDateSchema,
    IsExpiredYN: optionalApiBooleanSchema,
    Status: textSchema,
  }),
}).transform(({ $ }): ListItem => ({
  certificateId: $.CertificateID,
  hostName: $.HostName.trim(),
  sslType: $.SSLType.trim(),
  purchaseDate: $.PurchaseDate,
  expireDate: $.ExpireDate,
  activationExpireDate: $.ActivationExpireDate,
  isExpired: $.IsExpiredYN,
  status: $.Status.trim(),
}));

const pagingSchema = nodeSchema({
  TotalItems: apiCountSchema,
  CurrentPage: apiCountSchema,
  PageSize: apiCountSchema,
});

/** `Paging` is a sibling of `SSLListResult` at Namecheap; inside it is accepted too. */
export const getListSchema = nodeSchema({
  SSLListResult: nodeSchema({ SSL: listOf(listItemSchema), Paging: pagingSchema.optional() }),
  Paging: pagingSchema.optional(),
})
  .refine((node) => node.Paging !== undefined || node.SSLListResult.Paging !== undefined, {
    message: 'Paging is missing',
  })
  .transform((node): ListPage => {
    const paging = node.Paging ?? node.SSLListResult.Paging ?? { TotalItems: 0, CurrentPage: 0, PageSize: 0 };
    return {
      items: node.SSLListResult.SSL,
      totalItems: paging.TotalItems,
      currentPage: paging.CurrentPage,
      pageSize: paging.PageSize,
    };
  });

/** An intermediate: `Certificate @Type` wrapping a `Certificate` (Namecheap) or holding the PEM itself. */
const caCertificateSchema = z.union([
  nodeSchema({ Certificate: textSchema }).transform((node) => node.Certificate),
  textSchema,
]);

const certificatesSchema = nodeSchema({
  $: attributesOf({ CertificateReturned: optionalApiBooleanSchema, ReturnType: optionalTextSchema }),
  Certificate: optionalTextSchema,
  CaCertificates: nodeSchema({ Certificate: listOf(caCertificateSchema) }).optional(),
});

function materialOf(
  node: z.infer<typeof certificatesSchema> | undefined,
  context: z.RefinementCtx,
): CertificateMaterial | null {
  if (node === undefined || !node.$.CertificateReturned) return null;
  const returnType = node.$.ReturnType.trim().toUpperCase() === 'PKCS7' ? 'PKCS7' : 'Individual';
  const certificate = node.Certificate.trim();
  if (certificate === '') {
    context.addIssue({ code: 'custom', message: 'CertificateReturned="true" without a Certificate' });
    return null;
  }
  return {
    returnType,
    certificate,
    caCertificates: (node.CaCertificates?.Certificate ?? []).map((pem) => pem.trim()).filter((pem) => pem !== ''),
  };
}

const getInfoResultSchema = nodeSchema({
  $: attributesOf({
    Status: textSchema,
    StatusDescription: optionalTextSchema,
    Type: optionalTextSchema,
    IssuedOn: apiDateSchema,
    Expires: apiDateSchema,
    ActivationExpireDate: apiDateSchema,
    OrderId: optionalTextSchema,
    ReplacedBy: optionalApiCountSchema,
    SANSCount: optionalApiCountSchema,
  }),
  CertificateDetails: nodeSchema({
    CSR: optionalTextSchema,
    ApproverEmail: optionalTextSchema,
    CommonName: optionalTextSchema,
    AdministratorName: optionalTextSchema,
    AdministratorEmail: optionalTextSchema,
    Certificates: certificatesSchema.optional(),
  }).optional(),
  Provider: nodeSchema({ OrderID: optionalTextSchema, Name: optionalTextSchema }).optional(),
});

/** getInfo does not echo the CertificateID, so the caller supplies it. */
export function getInfoSchema(certificateId: number) {
  return nodeSchema({ SSLGetInfoResult: getInfoResultSchema }).transform((node, context): CertificateInfo => {
    const result = node.SSLGetInfoResult;
    const details = result.CertificateDetails;
    return {
      certificateId,
      status: result.$.Status.trim(),
      statusDescription: result.$.StatusDescription.trim(),
      sslType: result.$.Type.trim(),
      issuedOn: result.$.IssuedOn,
      expires: result.$.Expires,
      activationExpireDate: result.$.ActivationExpireDate,
      orderId: result.$.OrderId.trim(),
      replacedBy: result.$.ReplacedBy === 0 ? null : result.$.ReplacedBy,
      sansCount: result.$.SANSCount,
      csr: details?.CSR.trim() ?? '',
      approverEmail: details?.ApproverEmail.trim() ?? '',
      commonName: details?.CommonName.trim() ?? '',
      administratorName: details?.AdministratorName.trim() ?? '',
      administratorEmail: details?.AdministratorEmail.trim() ?? '',
      material: materialOf(details?.Certificates, context),
      provider: { orderId: result.Provider?.OrderID.trim() ?? '', name: result.Provider?.Name.trim() ?? '' },
    };
  });
}

const httpDnsSchema = nodeSchema({
  $: attributesOf({ domain: optionalTextSchema }),
  FileName: optionalTextSchema,
  FileContent: optionalTextSchema,
});

const dnsDnsSchema = nodeSchema({
  $: attributesOf({ domain: optionalTextSchema }),
  HostName: optionalTextSchema,
  Target: optionalTextSchema,
});

function submitResultSchema(resultElement: 'SSLReissueResult' | 'SSLActivateResult') {
  const resultSchema = nodeSchema({
    $: attributesOf({ ID: apiIdSchema, IsSuccess: apiBooleanSchema }),
    HttpDCValidation: nodeSchema({ DNS: listOf(httpDnsSchema) }).optional(),
    DNSDCValidation: nodeSchema({ DNS: listOf(dnsDnsSchema) }).optional(),
  });
  return z.object({ [resultElement]: resultSchema }).transform((node): SubmitCsrResult => {
    const result = node[resultElement];
    if (result === undefined) throw new Error('unreachable: the schema requires the result element');
    const dcv: DcvInstructions[] = [
      ...(result.HttpDCValidation?.DNS ?? []).map((entry): DcvInstructions => ({
        kind: 'http',
        domain: entry.$.domain.trim(),
        fileName: entry.FileName.trim(),
        fileContent: entry.FileContent.trim(),
      })),
      ...(result.DNSDCValidation?.DNS ?? []).map((entry): DcvInstructions => ({
        kind: 'dns',
        domain: entry.$.domain.trim(),
        hostName: entry.HostName.trim(),
        target: entry.Target.trim(),
      })),
    ];
    return { certificateId: result.$.ID, isSuccess: result.$.IsSuccess, dcv };
  });
}

export const reissueSchema = submitResultSchema('SSLReissueResult');
export const activateSchema = submitResultSchema('SSLActivateResult');

export const renewSchema = z
  .object({
    SSLRenewResult: nodeSchema({
      $: attributesOf({
        CertificateID: apiIdSchema,
        Years: optionalApiCountSchema,
        OrderId: optionalTextSchema,
        TransactionId: optionalTextSchema,
        ChargedAmount: optionalTextSchema,
      }),
    }),
  })
  .transform(({ SSLRenewResult: { $ } }): RenewResult => ({
    certificateId: $.CertificateID,
    years: $.Years,
    orderId: $.OrderId.trim(),
    transactionId: $.TransactionId.trim(),
    chargedAmount: $.ChargedAmount.trim(),
  }));

const emailsSchema = nodeSchema({ email: listOf(textSchema) })
  .optional()
  .transform((node) => (node?.email ?? []).map((email) => email.trim()).filter((email) => email !== ''));

export const approverEmailListSchema = z
  .object({
    GetApproverEmailListResult: nodeSchema({
      $: attributesOf({ Domain: optionalTextSchema }),
      Domainemails: emailsSchema,
      Genericemails: emailsSchema,
      ManualEmails: emailsSchema,
    }),
  })
  .transform(({ GetApproverEmailListResult: result }): ApproverEmailList => ({
    domain: result.$.Domain.trim(),
    domainEmails: result.Domainemails,
    genericEmails: result.Genericemails,
    manualEmails: result.ManualEmails,
  }));

export const parseCsrSchema = z
  .object({
    SSLParseCSRResult: nodeSchema({
      CSRDetails: nodeSchema({
        CommonName: optionalTextSchema,
        DomainName: optionalTextSchema,
        Country: optionalTextSchema,
        OrganisationUnit: optionalTextSchema,
        Organisation: optionalTextSchema,
        ValidTrueDomain: optionalApiBooleanSchema,
        State: optionalTextSchema,
        Locality: optionalTextSchema,
        Email: optionalTextSchema,
      }),
    }),
  })
  .transform(({ SSLParseCSRResult: { CSRDetails: details } }): CsrDetails => ({
    commonName: details.CommonName.trim(),
    domainName: details.DomainName.trim(),
    country: details.Country.trim(),
    organisationUnit: details.OrganisationUnit.trim(),
    organisation: details.Organisation.trim(),
    validTrueDomain: details.ValidTrueDomain,
    state: details.State.trim(),
    locality: details.Locality.trim(),
    email: details.Email.trim(),
  }));

export const resendApproverEmailSchema = z
  .object({
    SSLResendApproverEmailResult: nodeSchema({ $: attributesOf({ ID: apiIdSchema, IsSuccess: apiBooleanSchema }) }),
  })
  .transform(({ SSLResendApproverEmailResult: { $ } }) => ({ certificateId: $.ID, isSuccess: $.IsSuccess }));
