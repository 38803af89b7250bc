// Source line numbers for components, found in one linear pass over the text.

/**
 * The text with every lone CR (classic Mac OS line ends) made an LF, so that LF, CRLF and CR files read alike.
 * One character for one: offsets and line numbers stay as they were. Text without a CR is returned as it is.
 */
export function lfLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * The line of the first `"key": "value"` pair for one value, found on demand: only components with findings need a
 * line. The value is first looked for as written plainly (`"value"` right after the key), from where the last one
 * was found: a native search, as values are asked for in document order. A value written with other escapes falls
 * back to one forward scan over the key's occurrences, paused at the value asked for and resumed for the next
 * value not seen yet, so the text is read at most once that way too.
 */
export function lazyKeyLines(text: string, key: string, firstNewline = text.indexOf('\n')): (value: string) => number | undefined {
  let nl = firstNewline;
  // Minified JSON is one line: every component is on it, and the text need not be searched at all.
  if (nl === -1 || nl === text.length - 1) return () => 1;
  const needle = JSON.stringify(key);
  const length = text.length;
  const seen = new Map<string, number>();
  let line = 1;
  let next = text.indexOf(needle);
  // The plain search: where it last found a value, and that offset's line, to count lines on from there.
  let cursor = 0;
  let counted = 0;
  let countedLine = 1;
  const lineAt = (offset: number): number => {
    if (offset < counted) {
      counted = 0;
      countedLine = 1;
    }
    for (let k = text.indexOf('\n', counted); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) countedLine++;
    counted = offset;
    return countedLine;
  };
  // Whether a quoted value at `at` follows the key and a colon (blanks around it allowed).
  const afterKey = (at: number): boolean => {
    let j = at - 1;
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    if (text.charCodeAt(j) !== 58 /* : */) return false;
    j--;
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    return text.startsWith(needle, j + 1 - needle.length);
  };
  const plain = (value: string): number | undefined => {
    const quoted = JSON.stringify(value);
    for (const [from, to] of [[cursor, length], [0, cursor + quoted.length]] as const) {
      for (let at = text.indexOf(quoted, from); at !== -1 && at < to; at = text.indexOf(quoted, at + 1)) {
        if (!afterKey(at)) continue;
        cursor = at + quoted.length;
        return lineAt(at);
      }
    }
    return undefined;
  };
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    const direct = plain(value);
    if (direct !== undefined) {
      seen.set(value, direct);
      return direct;
    }
    for (; next !== -1; next = text.indexOf(needle, next + needle.length)) {
      const i = next;
      while (nl !== -1 && nl < i) {
        line++;
        nl = text.indexOf('\n', nl + 1);
      }
      let j = i + needle.length;
      while (j < length && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 58 /* : */) continue;
      j++;
      while (j < length && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 34 /* " */) continue;
      const start = j;
      let escaped = false;
      for (j = start + 1; j < length; j++) {
        const ch = text.charCodeAt(j);
        if (ch === 92 /* \ */) {
          j++;
          escaped = true;
        } else if (ch === 34 || ch === 10) break;
      }
      if (text.charCodeAt(j) !== 34) continue;
      let found = text.slice(start + 1, j);
      if (escaped) {
        try {
          found = JSON.parse(text.slice(start, j + 1)) as string;
        } catch {
          continue;
        }
      }
      // The value's line: a newline between the key and its value moves it on.
      let at = line;
      for (let k = nl; k !== -1 && k < start; k = text.indexOf('\n', k + 1)) at++;
      if (seen.has(found)) continue;
      seen.set(found, at);
      if (found === value) {
        next = text.indexOf(needle, j + 1);
        return at;
      }
    }
    return undefined;
  };
}

/** Maps character offsets to 1-based lines; built once, then O(log n) per lookup. */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i);
  return (offset) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] ?? Infinity) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}
