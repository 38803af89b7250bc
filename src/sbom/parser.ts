// The parser contract: a cheap detect() on the decoded text, then parse() into the normalized model.
import type { SbomDocument, SbomFormat } from '../model/document.js';
import type { ReadContext } from '../inventory/types.js';

/** What a reader of several documents in one input (an inventory of many hosts) returns. */
export interface MultiDocument {
  readonly documents: readonly SbomDocument[];
  /** Rows that could not be read, each with its line (and host): the input is then an error, after the rest is scanned. */
  readonly errors: readonly string[];
}

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
  detect(input: InputView, context?: ReadContext): Detection | undefined;
  /** Full read; throws InputError for a document it recognized but cannot read. */
  parse(input: InputView, detection: Detection, context?: ReadContext): SbomDocument;
  /** Set by readers whose inputs hold several documents: every one of them, and the rows that could not be read. */
  parseAll?(input: InputView, detection: Detection, context?: ReadContext): MultiDocument;
}
