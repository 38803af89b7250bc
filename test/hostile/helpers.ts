// Shared by the hostile-input tests: scan bytes as the CLI does, and check the outcome contract of one input.
import { readFileSync } from 'node:fs';
import { assembleReport, prepareRules, scanBytes, type InputResult } from '../../src/scan.js';
import type { ScanReport } from '../../src/model/result.js';
import type { SbomFormat } from '../../src/model/document.js';
import type { InputErrorCode } from '../../src/sbom/errors.js';
import { corpusEntries, type CorpusEntry } from '../helpers/corpus.js';

export const RULES = prepareRules();
export const NOW = new Date('2026-11-21T00:00:00Z');
export const CTX = { color: false, failOn: 'info' as const, width: 120 };
export const MAX_SIZE = 64 * 1024 * 1024;

/** Every documented input error code (src/sbom/errors.ts); the record makes the compiler list them all. */
const CODE_SET: Readonly<Record<InputErrorCode, true>> = {
  'not-found': true,
  unreadable: true,
  'too-large': true,
  'not-an-sbom': true,
  malformed: true,
  'unsupported-version': true,
  unsafe: true,
  signature: true,
  'not-read': true,
};
export const INPUT_ERROR_CODES = Object.keys(CODE_SET) as InputErrorCode[];

/** Scan one input's bytes through the whole pipeline (decode, detect, parse, match, plan). */
export function scanOne(source: string, bytes: Buffer | Uint8Array, options: { inputFormat?: SbomFormat; maxSize?: number; walked?: boolean } = {}): InputResult {
  return scanBytes(source, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), RULES, {
    walked: options.walked ?? false,
    minConfidence: 'low',
    maxSize: options.maxSize ?? MAX_SIZE,
    now: NOW,
    ...(options.inputFormat && { inputFormat: options.inputFormat }),
  });
}

/**
 * The contract for any input: a document report, or (for a walked file) a skip; an unreadable document names
 * the file and carries a documented code; a read one accounts for every component. Throws on a breach.
 */
export function expectContract(source: string, r: InputResult, walked = false): void {
  if (r.skipped) {
    if (!walked) throw new Error(`${source}: skipped although it was named, not found by walking`);
    return;
  }
  const d = r.document;
  if (!d) throw new Error(`${source}: neither a document nor a skip`);
  if (d.error !== null) {
    if (!d.error.startsWith(`${source}: `)) throw new Error(`error does not name the file: ${d.error}`);
    if (d.errorCode === null || !INPUT_ERROR_CODES.includes(d.errorCode as InputErrorCode)) throw new Error(`undocumented error code ${String(d.errorCode)}: ${d.error}`);
    if (d.components !== 0 || r.findings.length !== 0) throw new Error(`an unreadable input with components or findings: ${d.error}`);
    return;
  }
  if (d.errorCode !== null) throw new Error(`a read document with an error code ${d.errorCode}`);
  if (d.flaggedComponents + d.cleanComponents + d.untestableComponents !== d.components) throw new Error(`${source}: flagged ${d.flaggedComponents} + clean ${d.cleanComponents} + untestable ${d.untestableComponents} != ${d.components} components`);
  if (d.untestable.length !== d.untestableComponents) throw new Error(`${source}: ${d.untestableComponents} untestable counted, ${d.untestable.length} listed`);
  if (d.findings !== r.findings.length) throw new Error(`${source}: ${d.findings} findings counted, ${r.findings.length} listed`);
}

/** A report of several inputs, as scan() assembles it. */
export function reportOf(inputs: Record<string, string | Buffer>): ScanReport {
  const results = Object.entries(inputs).map(([source, body]) => scanOne(source, typeof body === 'string' ? Buffer.from(body) : body));
  return assembleReport(results, RULES, { minConfidence: 'low', now: NOW });
}

/** Corpus files (read from ../shared/corpus, never copied here) up to a size, with their bytes. */
export function corpusFiles(maxBytes = Infinity): (CorpusEntry & { bytes: Buffer })[] {
  return corpusEntries()
    .map((e) => ({ ...e, bytes: readFileSync(e.path) }))
    .filter((e) => e.bytes.length <= maxBytes);
}

/** A CycloneDX 1.6 JSON document with these components (and optional extra top-level keys). */
export function cyclonedx(components: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', ...extra, components });
}
