// Markdown as readers see it: rendered by two independent parsers, GFM (micromark) and markdown-it with every
// linkify option on (bare hosts, numeric hosts, e-mail), so that a test sees the links a renderer would make.
import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

const linkifying = new MarkdownIt({ html: true, linkify: true });
linkifying.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });

/** The HTML of each renderer, by name. */
export function renderMarkdown(markdown: string): Record<'gfm' | 'markdown-it', string> {
  return {
    gfm: micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
    'markdown-it': linkifying.render(markdown),
  };
}

/** Elements a renderer made that could carry a reader away or run code: links, images, raw HTML. */
export function activeElements(html: string): string[] {
  return [...html.matchAll(/<(a|img|script|iframe|svg|object|embed|form|input|video|audio|source|link|meta|style|b|i|u|s|div|span)\b[^>]*>/gi)].map((m) => m[0]);
}
