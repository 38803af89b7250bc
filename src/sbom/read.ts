// Reading inputs: files, directory trees and standard input, decompressed and decoded to text.
import { gunzipSync } from 'node:zlib';
import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './errors.js';

/** One input as bytes, before detection. */
export interface RawInput {
  /** The path as the user gave it or as found under a directory; `-` for standard input. */
  readonly source: string;
  /** True when the file was found by walking a directory (non-SBOMs are then skipped, not errors). */
  readonly walked: boolean;
}

/** 256 MiB: a JSON document takes several times its size in heap once parsed, and Node's heap is about 4 GB. */
export const DEFAULT_MAX_SIZE = 256 * 1024 * 1024;

/** Expand the user's inputs into files, walking directories recursively in a stable order. */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: RawInput[]; errors: { source: string; error: InputError }[] }> {
  const files: RawInput[] = [];
  const errors: { source: string; error: InputError }[] = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push({ source: '-', walked: false });
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch {
      errors.push({ source: input, error: new InputError('not-found', 'no such file or directory') });
      continue;
    }
    if (info.isDirectory()) walk(input, new Set(), files);
    else files.push({ source: input, walked: false });
  }
  return { files, errors };
}

/**
 * Walk a directory in this thread: a tree of many folders is listed several times faster than with a round trip per
 * folder, and the files are appended to one list (spreading a large subtree's list into push() overflows the stack).
 */
function walk(dir: string, seen: Set<string>, out: RawInput[] = []): RawInput[] {
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // unreadable: listed as it is named
  }
  if (seen.has(real)) return out;
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, seen, out);
    else if (e.isFile()) out.push({ source: p, walked: true });
  }
  return out;
}

async function readStdin(maxSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > maxSize) throw new InputError('too-large', `standard input is larger than the --max-size limit of ${maxSize} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Read size for files whose size stat() cannot tell (pipes, devices, /proc): grows as the data comes. */
const CHUNK = 1024 * 1024;

/**
 * Read one input's bytes, refusing more than maxSize: a regular file larger than the limit is refused from its
 * size before anything is read; a pipe, a device or a file that grows while it is read is read at most
 * maxSize + 1 bytes and then refused. `stdin` (the CLI's reader) is given the limit, and its result is checked.
 */
export async function readBytes(source: string, maxSize: number, stdin?: (maxSize: number) => Promise<Buffer>): Promise<Buffer> {
  if (source === '-') {
    const bytes = await (stdin ? stdin(maxSize) : readStdin(maxSize));
    if (bytes.length > maxSize) throw new InputError('too-large', `standard input is larger than the --max-size limit of ${maxSize} bytes`);
    return bytes;
  }
  let handle;
  try {
    handle = await open(source, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'not-found' : 'unreadable', code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`);
  }
  try {
    const info = await handle.stat();
    if (info.size > maxSize) throw new InputError('too-large', `is ${info.size} bytes, larger than the --max-size limit of ${maxSize} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte past the limit tells "exactly at the limit" from "over it".
    for (;;) {
      // A regular file is read in one go (its size plus the byte that shows it grew); anything else in chunks.
      const want = Math.min(info.isFile() && info.size > total ? info.size - total + 1 : CHUNK, maxSize + 1 - total);
      if (want <= 0) break;
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxSize) throw new InputError('too-large', `is larger than the --max-size limit of ${maxSize} bytes`);
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // A directory named where a file was expected, or an I/O error.
    throw new InputError('unreadable', `cannot be read (${code ?? (e as Error).message})`);
  } finally {
    await handle.close();
  }
}

const GZIP = [0x1f, 0x8b];

/** Undo gzip (bounded by maxSize, so a gzip bomb stops there) and decode UTF-8 or UTF-16 to text. */
export function decode(bytes: Buffer, maxSize: number): { text: string; wrappers: string[] } {
  const wrappers: string[] = [];
  let b = bytes;
  for (let i = 0; i < 3 && b[0] === GZIP[0] && b[1] === GZIP[1]; i++) {
    try {
      b = gunzipSync(b, { maxOutputLength: maxSize });
    } catch (e) {
      const msg = (e as Error).message;
      if (/maxOutputLength|Cannot create a Buffer larger/i.test(msg) || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError('too-large', `decompresses to more than the --max-size limit of ${maxSize} bytes`);
      }
      throw new InputError('malformed', `is gzip-compressed but cannot be decompressed: ${msg}`);
    }
    wrappers.push('gzip');
  }
  try {
    return { text: decodeText(b), wrappers };
  } catch (e) {
    // V8 strings stop at about 512 MiB (0x1fffffe8 characters): a limit set above that meets this first.
    if ((e as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' || e instanceof RangeError) {
      throw new InputError('too-large', `is too large to decode as text (${b.length} bytes); lower --max-size or split the document`);
    }
    throw e;
  }
}

function decodeText(b: Buffer): string {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  // UTF-16 without a byte-order mark: ASCII text leaves every other byte zero.
  if (b.length >= 4 && b[1] === 0 && b[3] === 0 && b[0] !== 0) return new TextDecoder('utf-16le').decode(b);
  if (b.length >= 4 && b[0] === 0 && b[2] === 0 && b[1] !== 0) return new TextDecoder('utf-16be').decode(b);
  return xmlDeclaredEncoding(b) ?? b.toString('utf8');
}

/** An XML declaration naming a legacy encoding (`encoding="ISO-8859-1"`): decode as declared. */
function xmlDeclaredEncoding(b: Buffer): string | undefined {
  if (b[0] !== 0x3c || b[1] !== 0x3f) return undefined;
  const decl = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(b.subarray(0, 200).toString('latin1'));
  const label = decl?.[1]?.toLowerCase();
  if (!label || label === 'utf-8' || label === 'utf8' || label.startsWith('utf-16')) return undefined;
  try {
    return new TextDecoder(label).decode(b);
  } catch {
    // An encoding Node does not know: read as UTF-8, as before.
    return undefined;
  }
}
