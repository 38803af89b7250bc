// What validating one document against its official schema yields: a value, never an exception.
import type { InputErrorCode } from '../sbom/errors.js';
import type { SbomFormat } from '../model/document.js';

/**
 * `valid`: the schema accepts the document; `invalid`: it does not (see `errors`); `unchecked`: the
 * format has no schema ictscan checks against (see `notes`); `error`: the input could not be read, is no
 * SBOM, or could not be checked (see `error`); `skipped`: a file found by walking a directory that is no
 * SBOM.
 */
export type ValidationStatus = 'valid' | 'invalid' | 'unchecked' | 'error' | 'skipped';

/** One place where a document breaks its schema. */
export interface SchemaIssue {
  /** JSON pointer (RFC 6901) to the offending value, for JSON and YAML documents. */
  readonly pointer?: string;
  /** 1-based line in the file, when known (not for a document taken out of a wrapper). */
  readonly line?: number;
  readonly column?: number;
  /** What is wrong, e.g. `must be one of: MD5, SHA-1, …`. */
  readonly message: string;
  /** The offending value, as JSON text and truncated, when there is one. */
  readonly value?: string;
}

export type ValidationErrorCode =
  | InputErrorCode
  /** The validator itself failed (a schema that does not compile, libxml2 that cannot load). */
  | 'validator';

export interface ValidationResult {
  readonly source: string;
  readonly status: ValidationStatus;
  readonly format?: SbomFormat;
  readonly specVersion?: string;
  /** What the document was checked against, e.g. `CycloneDX 1.6 JSON schema (@cyclonedx/cyclonedx-library)`. */
  readonly schema?: string;
  readonly errors: readonly SchemaIssue[];
  /** Errors found but not listed (a document can break its schema thousands of times). */
  readonly omitted: number;
  /** Things to know that are not schema errors: no schema for this format, checked against a nearby version. */
  readonly notes: readonly string[];
  /** Wrappers peeled off to reach the document (gzip, dsse, in-toto). */
  readonly wrappers: readonly string[];
  readonly error?: { readonly code: ValidationErrorCode; readonly message: string };
}

/** What an XSD check found: the first issues, and how many more it counted without keeping them. */
export interface XsdOutcome {
  readonly issues: readonly SchemaIssue[];
  readonly omitted: number;
}

/**
 * Checks XML text against an XSD file, keeping at most `maxIssues` issues; throws XmlSyntaxError for XML that
 * is not well-formed and ValidatorError when the check cannot run. Injected so tests and callers can swap it.
 */
export type XsdCheck = (xml: string, xsdPath: string, maxIssues: number) => Promise<XsdOutcome>;

/** The validator could not run (broken schema, libxml2 failed): the document is neither valid nor invalid. */
export class ValidatorError extends Error {
  override readonly name = 'ValidatorError';
}

/** A document the XML parser could not read at all: not a schema question. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}
