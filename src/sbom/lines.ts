// Source line numbers for components, found in one linear pass over the text.

/**
 * The line of the `"key": "value"` pair for one value, found on demand: only components with findings need a
 * line, so each lookup searches for that value alone (and remembers it) instead of indexing every key up front.
 */
export function lazyKeyLines(text: string, key: string): (value: string) => number | undefined {
  const keyNeedle = JSON.stringify(key);
  const cache = new Map<string, number | undefined>();
  let lineOf: ((offset: number) => number) | undefined;
  return (value) => {
    if (cache.has(value)) return cache.get(value);
    const needle = JSON.stringify(value);
    let found: number | undefined;
    for (let i = text.indexOf(needle); i !== -1 && found === undefined; i = text.indexOf(needle, i + needle.length)) {
      let j = i - 1;
      while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
      if (text.charCodeAt(j) !== 58 /* : */) continue;
      j--;
      while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
      if (j + 1 >= keyNeedle.length && text.startsWith(keyNeedle, j + 1 - keyNeedle.length)) found = i;
    }
    const line = found === undefined ? undefined : (lineOf ??= lineIndex(text))(found);
    cache.set(value, line);
    return line;
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

/**
 * The line of the first `"key": "value"` pair for each value, e.g. every `"bom-ref"`. A heuristic
 * (it does not track JSON structure), so it only ever adds a line number, never changes what is read.
 * Characters are read with charCodeAt: indexing a string that JSON.parse has seen (`text[j]`) was seen
 * to fall off V8's fast path on a 40 MB document and take minutes.
 */
export function jsonKeyLines(text: string, key: string): Map<string, number> {
  const needle = JSON.stringify(key);
  const out = new Map<string, number>();
  const length = text.length;
  let line = 1;
  // The next newline not yet counted: kept across hits so that a minified document stays O(n).
  let nl = text.indexOf('\n');
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
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
    let value = text.slice(start + 1, j);
    if (escaped) {
      try {
        value = JSON.parse(text.slice(start, j + 1)) as string;
      } catch {
        continue;
      }
    }
    if (!out.has(value)) out.set(value, line);
  }
  return out;
}
