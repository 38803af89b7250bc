// The parser contract: a cheap detect() on the decoded text, then parse() into the normalized model.
import type { SbomDocument, SbomFormat } from '../model/document.js';

/** One decoded input, with lazily parsed syntax trees shared by every detector. */
export interface InputView {
  readonly source: string;
  readonly text: string;
  /** The first non-blank character, for cheap dispatch. */
  readonly head: string;
  /** JSON.parse of the text; undefined when the text is not JSON. Parsed once, on first use. */
  json(): unknown;
  /** The offset of the first newline in the text, -1 when it is one line; found once and shared by the readers that ask. */
  readonly firstNewline: number;
  /** True for a document taken out of a wrapper (DSSE, in-toto): its line numbers are not the file's. */
  readonly nested: boolean;
}

export interface Detection {
  readonly specVersion: string;
}

export interface SbomParser {
  readonly format: SbomFormat;
  /** What it reads, for messages: "CycloneDX JSON 1.2-1.7". */
  readonly description: string;
  /** Cheap: recognizes the document and its spec version, or returns undefined. */
  detect(input: InputView): Detection | undefined;
  /** Full read; throws InputError for a document it recognized but cannot read. */
  parse(input: InputView, detection: Detection): SbomDocument;
}
