// Small builders for parser tests: load text or bytes the way scan() does and get a document or an error.
import { gzipSync } from 'node:zlib';
import type { Component } from '../../src/model/component.js';
import type { SbomDocument } from '../../src/model/document.js';
import { makeComponent } from '../../src/sbom/builder.js';
import type { InputError } from '../../src/sbom/errors.js';
import { loadDocument, type LoadOptions } from '../../src/sbom/load.js';

const DEFAULTS: LoadOptions = { maxSize: 64 * 1024 * 1024, skipNonSbom: false };

function bytesOf(input: string | Buffer): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
}

/** Every field of the component model, as the builder lays it out. */
export const COMPONENT_FIELDS = Object.keys(makeComponent({ ref: '', name: '' })) as (keyof Component)[];

/** Load and expect a document. */
export function read(input: string | Buffer, options: Partial<LoadOptions> = {}, source = 'input'): SbomDocument {
  const outcome = loadDocument(source, bytesOf(input), { ...DEFAULTS, ...options });
  if (outcome.kind !== 'document') throw new Error(`expected a document, got ${outcome.kind}: ${outcome.kind === 'error' ? outcome.error.message : outcome.reason}`);
  return outcome.document;
}

/** Load and expect an input error. */
export function readError(input: string | Buffer, options: Partial<LoadOptions> = {}, source = 'input'): InputError {
  const outcome = loadDocument(source, bytesOf(input), { ...DEFAULTS, ...options });
  if (outcome.kind !== 'error') throw new Error(`expected an error, got ${outcome.kind === 'document' ? `a ${outcome.document.format} document` : outcome.kind}`);
  return outcome.error;
}

/** The same text gzip-compressed. */
export function gzip(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'));
}

/** The same text as UTF-16LE with a byte-order mark. */
export function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** The refs each component depends on, as plain arrays (for toEqual). */
export function edgesOf(doc: SbomDocument): Record<string, string[]> {
  return Object.fromEntries([...doc.edges].map(([k, v]) => [k, [...v]]));
}

/** A component by name; throws when missing so tests fail with a clear message. */
export function byName(doc: SbomDocument, name: string): SbomDocument['components'][number] {
  const c = doc.components.find((x) => x.name === name);
  if (!c) throw new Error(`no component named ${name}; have ${doc.components.map((x) => x.name).join(', ')}`);
  return c;
}

/**
 * A document reduced to what must not differ between encodings of one SBOM: no lines, licences by id,
 * edges sorted. Warnings are left out (each encoding has its own).
 */
export function sameModel(doc: SbomDocument): unknown {
  const components = doc.components.map((c) => {
    // Field by field: a component read lazily keeps its fields on its class, where a spread would not see them.
    const copy: Record<string, unknown> = {};
    for (const k of COMPONENT_FIELDS) if (k !== 'line') copy[k] = c[k];
    copy['licenses'] = c.licenses.flatMap((l) => (l.ids.length > 0 ? l.ids : [l.text])).sort();
    return copy;
  });
  const edges = Object.fromEntries([...doc.edges].map(([k, v]) => [k, [...v].sort()]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return { rootRef: doc.rootRef, components, services: doc.services.length, edges };
}
