// The contract of an inventory reader, and small helpers the readers share.
import type { InventoryFormat } from '../model/document.js';
import type { Detection, InputView } from '../sbom/parser.js';
import type { InventoryRead, ReadContext } from './types.js';

export interface InventoryReader {
  readonly format: InventoryFormat;
  /** What it reads, for messages. */
  readonly description: string;
  /** Cheap: recognizes the content (never the file name alone). */
  detect(input: InputView, context: ReadContext): Detection | undefined;
  read(input: InputView, detection: Detection, context: ReadContext): InventoryRead;
}

/** Lines of a text written on any system: LF, CRLF and lone CR alike. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The first `n` non-blank lines, without reading the whole text. */
export function headLines(text: string, n: number, limit = 16384): string[] {
  // Line by line up to the n-th non-blank one: every file of a walked tree is asked, most of them source files.
  const head = text.length > limit ? text.slice(0, limit) : text;
  const out: string[] = [];
  for (let at = 0; at <= head.length && out.length < n; ) {
    let end = at;
    while (end < head.length && head.charCodeAt(end) !== 10 && head.charCodeAt(end) !== 13) end++;
    const line = head.slice(at, end);
    if (line.trim() !== '') out.push(line);
    if (end >= head.length) break;
    at = end + (head.charCodeAt(end) === 13 && head.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out;
}

/** A JSON field as text: strings as they are, numbers written out, anything else absent. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The array of objects a PowerShell ConvertTo-Json or an osqueryi --json wrote (one object is written bare). */
export function jsonRows(value: unknown): Record<string, unknown>[] | undefined {
  if (Array.isArray(value)) return value.every(isObject) && value.length > 0 ? value : undefined;
  if (isObject(value)) return [value];
  return undefined;
}

/** "Name <mail@host>" as name and e-mail. */
export function nameAndEmail(s: string | undefined): { name?: string; email?: string } {
  if (s === undefined) return {};
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(s);
  if (!m) return { name: s };
  return { ...(m[1] ? { name: m[1] } : {}), ...(m[2] ? { email: m[2] } : {}) };
}

/** The organisation (O=) of an X.509 subject or issuer written as `CN=..., O=..., C=..` or `/CN=../O=..`. */
export function subjectOrganisation(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  const m = /(?:^|[,/]\s*)O\s*=\s*("(?:[^"]|"")*"|[^,/]+)/.exec(subject);
  return m?.[1]?.replace(/^"|"$/g, '').replace(/""/g, '"').trim();
}

/** The last segment of a Windows or POSIX path. */
export function baseName(p: string): string {
  const parts = p.replace(/^"|"$/g, '').split(/[\\/]/);
  return parts.at(-1) ?? p;
}
