// Errors a reader or parser reports for one input; the batch goes on.

export type InputErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  | 'not-an-sbom'
  | 'malformed'
  | 'unsupported-version'
  | 'unsafe'
  | 'signature';

/** A problem with one input file: named, with a stable code and (where known) a position. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly position?: { line?: number; column?: number },
  ) {
    super(message);
  }
}
