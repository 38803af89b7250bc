// The cheap first look at a walked file of a project tree, so that most source files cost a read and two byte scans
// instead of a decode, an SBOM detection, a second decode and a reference search (and no trip through the pool).
// A file is let off only when the full path is certain to give "plain" for it: not an SBOM by any registered
// detector, not a lockfile or manifest by name, and none of the reference words in any letter case.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ReadContext } from '../inventory/types.js';
import { PARSERS } from '../sbom/registry.js';
import { TextInput } from '../sbom/view.js';
import { isBinary } from './load.js';
import { REFERENCE_SCREEN } from './references.js';
import { readerFor } from './registry.js';
import { mayHoldImages } from './readers/containers.js';

export type Screened =
  /** Read fully by the pipeline (it may be an SBOM, a manifest, or hold a reference). */
  | { readonly kind: 'full' }
  /** Certainly nothing to report as a project file; `reason` is the one the full path would give. */
  | { readonly kind: 'plain'; readonly reason: string };

const FULL: Screened = { kind: 'full' };
const WALKED: ReadContext = { skipUnknown: true };

/** Files larger than this go the full way: its size limits and messages stay the pipeline's. */
const SCREEN_LIMIT = 8 * 1024 * 1024;

/** ASCII white space as JavaScript's \s sees it (a non-ASCII space is left to the full path). */
const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/**
 * Whether the decoded text could start like JSON or XML, or be decoded as something other than single-byte-safe
 * UTF-8 (gzip, a byte-order mark, UTF-16): the first non-space byte decides, as TextInput's `head` does on the text.
 */
function needsDecoder(bytes: Buffer): boolean {
  if (bytes.length >= 4 && (bytes[0] === 0 || bytes[1] === 0 || bytes[2] === 0 || bytes[3] === 0)) return true;
  const end = Math.min(bytes.length, 4096);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (isSpace(b)) continue;
    return b === 0x7b || b === 0x5b || b === 0x3c || b >= 0x80 || b < 0x20;
  }
  // Empty, or only space as far as the head is looked for: cheap either way.
  return true;
}

/** Screen bytes already read. `source` names the file for the detectors and the reader registry. */
export function screenBytes(source: string, bytes: Buffer): Screened {
  if (readerFor(source) || needsDecoder(bytes)) return FULL;
  // Latin-1 keeps every ASCII byte as the same character and maps every other byte above U+007F, so ASCII patterns
  // (the text detectors' version lines, the reference words) find here exactly what they find in the UTF-8 text.
  const text = bytes.toString('latin1');
  const view = new TextInput(source, text);
  // As the loader asks a walked file (inventories of an unknown layout are skipped there, not errors).
  for (const p of PARSERS.values()) if (p.detect(view, WALKED)) return FULL;
  if (isBinary(bytes)) return { kind: 'plain', reason: 'binary file' };
  if (REFERENCE_SCREEN.test(text) || mayHoldImages(source, text)) return FULL;
  return { kind: 'plain', reason: 'no Kaspersky reference' };
}

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Read and screen one walked file synchronously (a tree of small files is read faster in one thread without a
 * round trip per file). Anything unusual (unreadable, large, not a regular file) goes the full way, which reports it.
 */
export function screenFile(source: string, maxSize: number): Screened {
  if (readerFor(source)) return FULL;
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch {
    return FULL;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > Math.min(SCREEN_LIMIT, maxSize)) return FULL;
    // One buffer reused for every file: the verdict keeps nothing of the bytes.
    if (scratch.length < info.size) scratch = Buffer.allocUnsafe(Math.max(info.size, scratch.length * 2));
    const bytes = scratch.subarray(0, info.size);
    let got = 0;
    while (got < info.size) {
      const n = readSync(fd, bytes, got, info.size - got, null);
      if (n === 0) break;
      got += n;
    }
    // A file that changed size while read is left to the full read.
    if (got !== info.size) return FULL;
    return screenBytes(source, bytes);
  } catch {
    return FULL;
  } finally {
    closeSync(fd);
  }
}
