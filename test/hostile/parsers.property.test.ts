// Property tests: no input of any shape crashes a parser or the detector; every outcome is a report or a documented input error naming the file.
import { CORPUS_FORMATS, CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import type { SbomFormat } from '../../src/model/document.js';
import { INPUT_FORMATS } from '../../src/sbom/registry.js';
import { corpusFiles, expectContract, scanOne } from './helpers.js';

/** Bounded runs: the whole folder stays under a minute on two cores. */
const RUNS = { numRuns: 200 };
const FORMAT = fc.constantFrom<SbomFormat | undefined>(undefined, ...INPUT_FORMATS);

function holds(source: string, bytes: Uint8Array, inputFormat?: SbomFormat, walked = false): void {
  expectContract(source, scanOne(source, bytes, { ...(inputFormat && { inputFormat }), walked }), walked);
}

const FORMATS = CORPUS_FORMATS;

/** Text that sends the detector down each path, to put in front of random tails. */
const HEADS = [
  '{',
  '[',
  '<',
  '\ufeff{',
  '<?xml version="1.0" encoding="ISO-8859-1"?>',
  '<!-- x --><!DOCTYPE bom>',
  '<bom xmlns="http://cyclonedx.org/schema/bom/1.6">',
  '<constructor:bom xmlns:constructor="http://cyclonedx.org/schema/bom/1.6">',
  '<toString:bom>',
  '<toString:RDF xmlns:spdx="http://spdx.org/rdf/terms#">',
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#">',
  '{"bomFormat":"CycloneDX","specVersion":"1.6",',
  '{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT",',
  '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":',
  '{"descriptor":{"name":"syft"},"artifacts":',
  '{"_type":"https://in-toto.io/Statement/v1","predicateType":"https://cyclonedx.org/bom","predicate":',
  '{"payloadType":"application/vnd.in-toto+json","payload":"',
  'SPDXVersion: SPDX-2.3\nPackageName: ',
  'spdxVersion: SPDX-2.3\npackages:\n  - ',
];

/** Pieces of markup and syntax that parsers treat specially, for mutations and random documents. */
const TOKENS = [
  '{', '}', '[', ']', '"', ':', ',', '\\', '\\u0000', '\\ud800', 'null', '1e999', '-0',
  '"__proto__":{"x":1},', '"constructor":{"prototype":{"x":1}},', '"bom-ref":"__proto__",',
  '<', '>', '/>', '</', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '&amp;', '&#0;', '&#x110000;', '&#xD800;',
  'xmlns="http://cyclonedx.org/schema/bom/1.6"', 'xmlns:x="urn:x"', 'x:', 'rdf:about="#x"', 'rdf:nodeID="n"', 'rdf:resource="#x"',
  '<text>', '</text>', '\n', '\r\n', '\t', ' ', '- ', ': ', '&a ', '*a ', '!!js/function ', '? ', '|', '>-', '%YAML 1.2\n', '---\n', '...\n',
  '\u001b[2J', '\u202e', '\ufeff', '\u0000', '\u2028',
  'pkg:npm/kaspersky@1', 'pkg:constructor/x@1', 'cpe:2.3:a:kaspersky:anti-virus:*', 'AO Kaspersky Lab',
];

const text = (max: number) => fc.string({ unit: 'binary', maxLength: max });
const tokenText = (max: number) => fc.array(fc.oneof(fc.constantFrom(...TOKENS), text(8)), { maxLength: max }).map((a) => a.join(''));

describe('any bytes', () => {
  it('detected: a report or a documented input error naming the file', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (b) => holds('fuzz.bin', b)), RUNS);
  });

  it('read as each format (--input-format): the same contract', () => {
    fc.assert(fc.property(FORMAT, fc.uint8Array({ maxLength: 2048 }), (format, b) => holds('fuzz.bin', b, format)), RUNS);
  });

  it('found by walking a directory: a report, a skip or an error, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1024 }), (b) => holds('dir/fuzz.json', b, undefined, true)), { numRuns: 100 });
  });

  it('behind gzip (up to three layers): the same contract', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...HEADS), text(300), (layers, head, tail) => {
        let b = Buffer.from(head + tail);
        for (let i = 0; i < layers; i++) b = gzipSync(b);
        holds('fuzz.json.gz', b);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the format detector', () => {
  it('text that starts like each format, then anything: never an exception', () => {
    fc.assert(fc.property(fc.constantFrom(...HEADS), tokenText(60), FORMAT, (head, tail, format) => holds('fuzz.sbom', Buffer.from(head + tail), format)), { numRuns: 300 });
  });

  it('UTF-16 (either byte order, with or without a byte-order mark) and legacy XML encodings: never an exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEADS), tokenText(30), fc.constantFrom('le-bom', 'be-bom', 'le', 'be', 'latin1'), (head, tail, enc) => {
        const s = head + tail;
        const le = Buffer.from(s, 'utf16le');
        const be = Buffer.from(le).swap16();
        const b =
          enc === 'le-bom' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le])
          : enc === 'be-bom' ? Buffer.concat([Buffer.from([0xfe, 0xff]), be])
          : enc === 'le' ? le
          : enc === 'be' ? be
          : Buffer.from(`<?xml version="1.0" encoding="windows-1251"?>${s}`, 'latin1');
        holds('fuzz.sbom', b);
      }),
      { numRuns: 150 },
    );
  });
});

describe('documents built from each format\u2019s syntax', () => {
  const name = fc.constantFrom('bom', 'component', 'components', 'name', 'purl', 'dependency', '__proto__', 'constructor', 'toString', 'x:bom', 'rdf:Description', 'spdx:Package', 'spdx:member');
  const attr = fc.tuple(fc.constantFrom('bom-ref', 'ref', 'type', 'xmlns', 'xmlns:spdx', 'rdf:about', 'rdf:nodeID', 'rdf:resource', 'constructor', 'x:y'), text(20)).map(([k, v]) => ` ${k}="${v.replace(/["<&]/g, '')}"`);
  const xml: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tokenText(4),
      fc.tuple(name, fc.array(attr, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 })).map(([n, a, kids]) => `<${n}${a.join('')}>${kids.join('')}</${n}>`),
    ),
  })).node;

  it('XML: CycloneDX and RDF/XML shaped trees with odd names, entities and namespaces', () => {
    fc.assert(
      fc.property(fc.constantFrom('<bom xmlns="http://cyclonedx.org/schema/bom/1.6">', HEADS.find((h) => h.startsWith('<rdf:RDF')) ?? '', '<bom xmlns="http://cyclonedx.org/schema/bom/1.1" xmlns:dg="http://cyclonedx.org/schema/ext/dependency-graph/1.0">'), fc.array(xml, { maxLength: 6 }), (open, body) => {
        const close = open.startsWith('<rdf') ? '</rdf:RDF>' : '</bom>';
        holds('fuzz.xml', Buffer.from(`<?xml version="1.0"?>${open}${body.join('')}${close}`));
      }),
      RUNS,
    );
  });

  it('SPDX tag-value: tags in any order, open and closed <text> blocks', () => {
    const tag = fc.constantFrom('SPDXVersion', 'SPDXID', 'PackageName', 'PackageVersion', 'PackageSupplier', 'ExternalRef', 'Relationship', 'PackageComment', 'FileName', 'LicenseID', 'PackageChecksum', '__proto__', 'constructor', 'toString');
    const line = fc.tuple(tag, fc.oneof(text(30), fc.constant('<text>'), fc.constant('<text>x</text>'), tokenText(5))).map(([t, v]) => `${t}: ${v}`);
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (lines) => holds('fuzz.spdx', Buffer.from(`SPDXVersion: SPDX-2.3\n${lines.join('\n')}\n`))), RUNS);
  });

  it('SPDX YAML: anchors, aliases, tags, flow and block collections', () => {
    fc.assert(fc.property(tokenText(80), (body) => holds('fuzz.spdx.yaml', Buffer.from(`spdxVersion: SPDX-2.3\npackages:\n${body}`))), RUNS);
  });

  it('JSON: random values in any field of each JSON format', () => {
    const heads = HEADS.filter((h) => h.startsWith('{"'));
    fc.assert(
      fc.property(fc.constantFrom(...heads), fc.jsonValue({ maxDepth: 6 }), (head, value) => {
        const body = head.endsWith('"') ? `${JSON.stringify(JSON.stringify(value)).slice(1)}}` : `${JSON.stringify(value)}}`;
        holds('fuzz.json', Buffer.from(head.endsWith(',') ? `${head}"x":${JSON.stringify(value)},"components":${JSON.stringify(value)},"packages":${JSON.stringify(value)}}` : head + body));
      }),
      RUNS,
    );
  });
});

const corpus = corpusFiles();
const small = corpus.filter((e) => e.bytes.length <= 200_000);

describe.skipIf(CORPUS_MISSING)(withCorpus('real documents from ../shared/corpus, damaged'), () => {
  const mutation = fc.record({
    kind: fc.constantFrom('flip', 'delete', 'insert', 'duplicate', 'token'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: 64 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    token: fc.constantFrom(...TOKENS),
  });

  interface Mutation {
    readonly kind: string;
    readonly at: number;
    readonly len: number;
    readonly bytes: Uint8Array;
    readonly token: string;
  }

  function mutate(input: Buffer, ms: readonly Mutation[]): Buffer {
    let b = input;
    for (const m of ms) {
      const i = Math.min(b.length, Math.floor(m.at * b.length));
      const head = b.subarray(0, i);
      const tail = b.subarray(i);
      switch (m.kind) {
        case 'flip':
          b = Buffer.concat([head, Buffer.from(m.bytes), tail.subarray(m.bytes.length)]);
          break;
        case 'delete':
          b = Buffer.concat([head, tail.subarray(m.len)]);
          break;
        case 'insert':
          b = Buffer.concat([head, Buffer.from(m.bytes), tail]);
          break;
        case 'duplicate':
          b = Buffer.concat([head, tail.subarray(0, m.len), tail]);
          break;
        default:
          b = Buffer.concat([head, Buffer.from(m.token), tail]);
      }
    }
    return b;
  }

  it('mutated (bytes flipped, deleted, inserted, duplicated, syntax tokens spliced in), detected or read as their format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...small), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (entry, ms, forced) => {
        holds(entry.file, mutate(entry.bytes, ms), forced ? FORMATS[entry.format] : undefined);
      }),
      RUNS,
    );
  });

  it('truncated anywhere, every corpus file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (entry, at, forced) => {
        holds(entry.file, entry.bytes.subarray(0, Math.floor(at * entry.bytes.length)), forced ? FORMATS[entry.format] : undefined);
      }),
      { numRuns: 120 },
    );
  });

  it('every corpus file compressed, and cut inside the compressed stream', () => {
    fc.assert(
      fc.property(fc.constantFrom(...small), fc.double({ min: 0, max: 1, noNaN: true }), (entry, at) => {
        const z = gzipSync(entry.bytes);
        holds(`${entry.file}.gz`, z.subarray(0, Math.max(2, Math.floor(at * z.length))));
      }),
      { numRuns: 100 },
    );
  });
});
