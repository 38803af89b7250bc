// The decoded text of an input with its JSON parsed at most once, shared by every detector.
import type { InputView } from './parser.js';
import { InputError } from './errors.js';

const TRAILING = /Unexpected non-whitespace character after JSON at position (\d+)/;
const POSITION = /at position (\d+)/;

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

export class TextInput implements InputView {
  readonly head: string;
  readonly warnings: string[] = [];
  readonly nested: boolean;
  private parsed: { value: unknown } | undefined;
  private failure: InputError | undefined;
  private textValue: string | undefined;
  private newline: number | undefined;
  /** Where the first JSON value ended when more text follows it; set by json(). */
  trailingAt: number | undefined;

  /**
   * `init.value` is an already parsed JSON value (an in-toto predicate): the text is then made from it
   * only if a parser asks. `init.nested` marks a document taken out of a wrapper.
   */
  constructor(
    readonly source: string,
    text: string | undefined,
    init: { value?: unknown; nested?: boolean } = {},
  ) {
    this.nested = init.nested ?? false;
    if ('value' in init) {
      this.parsed = { value: init.value };
      this.head = Array.isArray(init.value) ? '[' : typeof init.value === 'object' && init.value !== null ? '{' : '';
      this.textValue = text;
      return;
    }
    this.textValue = text ?? '';
    const m = /\S/.exec(this.textValue.length > 4096 ? this.textValue.slice(0, 4096) : this.textValue);
    this.head = m ? m[0] : '';
  }

  get text(): string {
    if (this.textValue === undefined) this.textValue = JSON.stringify(this.parsed?.value) ?? '';
    return this.textValue;
  }

  /** Where the first line ends (-1: one line). Asked by more than one reader; on minified JSON the answer costs a pass over the text. */
  get firstNewline(): number {
    this.newline ??= this.text.indexOf('\n');
    return this.newline;
  }

  json(): unknown {
    if (this.parsed) return this.parsed.value;
    if (this.failure || (this.head !== '{' && this.head !== '[')) return undefined;
    try {
      this.parsed = { value: JSON.parse(this.text) };
    } catch (e) {
      const msg = (e as Error).message;
      const trailing = TRAILING.exec(msg);
      if (trailing?.[1] !== undefined) {
        // A document followed by more text: more documents (JSON Lines, concatenated JSON, several gzip members),
        // read by the loader one by one, or junk, which is an error. Never the first document alone.
        this.trailingAt = Number(trailing[1]);
        const pos = lineColumn(this.text, this.trailingAt);
        this.failure = new InputError('malformed', `has ${this.text.length - this.trailingAt} characters of text after the JSON document (from line ${pos.line}, column ${pos.column}), which are not another JSON document`, pos);
        return undefined;
      }
      const p = POSITION.exec(msg);
      const position = p?.[1] !== undefined ? lineColumn(this.text, Number(p[1])) : undefined;
      const where = position ? ` at line ${position.line}, column ${position.column}` : '';
      this.failure = new InputError('malformed', `is not valid JSON${where}: ${msg.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`, position);
      return undefined;
    }
    return this.parsed.value;
  }

  /** Why json() returned undefined for text that looked like JSON. */
  jsonError(): InputError | undefined {
    this.json();
    return this.failure;
  }
}

/** One JSON value of a text that holds several, with the 1-based line it starts on. */
export interface JsonPart {
  readonly text: string;
  readonly value: unknown;
  readonly line: number;
}

/** More values than this in one file is not a file of SBOMs. */
const MAX_PARTS = 100_000;

/**
 * The JSON values of a text that holds more than one (JSON Lines, concatenated documents, several gzip members),
 * each parsed once. Undefined when the text is not that; an InputError when text that is not JSON follows a value.
 */
export function jsonValues(view: TextInput): JsonPart[] | InputError | undefined {
  if (view.trailingAt === undefined) return undefined;
  const text = view.text;
  const parts: JsonPart[] = [];
  let start = text.length - text.trimStart().length;
  let end = view.trailingAt;
  for (;;) {
    const slice = text.slice(start, end);
    parts.push({ text: slice, value: JSON.parse(slice), line: lineColumn(text, start).line });
    let next = end;
    while (next < text.length && /\s/.test(text.charAt(next))) next++;
    if (next >= text.length) return parts;
    const c = text.charAt(next);
    if ((c !== '{' && c !== '[') || parts.length >= MAX_PARTS) {
      const pos = lineColumn(text, next);
      return new InputError('malformed', `has ${text.length - next} characters of text after ${parts.length === 1 ? 'the JSON document' : `JSON document ${parts.length}`} (from line ${pos.line}, column ${pos.column}), which are not another JSON document`, pos);
    }
    start = next;
    const rest = text.slice(start);
    try {
      parts.push({ text: rest, value: JSON.parse(rest), line: lineColumn(text, start).line });
      return parts;
    } catch (e) {
      const msg = (e as Error).message;
      const at = TRAILING.exec(msg)?.[1];
      if (at === undefined) {
        const p = POSITION.exec(msg)?.[1];
        const pos = lineColumn(text, start + (p !== undefined ? Number(p) : 0));
        return new InputError('malformed', `holds JSON document ${parts.length + 1} (from line ${lineColumn(text, start).line}) that is not valid JSON at line ${pos.line}, column ${pos.column}: ${msg.replace(/\s*in JSON at position \d+.*$/, '')}`, pos);
      }
      end = start + Number(at);
    }
  }
}
