// One input from bytes to a parsed document, or to a skip or an error that names what was seen.
import type { SbomDocument, SbomFormat } from '../model/document.js';
import { InputError } from './errors.js';
import { capLongFields } from './limits.js';
import type { SbomParser } from './parser.js';
import { PARSERS } from './registry.js';
import { decode } from './read.js';
import { jsonValues, TextInput } from './view.js';
import { mergeDocuments } from './merge.js';
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
  if (outer.head === '{' || outer.head === '[') outer.json();
  const parts = jsonValues(outer);
  if (parts instanceof InputError) throw parts;
  if (parts === undefined) return loadView(outer, encodings, options);
  let outcome: LoadOutcome;
  try {
    outcome = loadParts(source, parts, encodings, options);
  } catch (e) {
    if (!(e instanceof InputError) || e.code !== 'not-an-sbom') throw e;
    outcome = { kind: 'error', error: e };
  }
  if (outcome.kind === 'document') return outcome;
  // No part is an SBOM: the lines may be one record each of an inventory (an osqueryd result log), read whole.
  const whole = loadView(new TextInput(source, text), encodings, { ...options, skipNonSbom: true });
  if (whole.kind === 'document') return whole;
  if (outcome.kind === 'error') throw outcome.error;
  return outcome;
}

/**
 * A file of several JSON documents (JSON Lines of attestations, concatenated SBOMs, gzip members): every one is
 * read, and the SBOMs among them make one document. A part that is no SBOM (a provenance attestation) is named
 * in a warning; a part that fails to read fails the whole input, and so does a file with no SBOM at all.
 */
function loadParts(source: string, parts: readonly { text: string; value: unknown; line: number }[], encodings: readonly string[], options: LoadOptions): LoadOutcome {
  const documents: { line: number; document: SbomDocument }[] = [];
  const others: string[] = [];
  let firstSkip: LoadOutcome | undefined;
  for (const part of parts) {
    const view = new TextInput(source, part.text, { value: part.value, nested: true });
    const outcome = loadView(view, [], { ...options, skipNonSbom: true });
    if (outcome.kind === 'document') documents.push({ line: part.line, document: outcome.document });
    else if (outcome.kind === 'skipped') {
      firstSkip ??= outcome;
      others.push(`line ${part.line} (${outcome.reason})`);
    } else throw new InputError(outcome.error.code, `holds ${parts.length} JSON documents; the one on line ${part.line} ${outcome.error.message}`);
  }
  // JSON Lines: one document per line, each on a line of its own.
  const lined = parts.every((p, i) => !p.text.trimEnd().includes('\n') && (i === 0 || p.line > (parts[i - 1]?.line ?? 0)));
  const kind = lined ? 'jsonl' : 'concatenated-json';
  if (documents.length === 0) {
    const reason = `holds ${parts.length} JSON documents and none is an SBOM: ${others.slice(0, 3).join('; ')}`;
    if (options.skipNonSbom && firstSkip) return { kind: 'skipped', reason: `not an SBOM: ${reason}` };
    throw new InputError('not-an-sbom', reason);
  }
  const noun = lined ? 'JSON lines' : 'JSON documents';
  const read = documents.length === 1 ? `read the attestation on line ${documents[0]?.line ?? 0}` : `read the ${documents.length} SBOMs on lines ${documents.map((d) => d.line).join(', ')}`;
  const skippedNote = others.length > 0 && documents.length > 1 ? `; not SBOMs: ${others.slice(0, 3).join('; ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}` : '';
  const merged = mergeDocuments(documents);
  return {
    kind: 'document',
    document: { ...merged, warnings: [`the file holds ${parts.length} ${noun}; ${read}${skippedNote}`, ...merged.warnings], wrappers: [...encodings, kind, ...(merged.wrappers ?? [])] },
  };
}

function loadView(outer: TextInput, encodings: readonly string[], options: LoadOptions): LoadOutcome {
  const source = outer.source;
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
