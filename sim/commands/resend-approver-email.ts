import { element } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { certificateParam, requireStatus } from './context.ts';

/**
 * namecheap.ssl.resendApproverEmail: only while a certificate awaits validation (`purchased`).
 */
export function resendApproverEmail(context: CommandContext): string {
  const certificate = certificateParam(context);
  requireStatus(certificate, ['purchased'], 'resendApproverEmail');
  return element('SSLResendApproverEmailResult', { ID: certificate.certificateId, IsSuccess: 'true' });
}
