// Line numbers of offsets in a text, by binary search over the newline offsets (built once per file).

export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  /** 1-based line of a 0-based offset. */
  lineAt(offset: number): number {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  // LF, CRLF and a lone CR each end a line.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The lines of a text, whatever its line endings. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * The line of the first `"key":` at or after `from`, found on demand (JSON lockfiles: only flagged components need
 * it). Returns the offset too, so that the next key of the same entry can be searched from there.
 */
export function jsonKeyOffset(text: string, key: string, from = 0): number {
  const needle = JSON.stringify(key);
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, at + 1)) {
    let j = at + needle.length;
    while (j < text.length && /\s/.test(text[j] as string)) j++;
    if (text[j] === ':') return at;
  }
  return -1;
}

/**
 * The offset of the first `"key": {` at or after `from`: an entry of a map of objects, not the same name given as a
 * dependency (`"key": "1.0.0"`). Readers walk entries in file order and pass the last offset, so a file is searched once.
 */
export function jsonEntryOffset(text: string, key: string, from = 0): number {
  const needle = JSON.stringify(key);
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, at + 1)) {
    let j = at + needle.length;
    while (j < text.length && isJsonSpace(text.charCodeAt(j))) j++;
    if (text[j] !== ':') continue;
    j++;
    while (j < text.length && isJsonSpace(text.charCodeAt(j))) j++;
    if (text[j] === '{') return at;
  }
  return -1;
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The line and column of a JSON.parse error, from its message (V8 names the position). */
export function jsonErrorLine(text: string, error: Error): number | undefined {
  const m = /position (\d+)/.exec(error.message) ?? /line (\d+)/.exec(error.message);
  if (!m) return undefined;
  if (error.message.includes('position')) return new LineIndex(text).lineAt(Number(m[1]));
  return Number(m[1]);
}
