// Source line numbers for components, found in one linear pass over the text.

/** A `jsonKeyLines` lookup built on first use: most documents have no finding and never need a line. */
export function lazyKeyLines(text: string, key: string): (value: string) => number | undefined {
  let lines: Map<string, number> | undefined;
  return (value) => (lines ??= jsonKeyLines(text, key)).get(value);
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

const WS = new Set([' ', '\t', '\r', '\n']);

/**
 * The line of the first `"key": "value"` pair for each value, e.g. every `"bom-ref"`. A heuristic
 * (it does not track JSON structure), so it only ever adds a line number, never changes what is read.
 */
export function jsonKeyLines(text: string, key: string): Map<string, number> {
  const needle = JSON.stringify(key);
  const out = new Map<string, number>();
  let line = 1;
  // The next newline not yet counted: kept across hits so that a minified document stays O(n).
  let nl = text.indexOf('\n');
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
    while (nl !== -1 && nl < i) {
      line++;
      nl = text.indexOf('\n', nl + 1);
    }
    let j = i + needle.length;
    while (WS.has(text[j] ?? '')) j++;
    if (text[j] !== ':') continue;
    j++;
    while (WS.has(text[j] ?? '')) j++;
    if (text[j] !== '"') continue;
    const start = j;
    let escaped = false;
    for (j = start + 1; j < text.length; j++) {
      const ch = text[j];
      if (ch === '\\') {
        j++;
        escaped = true;
      } else if (ch === '"' || ch === '\n') break;
    }
    if (text[j] !== '"') continue;
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
