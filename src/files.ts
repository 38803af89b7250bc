// Reading the files that configure a scan (rule packs, the policy): regular files only, never through a link that
// leaves their folder, and no error message that quotes what a file holds (it may be a private file linked in).
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** A configuration file that was not read; the message never quotes the file's content. */
export class FileAccessError extends Error {
  override readonly name = 'FileAccessError';
}

/** Whether `target` is `root` or lies under it (both real paths). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * The bytes of a regular file. `within` (a real path) is the folder the file must stay in once links are resolved:
 * a link leading out of it is refused, not followed. A named pipe, socket or device is refused before it is opened
 * (opening a pipe can wait forever); the file is opened without following a last-moment link and without blocking,
 * and checked again once open.
 */
export function readRegularFile(file: string, within?: { readonly dir: string; readonly label: string }): Buffer {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    throw new FileAccessError(code(e) === 'ENOENT' ? 'no such file (or a link to nothing)' : `cannot be read (${code(e)})`);
  }
  if (within && !isInside(within.dir, real)) throw new FileAccessError(`is a symbolic link leading out of ${within.label} (to ${real}); it is not followed`);
  let info: Stats;
  try {
    info = statSync(real);
  } catch (e) {
    throw new FileAccessError(`cannot be read (${code(e)})`);
  }
  if (!info.isFile()) throw new FileAccessError(`is ${kindOf(info)}, not a regular file; it is not opened`);
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK do not exist on Windows; there the checks above are all there is.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new FileAccessError(`cannot be read (${code(e)})`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new FileAccessError(`is ${kindOf(opened)}, not a regular file; it is not read`);
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof FileAccessError) throw e;
    throw new FileAccessError(`cannot be read (${code(e)})`);
  } finally {
    closeSync(fd);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Whether a prefix of a JSON text holds no error yet: it parses, or it only ends too soon. */
function soundPrefix(text: string, end: number): boolean {
  try {
    JSON.parse(text.slice(0, end));
    return true;
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    return /Unexpected end of JSON input/.test(message) || (at?.[1] !== undefined && Number(at[1]) >= end);
  }
}

/**
 * Why JSON.parse refused a text, and where, without quoting it: V8's message can carry the text's first characters.
 * Where V8 gives no position, the longest sound prefix is found by bisection (a handful of parses).
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const at = /at position (\d+)/.exec(message);
  let offset = at?.[1] !== undefined ? Number(at[1]) : undefined;
  if (offset === undefined && !/Unexpected end of JSON input/.test(message)) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (soundPrefix(text, mid)) lo = mid;
      else hi = mid - 1;
    }
    offset = lo;
  }
  const what = /Unexpected end of JSON input/.test(message)
    ? 'the text ends before the JSON value does'
    : /after JSON/.test(message)
      ? 'more text follows the JSON value'
      : /control character/.test(message)
        ? 'a control character inside a string'
        : /property name/.test(message)
          ? 'a double-quoted property name was expected'
          : /Unterminated string/.test(message)
            ? 'a string is not closed'
            : 'an unexpected character';
  return `is not valid JSON${offset !== undefined ? ` at ${lineColumn(text, offset)}` : ''}: ${what}`;
}
