import { describe, expect, it } from 'vitest';
import { el, parseXml, XmlError } from './xml';

describe('parseXml', () => {
  it('resolves namespaces whatever the prefixes, and decodes the predefined entities and character references', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?><e:Env xmlns:e="urn:e" xmlns="urn:d"><Item a="1 &amp; 2">x &lt; y &#20013;&#x56FD;<![CDATA[&amp;]]></Item></e:Env>',
    );
    expect(root).toMatchObject({ name: 'Env', ns: 'urn:e' });
    expect(root.children[0]).toMatchObject({
      name: 'Item',
      ns: 'urn:d',
      attrs: { a: '1 & 2' },
      text: 'x < y 中国&amp;',
    });
  });

  it.each([
    [
      'a DOCTYPE with an external entity (XXE)',
      '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    ],
    ['an internal entity declaration', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an undefined entity reference', '<a>&nbsp;</a>'],
    ['a character reference to NUL', '<a>&#0;</a>'],
    ['a raw control character', '<a>\u0001</a>'],
    ['a declared encoding other than UTF-8', '<?xml version="1.0" encoding="GBK"?><a/>'],
    ['two root elements', '<a/><b/>'],
    ['an undeclared prefix', '<x:a/>'],
    ['unclosed tags', '<a><b></a>'],
    ['no element at all', 'hello'],
    ['elements nested deeper than 100', `${'<a>'.repeat(150)}${'</a>'.repeat(150)}`],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });
});

describe('el', () => {
  it('escapes text and attributes so that what is written reads back the same', () => {
    const hostile = `a<b>&"c'\n]]>`;
    const root = parseXml(el('r', [el('t', hostile, { v: hostile })]));
    expect(root.children[0]).toMatchObject({ text: hostile.trim(), attrs: { v: hostile } });
  });

  it('writes an empty element for no content and leaves out undefined attributes', () => {
    expect(el('bdc:Mortgages', [], { a: undefined })).toBe('<bdc:Mortgages/>');
  });

  it('refuses to write characters XML cannot carry', () => {
    expect(() => el('t', 'a\u0000b')).toThrow(XmlError);
  });
});
