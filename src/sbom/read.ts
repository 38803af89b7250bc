// Reading inputs: files, directory trees and standard input, decompressed and decoded to text.
import { gunzipSync } from 'node:zlib';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../files.js';
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

/** An entry found while walking a directory that is not read, and why; it is listed in every report. */
export interface SkippedEntry {
  readonly source: string;
  readonly reason: string;
}

/** The user's inputs expanded: files to read, inputs that could not be read (each fails the gate), and entries skipped by design. */
export interface ExpandedInputs {
  readonly files: RawInput[];
  readonly errors: { source: string; error: InputError }[];
  readonly skipped: SkippedEntry[];
  /** The inputs that are directories (a directory that yields no SBOM is itself an error: see scan()). */
  readonly directories: string[];
}

/**
 * Expand the user's inputs into files, walking directories recursively in a stable order. A named input is read
 * whatever it is (a named pipe too: `<(syft …)`); inside a directory only regular files are read. Symbolic links
 * are followed while their target stays inside the directory named on the command line, and each directory is
 * walked once (by device and inode), so a link loop ends. Anything else is listed: as an error when it could hold
 * an SBOM that was not read (an unreadable directory, a link leaving the tree), as skipped otherwise.
 */
export async function expandInputs(inputs: readonly string[]): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], errors: [], skipped: [], directories: [] };
  for (const input of inputs) {
    if (input === '-') {
      out.files.push({ source: '-', walked: false });
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.errors.push({ source: input, error: code === 'ENOENT' || code === 'ENOTDIR' ? new InputError('not-found', 'no such file or directory') : new InputError('unreadable', `cannot be read (${code ?? 'error'})`) });
      continue;
    }
    if (!info.isDirectory()) {
      out.files.push({ source: input, walked: false });
      continue;
    }
    out.directories.push(input);
    let root: string;
    try {
      root = await realpath(input);
    } catch (e) {
      out.errors.push({ source: input, error: new InputError('unreadable', `directory cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`) });
      continue;
    }
    walk(input, info, root, new Set(), out);
  }
  return out;
}

/** Why a directory entry that is neither a file, a directory nor a link is not opened. */
function specialKind(e: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string {
  if (e.isFIFO()) return 'a named pipe (FIFO): not opened, since reading one can wait forever';
  if (e.isSocket()) return 'a socket: not a file, not opened';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'a device: not opened';
  return 'not a regular file: not opened';
}

// Synchronous: a tree of thousands of folders is listed several times faster without a round trip per folder.
function walk(dir: string, info: { dev: number; ino: number }, root: string, seen: Set<string>, out: ExpandedInputs): void {
  seen.add(`${info.dev}:${info.ino}`);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    out.errors.push({ source: dir, error: new InputError('unreadable', `directory cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); its files were not scanned`) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.name.startsWith('.') || e.name === 'node_modules') {
      out.skipped.push({ source: p, reason: `${e.name.startsWith('.') ? 'hidden' : 'node_modules'}: not entered` });
      continue;
    }
    if (e.isFile()) {
      out.files.push({ source: p, walked: true });
      continue;
    }
    let target = p;
    if (e.isSymbolicLink()) {
      try {
        target = realpathSync(p);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') out.skipped.push({ source: p, reason: 'a broken symbolic link: its target does not exist' });
        else if (code === 'ELOOP') out.skipped.push({ source: p, reason: 'a symbolic link loop: it leads to no file' });
        else out.errors.push({ source: p, error: new InputError('unreadable', `symbolic link cannot be followed (${code ?? 'error'})`) });
        continue;
      }
      if (!isInside(root, target)) {
        out.errors.push({ source: p, error: new InputError('not-read', `is a symbolic link leading out of the scanned directory (to ${target}); it is not followed, so what it leads to was not scanned: name that path on the command line to scan it`) });
        continue;
      }
    }
    if (!e.isSymbolicLink() && !e.isDirectory()) {
      out.skipped.push({ source: p, reason: specialKind(e) });
      continue;
    }
    let found;
    try {
      found = statSync(target);
    } catch (err) {
      out.errors.push({ source: p, error: new InputError('unreadable', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`) });
      continue;
    }
    if (found.isFile()) out.files.push({ source: p, walked: true });
    else if (!found.isDirectory()) out.skipped.push({ source: p, reason: specialKind(found) });
    else if (seen.has(`${found.dev}:${found.ino}`)) out.skipped.push({ source: p, reason: 'a directory already scanned (reached again through a link or a mount): not walked again' });
    else walk(p, found, root, seen, out);
  }
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
  const archive = archiveKind(b);
  if (archive) {
    throw new InputError('not-read', `is ${archive}${wrappers.length > 0 ? ' (inside gzip)' : ''}; ictscan does not open archives, so an SBOM inside it was not scanned: extract it and scan the extracted files`);
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

const ZIP = 'a zip archive (zip, jar, war, whl, nupkg, apk, docx…)';

/** Signatures of containers that can hold an SBOM but that ictscan does not open (gzip alone is read): byte runs at offsets. */
const ARCHIVES: readonly { readonly name: string; readonly parts: readonly (readonly [number, readonly number[]])[] }[] = [
  { name: ZIP, parts: [[0, [0x50, 0x4b, 0x03, 0x04]]] },
  { name: ZIP, parts: [[0, [0x50, 0x4b, 0x05, 0x06]]] },
  { name: ZIP, parts: [[0, [0x50, 0x4b, 0x07, 0x08]]] },
  // POSIX and GNU tar: "ustar" and NUL, or "ustar  " and NUL, at offset 257 of the first header.
  { name: 'a tar archive', parts: [[257, [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]]] },
  { name: 'a tar archive', parts: [[257, [0x75, 0x73, 0x74, 0x61, 0x72, 0x20, 0x20, 0x00]]] },
  { name: 'a 7-Zip archive', parts: [[0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]]] },
  { name: 'a RAR archive', parts: [[0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]]] },
  { name: 'xz-compressed data', parts: [[0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]]] },
  // "BZh", a block-size digit, then the block magic (pi in BCD): text starting "BZh" is not taken for bzip2.
  { name: 'bzip2-compressed data', parts: [[0, [0x42, 0x5a, 0x68]], [4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]]] },
  { name: 'zstd-compressed data', parts: [[0, [0x28, 0xb5, 0x2f, 0xfd]]] },
  { name: 'LZ4-compressed data', parts: [[0, [0x04, 0x22, 0x4d, 0x18]]] },
  { name: 'Unix compress data (.Z)', parts: [[0, [0x1f, 0x9d]]] },
  { name: 'an ar archive (deb)', parts: [[0, [0x21, 0x3c, 0x61, 0x72, 0x63, 0x68, 0x3e, 0x0a]]] },
  { name: 'an RPM package', parts: [[0, [0xed, 0xab, 0xee, 0xdb]]] },
  { name: 'a Microsoft cabinet', parts: [[0, [0x4d, 0x53, 0x43, 0x46, 0x00, 0x00, 0x00, 0x00]]] },
  { name: 'an OLE compound file (msi)', parts: [[0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]] },
];

/** What kind of archive the bytes are, or undefined. */
export function archiveKind(b: Buffer): string | undefined {
  const at = (offset: number, bytes: readonly number[]) => b.length >= offset + bytes.length && bytes.every((byte, i) => b[offset + i] === byte);
  return ARCHIVES.find((a) => a.parts.every(([offset, bytes]) => at(offset, bytes)))?.name;
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
