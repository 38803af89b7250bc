// One input from bytes to a parsed document, or to a skip or an error that names what was seen.
import type { SbomDocument, SbomFormat } from '../model/document.js';
import { InputError } from './errors.js';
import { capLongFields } from './limits.js';
import type { SbomParser } from './parser.js';
import { PARSERS } from './registry.js';
import { decode } from './read.js';
import { TextInput } from './view.js';
import { peelWrappers, verifyDsse } from './wrappers.js';
import { sniffRoot } from './xml.js';
import type { ColumnMapping, ReadContext } from '../inventory/types.js';

export type LoadOutcome =
  | {
      readonly kind: 'document';
      readonly document: SbomDocument;
      /** Further documents of the same input (an inventory of many hosts: one document per host). */
      readonly more?: readonly SbomDocument[];
      /** Rows of the input that could not be read, with their line (and host). */
      readonly rowErrors?: readonly string[];
    }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: InputError };

export interface LoadOptions {
  readonly maxSize: number;
  /** Skip (rather than reject) content that is not an SBOM: set for files found by walking a directory. */
  readonly skipNonSbom: boolean;
  /** Force a format instead of detecting it. */
  readonly inputFormat?: SbomFormat;
  /**
   * A PEM public key: the input must then be a DSSE envelope (or an attestation holding one) with a
   * signature this key verifies, or it is rejected with an InputError of code `signature`.
   */
  readonly verifyKey?: string;
  /** --columns for CSV inventories. */
  readonly columns?: ColumnMapping;
}

const WRAPPER_NAMES: Readonly<Record<string, string>> = {
  dsse: 'a DSSE envelope',
  'in-toto': 'an in-toto statement',
  'sigstore-bundle': 'a Sigstore bundle',
  jsonl: 'JSON Lines',
};

/** What the content looked like, for "not an SBOM" messages. */
function describeContent(view: TextInput): string {
  // A wrapped predicate has no text of its own: making one would serialize a value of any depth.
  if (view.head === '' && view.text.trim() === '') return 'the file is empty';
  if (view.head === '{' || view.head === '[') {
    const v = view.json();
    if (v === undefined) return 'JSON that does not parse';
    if (Array.isArray(v)) return 'a JSON array';
    if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v).slice(0, 6);
      return keys.length ? `a JSON object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}` : 'an empty JSON object';
    }
  }
  if (view.head === '<') {
    const root = sniffRoot(view.text);
    return root ? `an XML document with root element <${root.local}>${root.ns ? ` in namespace "${root.ns}"` : ''}` : 'XML-like text';
  }
  const head = view.text.slice(0, 4096).trimStart();
  const first = head.slice(0, head.search(/\r?\n|$/));
  return `text starting with ${JSON.stringify(first.slice(0, 40))}`;
}

function looksStructured(view: TextInput, source: string): boolean {
  return (view.head === '{' || view.head === '[' || view.head === '<') && /\.(json|jsonl|xml|spdx|cdx|sbom|bom|rdf|yaml|yml|txt)$/i.test(source);
}

/** One input to a document, a skip or an input error; no other exception escapes for anything in the bytes. */
export function loadDocument(source: string, bytes: Buffer, options: LoadOptions): LoadOutcome {
  try {
    return load(source, bytes, options);
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    // Wherever it happens (a detector, a wrapper, a parser): a document nested deeper than the stack, or one that expands past V8's limits.
    if (e instanceof RangeError) return { kind: 'error', error: new InputError('malformed', `could not be read: it is nested too deeply or expands too far (${e.message})`) };
    throw e;
  }
}

function load(source: string, bytes: Buffer, options: LoadOptions): LoadOutcome {
  const { text, wrappers: encodings } = decode(bytes, options.maxSize);
  const outer = new TextInput(source, text);
  const peeled = peelWrappers(outer, options.maxSize);
  if (options.verifyKey !== undefined) {
    if (!peeled.envelope) throw new InputError('signature', 'no DSSE envelope to verify: --verify-key needs a signed attestation (cosign attest / cosign download attestation)');
    const verdict = verifyDsse(peeled.envelope, options.verifyKey);
    if (!verdict.ok) throw new InputError('signature', `signature check failed: ${verdict.reason}`);
  }
  const view = peeled.view;
  const wrappers = [...encodings, ...peeled.wrappers];
  const inside = peeled.wrappers.length > 0 ? ` inside ${peeled.wrappers.map((w) => WRAPPER_NAMES[w] ?? w).join(' > ')}` : '';
  const candidates: [SbomParser, { specVersion: string }][] = [];
  const context: ReadContext = { ...(options.columns && { columns: options.columns }), skipUnknown: options.skipNonSbom };
  if (options.inputFormat) {
    const p = PARSERS.get(options.inputFormat);
    if (p) candidates.push([p, p.detect(view, context) ?? { specVersion: 'unknown' }]);
  } else {
    for (const p of PARSERS.values()) {
      const d = p.detect(view, context);
      if (d) {
        candidates.push([p, d]);
        break;
      }
    }
  }
  const found = candidates[0];
  if (!found) {
    const jsonError = view.head === '{' || view.head === '[' ? view.jsonError() : undefined;
    if (jsonError && !(options.skipNonSbom && !looksStructured(view, source))) return { kind: 'error', error: jsonError };
    const predicate = peeled.predicateType !== undefined ? ` (predicate type ${peeled.predicateType})` : '';
    const seen = `${describeContent(view)}${inside}${predicate}`;
    const tried = [...PARSERS.values()].map((p) => p.description).join(', ');
    if (options.skipNonSbom) return { kind: 'skipped', reason: `not an SBOM: ${seen}` };
    return { kind: 'error', error: new InputError('not-an-sbom', `is not an SBOM: found ${seen}; tried ${tried}`) };
  }
  const [parser, detection] = found;
  if (parser.parseAll) return loadAll(parser, view, detection, context, [...peeled.warnings, ...(view === outer ? [] : view.warnings)], wrappers, inside);
  let doc;
  try {
    doc = capLongFields(parser.parse(view, detection));
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('malformed', `could not be read as ${parser.description}${inside}: ${e.message}`);
    throw e;
  }
  const warnings = [...outer.warnings, ...peeled.warnings, ...(view === outer ? [] : view.warnings), ...doc.warnings];
  const allWrappers = [...wrappers, ...(doc.wrappers ?? [])];
  return { kind: 'document', document: { ...doc, warnings, ...(allWrappers.length > 0 && { wrappers: allWrappers }) } };
}

/** An input that holds several documents (an inventory of many hosts): each document, capped, with the input's warnings. */
function loadAll(parser: SbomParser, view: TextInput, detection: { specVersion: string }, context: ReadContext, warnings: readonly string[], wrappers: readonly string[], inside: string): LoadOutcome {
  let all;
  try {
    all = (parser.parseAll as NonNullable<SbomParser['parseAll']>)(view, detection, context);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('malformed', `could not be read as ${parser.description}${inside}: ${e.message}`);
    throw e;
  }
  const documents = all.documents.map((d) => {
    const capped = capLongFields(d);
    return { ...capped, warnings: [...warnings, ...capped.warnings], ...(wrappers.length > 0 && { wrappers }) };
  });
  const [first, ...more] = documents;
  if (!first) {
    if (all.errors.length > 0) throw new InputError('malformed', `could not be read as ${parser.description}${inside}: ${all.errors.slice(0, 5).join('; ')}`);
    throw new InputError('malformed', `is ${parser.description}${inside} but lists no host and no software`);
  }
  return { kind: 'document', document: first, more, rowErrors: all.errors };
}
