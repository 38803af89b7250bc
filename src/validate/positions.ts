// Where a JSON pointer lands in the source text: one linear pass over JSON, or the YAML node tree.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Escape one reference token for a JSON pointer (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Split a JSON pointer into its tokens (RFC 6901); the root "" has none. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const WS = new Set([' ', '\t', '\r', '\n']);

/**
 * The line and column of each wanted pointer in JSON text: for an object member the position of its
 * key, for an array element or the root the start of the value. One pass, no second parse; a pointer
 * that is not found (text that is not plain JSON) is left out. Duplicate keys: the last one wins, as in
 * JSON.parse.
 */
export function jsonPointerPositions(text: string, wanted: ReadonlySet<string>): Map<string, Position> {
  const out = new Map<string, Position>();
  if (wanted.size === 0) return out;
  // Only prefixes of wanted pointers need their children's pointers built.
  const prefixes = new Set<string>();
  for (const p of wanted) {
    const tokens = pointerTokens(p);
    let acc = '';
    prefixes.add(acc);
    for (const t of tokens) {
      acc += `/${pointerToken(t)}`;
      prefixes.add(acc);
    }
  }
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number): Position => ({ line, column: at - lineStart + 1 });
  const skipWs = (): void => {
    while (i < text.length && WS.has(text[i] ?? '')) {
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
      i++;
    }
  };
  const readString = (): string => {
    // At an opening quote; strings cannot hold raw newlines, so the line does not change.
    const start = i;
    i++;
    let escaped = false;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    i++;
    const raw = text.slice(start, i);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  };
  const skipScalar = (): void => {
    while (i < text.length && !WS.has(text[i] ?? '') && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
  };
  // An explicit stack instead of recursion: documents nest thousands of levels deep.
  interface Frame {
    kind: 'object' | 'array';
    pointer: string;
    /** Tracked: this container's children may be wanted. */
    tracked: boolean;
    index: number;
  }
  const stack: Frame[] = [];
  const visit = (pointer: string | undefined, at: number): void => {
    if (pointer !== undefined && wanted.has(pointer) && !out.has(pointer)) out.set(pointer, pos(at));
  };
  const openValue = (pointer: string | undefined): void => {
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      stack.push({ kind: ch === '{' ? 'object' : 'array', pointer: pointer ?? '', tracked: pointer !== undefined && prefixes.has(pointer), index: 0 });
      i++;
    } else if (ch === '"') readString();
    else skipScalar();
  };
  skipWs();
  visit('', i);
  openValue('');
  while (stack.length > 0 && i < text.length) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    skipWs();
    const ch = text[i];
    if (ch === ',') {
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      continue;
    }
    if (frame.kind === 'object') {
      if (ch !== '"') return out;
      const keyAt = i;
      const keyLine = line;
      const keyLineStart = lineStart;
      const key = readString();
      skipWs();
      if (text[i] !== ':') return out;
      i++;
      skipWs();
      const pointer = frame.tracked ? `${frame.pointer}/${pointerToken(key)}` : undefined;
      if (pointer !== undefined && wanted.has(pointer)) out.set(pointer, { line: keyLine, column: keyAt - keyLineStart + 1 });
      openValue(pointer);
    } else {
      const pointer = frame.tracked ? `${frame.pointer}/${frame.index}` : undefined;
      frame.index++;
      visit(pointer, i);
      openValue(pointer);
    }
  }
  return out;
}

/** The line and column of each wanted pointer in a YAML document (the key of a mapping entry, else the node). */
export function yamlPointerPositions(text: string, wanted: ReadonlySet<string>): Map<string, Position> {
  const out = new Map<string, Position>();
  if (wanted.size === 0) return out;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const pointer of wanted) {
    let node: unknown = doc.contents;
    let where: number | undefined = (node as Node | null)?.range?.[0];
    for (const token of pointerTokens(pointer)) {
      if (isMap(node)) {
        // The last entry with the key, as toJS() keeps it.
        const pair = [...node.items].reverse().find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === token);
        if (!pair) {
          node = undefined;
          break;
        }
        where = isScalar(pair.key) ? pair.key.range?.[0] : (pair.value as Node | null)?.range?.[0];
        node = pair.value;
      } else if (isSeq(node)) {
        const item: unknown = node.items[Number(token)];
        if (item === undefined) {
          node = undefined;
          break;
        }
        where = (item as Node | null)?.range?.[0];
        node = item;
      } else {
        node = undefined;
        break;
      }
    }
    if (node !== undefined && where !== undefined) out.set(pointer, at(where));
  }
  return out;
}
