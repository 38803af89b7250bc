// The shared XML reader: namespaces resolved per element, offsets kept, DTDs and malformed input refused.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/sbom/errors.js';
import { kids, parseXml, rejectDtd, sniffRoot } from '../../src/sbom/xml.js';

describe('sniffRoot', () => {
  it('finds the root element and its namespace declarations past the prolog', () => {
    const root = sniffRoot('<?xml version="1.0"?>\n<!-- note -->\n<x:bom xmlns:x="urn:a" xmlns="urn:b" version="1">');
    expect(root).toEqual({ ns: 'urn:a', local: 'bom', declarations: { x: 'urn:a', '': 'urn:b' } });
  });

  it('skips a DOCTYPE with an internal subset', () => {
    expect(sniffRoot('<!DOCTYPE bom [<!ENTITY a "b">]>\n<bom xmlns="urn:x"/>')?.local).toBe('bom');
  });
});

describe('parseXml', () => {
  it('resolves default and prefixed namespaces per element, and keeps qualified attributes apart', () => {
    const root = parseXml('<a xmlns="urn:one" xmlns:t="urn:two" t:flag="1" plain="2"><b/><t:c/><d xmlns="urn:three"/><u:e/></a>');
    expect(root.ns).toBe('urn:one');
    expect(root.attrs).toEqual({ '{urn:two}flag': '1', plain: '2' });
    expect(root.children.map((c) => `${c.ns} ${c.local}`)).toEqual(['urn:one b', 'urn:two c', 'urn:three d', 'undeclared:u e']);
    expect(kids(root, 'urn:one').map((c) => c.local)).toEqual(['b']);
  });

  it('joins text and CDATA, decodes character references, keeps numbers as text', () => {
    const root = parseXml('<a><v>1.10</v><n><![CDATA[x < y]]></n><e>&#x41;&amp;&#66;</e></a>');
    expect(root.children.map((c) => c.text)).toEqual(['1.10', 'x < y', 'A&B']);
  });

  it('records the start offset of each element', () => {
    const text = '<a>\n  <b/>\n</a>';
    expect(parseXml(text).children[0]?.offset).toBe(text.indexOf('<b'));
  });

  it('refuses DTDs before parsing and malformed documents with a position', () => {
    expect(() => rejectDtd('<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>')).toThrow(InputError);
    try {
      parseXml('<a>\n<b></a>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('malformed');
      expect((e as InputError).position?.line).toBe(2);
    }
  });

  it('tells a reader of each element as it ends, with its ancestors, and drops those the reader takes', () => {
    const seen: string[] = [];
    const root = parseXml('<a><b> x <c/> y </b><b/><d/></a>', (el, ancestors) => {
      seen.push(`${[...ancestors.map((x) => x.local), el.local].join('/')} "${el.text}" ${el.children.length}`);
      return el.local === 'b';
    });
    expect(seen).toEqual(['a/b/c "" 0', 'a/b "xy" 1', 'a/b "" 0', 'a/d "" 0', 'a "" 1']);
    expect(root.children.map((c) => c.local)).toEqual(['d']);
  });

  it('keeps text trimmed around CDATA and resolves an empty prefix to the default namespace', () => {
    const root = parseXml('<a xmlns="urn:d"> <![CDATA[ c ]]> <:b/></a>');
    expect(root.text).toBe('c');
    expect(root.children.map((c) => `${c.ns} ${c.local}`)).toEqual(['urn:d b']);
  });

  // parseXml declares saxes' handler properties up front (see Parser in xml.ts): this notices if saxes renames them.
  it('relies on the names saxes gives its handler properties', () => {
    const parser = new SaxesParser({ xmlns: false, position: true });
    const slots: Record<string, string> = {
      error: 'errorHandler',
      opentagstart: 'openTagStartHandler',
      opentag: 'openTagHandler',
      closetag: 'closeTagHandler',
      text: 'textHandler',
      cdata: 'cdataHandler',
      processinginstruction: 'piHandler',
    };
    for (const [event, slot] of Object.entries(slots)) {
      const handler = (): void => undefined;
      parser.on(event as 'text', handler);
      expect((parser as unknown as Record<string, unknown>)[slot]).toBe(handler);
    }
  });

  it('refuses nesting deeper than the limit instead of exhausting the stack', () => {
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`;
    expect(() => parseXml(deep)).toThrow(InputError);
  });
});
