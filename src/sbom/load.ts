// One input from bytes to a parsed document, or to a skip or an error that names what was seen.
import type { SbomDocument, SbomFormat } from '../model/document.js';
import { InputError } from './errors.js';
import type { SbomParser } from './parser.js';
import { PARSERS } from './registry.js';
import { decode } from './read.js';
import { TextInput } from './view.js';

export type LoadOutcome =
  | { readonly kind: 'document'; readonly document: SbomDocument }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: InputError };

export interface LoadOptions {
  readonly maxSize: number;
  /** Skip (rather than reject) content that is not an SBOM: set for files found by walking a directory. */
  readonly skipNonSbom: boolean;
  /** Force a format instead of detecting it. */
  readonly inputFormat?: SbomFormat;
}

/** What the content looked like, for "not an SBOM" messages. */
function describeContent(view: TextInput): string {
  if (view.text.trim() === '') return 'the file is empty';
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
    const m = /<([A-Za-z_][\w:.-]*)[\s>/]/.exec(view.text.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''));
    return m ? `an XML document with root element <${m[1]}>` : 'XML-like text';
  }
  const first = view.text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return `text starting with ${JSON.stringify(first.slice(0, 40))}`;
}

function looksStructured(view: TextInput, source: string): boolean {
  return (view.head === '{' || view.head === '[' || view.head === '<') && /\.(json|jsonl|xml|spdx|cdx|sbom|bom|rdf|yaml|yml|txt)$/i.test(source);
}

export function loadDocument(source: string, bytes: Buffer, options: LoadOptions): LoadOutcome {
  let text: string;
  let wrappers: string[];
  try {
    ({ text, wrappers } = decode(bytes, options.maxSize));
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    throw e;
  }
  const view = new TextInput(source, text);
  const candidates: [SbomParser, { specVersion: string }][] = [];
  if (options.inputFormat) {
    const p = PARSERS.get(options.inputFormat);
    if (p) candidates.push([p, p.detect(view) ?? { specVersion: 'unknown' }]);
  } else {
    for (const p of PARSERS.values()) {
      const d = p.detect(view);
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
    const seen = describeContent(view);
    const tried = [...PARSERS.values()].map((p) => p.description).join(', ');
    if (options.skipNonSbom) return { kind: 'skipped', reason: `not an SBOM: ${seen}` };
    return { kind: 'error', error: new InputError('not-an-sbom', `is not an SBOM: found ${seen}; tried ${tried}`) };
  }
  const [parser, detection] = found;
  try {
    const doc = parser.parse(view, detection);
    const warnings = [...view.warnings, ...doc.warnings];
    const allWrappers = [...wrappers, ...(doc.wrappers ?? [])];
    return { kind: 'document', document: { ...doc, warnings, ...(allWrappers.length > 0 && { wrappers: allWrappers }) } };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    if (e instanceof RangeError) return { kind: 'error', error: new InputError('malformed', `could not be read as ${parser.description}: ${e.message}`) };
    throw e;
  }
}
