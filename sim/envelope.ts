import { element, escapeXml, textElement } from './xml.ts';

/**
 * The `ApiResponse` envelope of wvphost-api.md §3.
 */

export const XMLNS = 'http://api.namecheap.com/xml.response';
const SERVER = 'WVP01API02';
const GMT_DIFFERENCE = '--5:00';

export interface EnvelopeError {
  readonly number: number;
  readonly message: string;
}

function executionTime(startedAt: number): string {
  return ((performance.now() - startedAt) / 1000).toFixed(3);
}

/** An OK envelope around a command's result XML. */
export function okEnvelope(requestedCommand: string, type: string, result: string, startedAt: number): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\r\n' +
    `<ApiResponse Status="OK" xmlns="${XMLNS}">` +
    '<Errors />' +
    '<Warnings />' +
    textElement('RequestedCommand', requestedCommand) +
    element('CommandResponse', { Type: type }, result) +
    textElement('Server', SERVER) +
    textElement('GMTTimeDifference', GMT_DIFFERENCE) +
    textElement('ExecutionTime', executionTime(startedAt)) +
    '</ApiResponse>'
  );
}

/** An ERROR envelope; `requestedCommand` is empty on authentication errors. */
export function errorEnvelope(requestedCommand: string, errors: readonly EnvelopeError[], startedAt: number): string {
  const errorXml = errors
    .map((error) => `<Error Number="${error.number}">${escapeXml(error.message)}</Error>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\r\n' +
    `<ApiResponse Status="ERROR" xmlns="${XMLNS}">` +
    element('Errors', undefined, errorXml) +
    textElement('RequestedCommand', requestedCommand) +
    textElement('Server', SERVER) +
    textElement('GMTTimeDifference', GMT_DIFFERENCE) +
    textElement('ExecutionTime', executionTime(startedAt)) +
    '</ApiResponse>'
  );
}
