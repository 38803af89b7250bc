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
        // A document followed by junk (a scraped page, a log line): read the document, say what was dropped.
        const at = Number(trailing[1]);
        try {
          this.parsed = { value: JSON.parse(this.text.slice(0, at)) };
          const pos = lineColumn(this.text, at);
          this.warnings.push(`ignored ${this.text.length - at} characters of non-JSON text after the document (from line ${pos.line}, column ${pos.column})`);
          return this.parsed.value;
        } catch {
          // fall through to the original error
        }
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
