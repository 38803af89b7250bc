// Making SBOM-supplied text safe to show: no terminal escapes, no bidirectional overrides, no forged lines.

/**
 * C0/C1 controls (except tab), DEL, the Arabic letter mark, bidi marks, embeddings, overrides and isolates,
 * zero-width characters, line and paragraph separators, the BOM, interlinear annotations, and the invisible
 * tag characters (U+E0000-U+E007F, written as their UTF-16 surrogate pairs).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/** One line of plain text: escape sequences removed, controls and newlines shown as visible marks. */
export function plain(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, '').replace(/\r\n|\r|\n/g, ' ⏎ ').replace(UNSAFE, '�');
}

/** Shorten to at most n characters for a table cell. */
export function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`;
}

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return plain(s).replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/** Text inside Markdown: HTML-escaped and every Markdown metacharacter backslash-escaped, so nothing becomes a link, image or table cell. */
export function escapeMarkdown(s: string): string {
  // `@` too: on GitHub `@org/team` would notify people.
  return escapeHtml(s).replace(/[\\`*_{}[\]()#+\-.!|~@]/g, (c) => `\\${c}`);
}

/**
 * Text from an input (an SBOM, a rule pack, a file name) inside Markdown: a code span, the one construct in which no
 * renderer forms a link, an autolink (`www.`, `http:`, e-mail, bare or numeric hosts, full-width or ideographic dots),
 * a mention, an image or HTML. The fence is one backtick longer than any run inside; in a table cell `|` is escaped,
 * which GFM undoes inside code spans too.
 */
export function markdownCode(s: string, opts: { readonly cell?: boolean } = {}): string {
  let text = plain(s);
  if (text.trim() === '') return text === '' ? '' : '` `';
  // A backslash before a pipe would escape the escape and end the cell: a space keeps them apart.
  if (opts.cell) text = text.replace(/\\(?=\|)/g, '\\ ').replace(/\|/g, '\\|');
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  // A space on each side is stripped by the renderer; it keeps a backtick at either end from joining the fence.
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
