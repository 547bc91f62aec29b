import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML for the SOAP systems (the registry and its adapter): a hardened parser that refuses DTDs and
 * entities (XXE, billion laughs) and resolves namespaces — neither a request nor an answer is trusted —
 * and a small builder that escapes everything it writes.
 */

/** An element with its namespace resolved; `text` is its character data, entity references decoded, trimmed. */
export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  /** Namespace URI, or undefined when the element is in no namespace. */
  readonly ns: string | undefined;
  /** Attributes by local name (namespace declarations left out), values decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

/** The document is not XML we accept; the message says why (and where, when the parser knows). */
export class XmlError extends Error {
  override readonly name = 'XmlError';
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Entities are never expanded by the parser: the five predefined ones and character references are
  // decoded below, anything else is refused.
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

// Characters XML 1.0 cannot carry, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to refuse
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isLegalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes the predefined entities and character references; any other entity reference is refused. */
export function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`a bare "&" must be written "&amp;" (near "${whole}")`);
    const predefined = PREDEFINED[ref];
    if (predefined !== undefined) return predefined;
    const num = /^#(?:x([0-9a-fA-F]{1,6})|(\d{1,7}))$/.exec(ref);
    if (num) {
      const cp = num[1] !== undefined ? Number.parseInt(num[1], 16) : Number(num[2]);
      if (!isLegalCodePoint(cp))
        throw new XmlError(`character reference &${ref}; is not a legal XML character`);
      return String.fromCodePoint(cp);
    }
    throw new XmlError(`entity reference &${ref}; is not allowed: only the five predefined entities are`);
  });
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>): XmlElement {
  const qname = Object.keys(node).find((k) => k !== ':@')!;
  const rawAttrs = node[':@'] ?? {};
  const inScope = new Map(scope);
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns') inScope.set('', decodeEntities(v));
    else if (k.startsWith('xmlns:')) inScope.set(k.slice(6), decodeEntities(v));
  }
  const colon = qname.indexOf(':');
  const prefix = colon >= 0 ? qname.slice(0, colon) : '';
  const name = colon >= 0 ? qname.slice(colon + 1) : qname;
  if (prefix && !inScope.has(prefix))
    throw new XmlError(`the prefix "${prefix}" of <${qname}> is not declared`);
  const ns = inScope.get(prefix) || undefined;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attrs[k.slice(k.indexOf(':') + 1)] = decodeEntities(v);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qname] as OrderedNode[]) ?? []) {
    if ('#text' in child) text += decodeEntities(String(child['#text']));
    else if ('#cdata' in child) {
      for (const part of child['#cdata'] as { '#text'?: unknown }[]) text += String(part['#text'] ?? '');
    } else children.push(toElement(child, inScope));
  }
  return { name, ns, attrs, children, text: text.trim() };
}

/**
 * Parses a document into its root element. Refuses, with an {@link XmlError}: DOCTYPE declarations and
 * entity declarations, characters XML cannot carry, a declared encoding other than UTF-8, anything the
 * validator finds, undeclared prefixes, undefined entities, and more or fewer than one root element.
 */
export function parseXml(xml: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XmlError('DOCTYPE declarations and entity declarations are not accepted');
  }
  if (ILLEGAL_CHARS.test(xml)) throw new XmlError('the document holds characters XML 1.0 does not allow');
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(xml);
  if (decl && decl[1]!.toLowerCase() !== 'utf-8') {
    throw new XmlError(`the document is declared as ${decl[1]}; only UTF-8 is accepted`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XmlError(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col ?? '?'})`);
  }
  let parsed: OrderedNode[];
  try {
    parsed = parser.parse(xml) as OrderedNode[];
  } catch (e) {
    // The parser's own limits (nesting depth…) are the document's fault, not the reader's.
    throw new XmlError((e as Error).message);
  }
  const roots = parsed.filter((n) => !('#text' in n) || String(n['#text']).trim());
  if (roots.length !== 1 || '#text' in roots[0]! || '#cdata' in roots[0]!) {
    throw new XmlError('a document has exactly one root element');
  }
  return toElement(roots[0]!, new Map());
}

/** The child elements named `name` (local name) in namespace `ns`. */
export function childrenOf(el: XmlElement, name: string, ns?: string): XmlElement[] {
  return el.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** The first child element named `name`, if any. */
export function childOf(el: XmlElement, name: string, ns?: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

function assertLegal(value: string): string {
  if (ILLEGAL_CHARS.test(value)) throw new XmlError('a value holds characters XML 1.0 cannot carry');
  return value;
}

/** Escapes character data. */
export function escapeText(value: string): string {
  return assertLegal(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (quoted with `"`), keeping whitespace characters as they are. */
export function escapeAttr(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * One element as markup: `content` as a string is text (escaped); as an array it is child markup built
 * with this function (joined as is). No content gives an empty element.
 */
export function el(
  qname: string,
  content?: string | readonly string[],
  attrs: Readonly<Record<string, string | undefined>> = {},
): string {
  const attrText = Object.entries(attrs)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  const inner =
    content === undefined ? '' : typeof content === 'string' ? escapeText(content) : content.join('');
  return inner === '' ? `<${qname}${attrText}/>` : `<${qname}${attrText}>${inner}</${qname}>`;
}

/** An element only when there is a value. */
export function optionalEl(qname: string, value: string | undefined): string {
  return value === undefined ? '' : el(qname, value);
}
