// Errors a reader or parser reports for one input; the batch goes on.

export type InputErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  | 'not-an-sbom'
  | 'malformed'
  | 'unsupported-version'
  | 'unsafe'
  | 'signature'
  /** Deliberately not read (an archive, a link leading out of the scanned directory): what it holds was not scanned. */
  | 'not-read';

/**
 * Line breaks, controls, bidirectional and invisible format characters. A message quotes SBOM text (a namespace,
 * a key, the first line) and may be printed as is (stderr); the reporters sanitize again (report/sanitize.ts).
 */
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A problem with one input file: named, with a stable code and (where known) a position. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly position?: { line?: number; column?: number },
  ) {
    super(message.replace(INVISIBLE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`));
  }
}
