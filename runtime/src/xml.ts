import { SaxesParser } from 'saxes';

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

// Characters XML 1.0 cannot carry, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to refuse
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** Elements nested deeper than this are refused: no answer or request of the registry comes near it. */
const MAX_DEPTH = 100;

interface Building {
  readonly name: string;
  readonly ns: string | undefined;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/**
 * Parses a document into its root element. Refuses, with an {@link XmlError}: DOCTYPE declarations and
 * entity declarations, characters XML cannot carry, a declared encoding other than UTF-8, documents that
 * are not well-formed, undeclared prefixes, undefined entities, elements nested deeper than 100, and
 * more or fewer than one root element.
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
  const bare = /&(?![A-Za-z_:][\w.:-]*;|#\d+;|#x[0-9A-Fa-f]+;)/.exec(xml);
  if (bare) {
    throw new XmlError(
      `a bare "&" must be written "&amp;" (near "${xml.slice(bare.index, bare.index + 12)}")`,
    );
  }
  // saxes checks well-formedness as XML 1.0 and Namespaces in XML define it (undeclared prefixes,
  // undefined entities, illegal character references, stray text, unclosed tags) and decodes the
  // predefined entities and character references; the first problem it finds is the one reported.
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: Building[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (e) => {
    throw new XmlError(e.message);
  });
  parser.on('opentag', (tag) => {
    if (root) throw new XmlError('a document has exactly one root element');
    if (open.length >= MAX_DEPTH) throw new XmlError(`elements are nested deeper than ${MAX_DEPTH}`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      if (a.local === '__proto__') throw new XmlError('an attribute may not be named __proto__');
      attrs[a.local] = a.value;
    }
    open.push({ name: tag.local, ns: tag.uri || undefined, attrs, children: [], text: '' });
  });
  const addText = (text: string) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const b = open.pop()!;
    const done: XmlElement = {
      name: b.name,
      ns: b.ns,
      attrs: b.attrs,
      children: b.children,
      text: b.text.trim(),
    };
    const parent = open.at(-1);
    if (parent) parent.children.push(done);
    else root = done;
  });
  parser.write(xml).close();
  if (!root) throw new XmlError('a document has exactly one root element');
  return root;
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
