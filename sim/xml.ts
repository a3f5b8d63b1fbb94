/**
 * Minimal XML writing for the simulator's responses.
 *
 * The responses are small and fixed in shape, so a tiny escaper and element builder beat a
 * serializer dependency and keep the output byte-for-byte predictable.
 */

export type Attributes = Readonly<Record<string, string | number | boolean>>;

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function renderAttributes(attributes: Attributes | undefined): string {
  if (attributes === undefined) return '';
  let out = '';
  for (const [name, value] of Object.entries(attributes)) out += ` ${name}="${escapeXml(String(value))}"`;
  return out;
}

/** `<name attrs>children</name>`, or `<name attrs />` without children. */
export function element(name: string, attributes?: Attributes, children?: readonly string[] | string): string {
  const body = children === undefined ? '' : typeof children === 'string' ? children : children.join('');
  if (body === '') return `<${name}${renderAttributes(attributes)} />`;
  return `<${name}${renderAttributes(attributes)}>${body}</${name}>`;
}

/** An element with escaped text content. */
export function textElement(name: string, text: string | number, attributes?: Attributes): string {
  return `<${name}${renderAttributes(attributes)}>${escapeXml(String(text))}</${name}>`;
}

/** An element whose text is a CDATA section (PEM blocks, CSRs). */
export function cdataElement(name: string, text: string, attributes?: Attributes): string {
  const safe = text.replace(/]]>/g, ']]]]><![CDATA[>');
  return `<${name}${renderAttributes(attributes)}><![CDATA[${safe}]]></${name}>`;
}
