// The contract of a project-file reader: which files it claims (by name), and how it reads one into a document.
import type { ProjectFormat, SbomDocument } from '../model/document.js';
import { InputError } from '../sbom/errors.js';

export interface ProjectReader {
  readonly format: ProjectFormat;
  /** What it reads, for messages and the README: "npm package-lock.json v1-v3". */
  readonly description: string;
  /** Whether a file of this name (the last path segment) is one this reader reads. */
  claims(basename: string): boolean;
  /** Full read; throws InputError (code `malformed`, with the line) for a file it cannot read. */
  read(source: string, text: string): SbomDocument;
}

/** A syntax or structure error at a line of a project file: the message names the line. */
export function malformedAt(line: number | undefined, message: string): InputError {
  return new InputError('malformed', line !== undefined ? `line ${line}: ${message}` : message, line !== undefined ? { line } : undefined);
}
