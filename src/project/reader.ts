// The contract of a project-file reader: which files it claims (by name), and how it reads one into a document.
import type { ProjectFormat, SbomDocument } from '../model/document.js';
import { InputError } from '../sbom/errors.js';

/** Where a file was found: readers that follow a file's references to others (requirements includes) stay inside `root`. */
export interface ReadContext {
  /** The scanned folder, or the file given by name; absent: the file's own folder. */
  readonly root?: string;
  readonly maxSize?: number;
}

export interface ProjectReader {
  readonly format: ProjectFormat;
  /** What it reads, for messages and the README: "npm package-lock.json v1-v3". */
  readonly description: string;
  /** Whether a file of this name (the last path segment) is one this reader reads. */
  claims(basename: string): boolean;
  /** Whether the file it claims is for it here (package.json is not read where a lockfile records it); default yes. */
  applies?(source: string): boolean;
  /** A file of this kind that lists nothing is not a manifest (a package.json of a tool's folder, say): plain. */
  readonly emptyIsPlain?: boolean;
  /** Full read; throws InputError (code `malformed`, with the line) for a file it cannot read. */
  read(source: string, text: string, context?: ReadContext): SbomDocument;
}

/** A syntax or structure error at a line of a project file: the message names the line. */
export function malformedAt(line: number | undefined, message: string): InputError {
  return new InputError('malformed', line !== undefined ? `line ${line}: ${message}` : message, line !== undefined ? { line } : undefined);
}
