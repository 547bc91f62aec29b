import type { XmlElement } from '@onething/runtime/xml';

/** An element as plain data for schema validation: text, or an object of attributes (`@name`) and children. */
export type Plain = string | { readonly [key: string]: Plain | Plain[] };

/**
 * Turns an element into plain data: an element with neither children nor attributes is its text;
 * otherwise an object with `@attr` keys, child elements by local name (an array when repeated) and
 * `#text` when it also has text. Children outside `ns` are keyed `{namespace}Name`, so a strict schema
 * refuses them rather than reading a stranger's element as the registry's.
 */
export function toPlain(el: XmlElement, ns: string): Plain {
  if (el.children.length === 0 && Object.keys(el.attrs).length === 0) return el.text;
  const out: Record<string, Plain | Plain[]> = {};
  for (const [k, v] of Object.entries(el.attrs)) out[`@${k}`] = v;
  if (el.text) out['#text'] = el.text;
  for (const child of el.children) {
    const key = child.ns === ns ? child.name : `{${child.ns ?? ''}}${child.name}`;
    if (key === '__proto__') throw new Error('an element may not be named __proto__');
    const value = toPlain(child, ns);
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen as Plain, value];
  }
  return out;
}
