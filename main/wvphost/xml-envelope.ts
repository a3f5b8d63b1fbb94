/**
 * Reads an HTTP body into a Wvphost envelope (wvphost-api.md §3), or says why it is not one.
 *
 * fast-xml-parser keeps every value as a string (no number/boolean guessing), attributes grouped
 * under `$`, CDATA merged into the text, namespace prefixes removed. Bodies with a DOCTYPE are
 * refused before parsing: Wvphost never sends one, and refusing it rules out entity expansion.
 * The result is validated with zod before anything uses it.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { attributesOf, listOf, nodeSchema, textSchema } from './xml-values.ts';
import type { ApiErrorEntry } from './errors.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

/** What a body turned out to be. */
export type EnvelopeReading =
  | { readonly kind: 'envelope'; readonly envelope: Envelope }
  /** Not parseable, cut short, or an ApiResponse without Status/Server: a transport fault. */
  | { readonly kind: 'malformed'; readonly reason: string }
  /** Clearly something else answered (an HTML page, another XML document, JSON). */
  | { readonly kind: 'foreign'; readonly reason: string };

export interface Envelope {
  readonly status: 'OK' | 'ERROR';
  readonly errors: readonly ApiErrorEntry[];
  /** `CommandResponse/@Type` as sent, or "" when absent. */
  readonly commandType: string;
  /** The parsed `CommandResponse` node (absent on ERROR). */
  readonly commandResponse: unknown;
  readonly server: string;
}

const errorSchema = nodeSchema({
  $: attributesOf({ Number: textSchema }),
  '#text': textSchema.optional(),
});

const envelopeSchema = z.object({
  $: z.object({ Status: z.string() }).loose(),
  Errors: nodeSchema({ Error: listOf(errorSchema) }).optional(),
  CommandResponse: z.unknown().optional(),
  Server: z.unknown(),
});

const HTML_START = /^\s*(<!doctype\s+html|<html[\s>])/i;

/** Classifies and parses a body received with HTTP 200. */
export function readEnvelope(body: string, contentType: string): EnvelopeReading {
  const trimmed = body.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { kind: 'malformed', reason: 'the body was empty' };
  const looksLikeWvphost = /<(\w+:)?ApiResponse[\s>/]/.test(trimmed);
  if (HTML_START.test(trimmed) || (/text\/html/i.test(contentType) && !looksLikeWvphost)) {
    return { kind: 'foreign', reason: 'an HTML page' };
  }
  if (/^[[{]/.test(trimmed) || (/json/i.test(contentType) && !looksLikeWvphost))
    return { kind: 'foreign', reason: 'a JSON document' };
  if (/<!DOCTYPE|<!ENTITY/i.test(trimmed)) return { kind: 'foreign', reason: 'an XML document with a DOCTYPE' };
  if (!trimmed.startsWith('<')) {
    return looksLikeWvphost
      ? { kind: 'malformed', reason: 'the body was not XML' }
      : { kind: 'foreign', reason: 'a body that is not XML' };
  }
  if (XMLValidator.validate(trimmed) !== true) {
    return { kind: 'malformed', reason: 'the XML was not well-formed (cut short or damaged)' };
  }
  let document: unknown;
  try {
    document = parser.parse(trimmed);
  } catch {
    return { kind: 'malformed', reason: 'the XML could not be parsed' };
  }
  const root =
    typeof document === 'object' && document !== null
      ? (document as Record<string, unknown>)['ApiResponse']
      : undefined;
  if (root === undefined) {
    return looksLikeWvphost
      ? { kind: 'malformed', reason: 'the ApiResponse element was damaged' }
      : { kind: 'foreign', reason: 'an XML document that is not a Wvphost ApiResponse' };
  }
  const rootObject = typeof root === 'object' && root !== null ? root : {};
  const checked = envelopeSchema.safeParse(rootObject);
  if (!checked.success) {
    const hasStatus = '$' in rootObject && typeof (rootObject as { $: unknown }).$ === 'object';
    return {
      kind: 'malformed',
      reason: hasStatus ? 'the response had no Server element' : 'the response had no Status attribute',
    };
  }
  const status = checked.data.$.Status.trim().toUpperCase();
  if (status !== 'OK' && status !== 'ERROR') {
    return { kind: 'malformed', reason: `the response Status "${checked.data.$.Status}" is neither OK nor ERROR` };
  }
  const errors = (checked.data.Errors?.Error ?? []).map((entry): ApiErrorEntry => {
    const number = Number.parseInt(entry.$.Number, 10);
    return { number: Number.isFinite(number) ? number : 0, message: entry['#text'] ?? '' };
  });
  const commandResponse = checked.data.CommandResponse;
  const commandType =
    typeof commandResponse === 'object' && commandResponse !== null
      ? textOfAttribute(commandResponse as Record<string, unknown>, 'Type')
      : '';
  return {
    kind: 'envelope',
    envelope: {
      status,
      errors,
      commandType,
      commandResponse,
      server: typeof checked.data.Server === 'string' ? checked.data.Server : '',
    },
  };
}

function textOfAttribute(node: Record<string, unknown>, name: string): string {
  const attributes = node['$'];
  if (typeof attributes !== 'object' || attributes === null) return '';
  const value = (attributes as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
