import type { IncomingMessage } from 'node:http';

/**
 * Reads a request's parameters from the query string and, for POST, the form body.
 *
 * Parameter names are case-insensitive on the wire, so they are lower-cased here; the first
 * occurrence of a name wins, body before query.
 */

/** Larger bodies are refused: a CSR is a few kilobytes. */
export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function addAll(target: Map<string, string>, search: URLSearchParams): void {
  for (const [name, value] of search) {
    const key = name.toLowerCase();
    if (!target.has(key)) target.set(key, value);
  }
}

export async function readParams(request: IncomingMessage, method: 'GET' | 'POST'): Promise<Map<string, string>> {
  const params = new Map<string, string>();
  if (method === 'POST') addAll(params, new URLSearchParams(await readBody(request)));
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  addAll(params, url.searchParams);
  return params;
}
