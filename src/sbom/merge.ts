// Several documents of one file made one: every component of each is kept and matched, none is dropped.
import type { Component } from '../model/component.js';
import type { SbomDocument } from '../model/document.js';
import { makeComponent } from './builder.js';

/** A component under another ref, built whole (a lazily read component keeps its ref on itself). */
function renamed(c: Component, ref: string, rename: (r: string) => string): Component {
  const whole = makeComponent(c);
  return { ...whole, ref, ...(c.parentRef !== undefined && { parentRef: rename(c.parentRef) }) };
}

/**
 * The documents of one file as one document: the first one's format, version and subject; every later document's
 * components, services and elements added, and its subject kept as an element. A ref an earlier document already
 * used is renamed `ref (document N)` in that document, edges included, so that the graphs do not run together.
 */
export function mergeDocuments(parts: readonly { line: number; document: SbomDocument }[]): SbomDocument {
  const first = parts[0]?.document;
  if (!first || parts.length === 1) return first as SbomDocument;
  const used = new Set<string>();
  const components: Component[] = [];
  const services: Component[] = [];
  const elements: Component[] = [];
  const edges = new Map<string, string[]>();
  const warnings: string[] = [];
  const wrappers = new Set<string>();
  const formats = new Set<string>();
  parts.forEach(({ line, document: doc }, index) => {
    formats.add(`${doc.format} ${doc.specVersion}`);
    const refsOf = [...doc.components, ...doc.services, ...(doc.elements ?? []), ...(doc.root ? [doc.root] : [])].map((c) => c.ref);
    const clash = new Set(index === 0 ? [] : refsOf.filter((r) => used.has(r)));
    for (const r of refsOf) used.add(r);
    for (const [from] of doc.edges) used.add(from);
    const rename = (r: string): string => (clash.has(r) ? `${r} (document ${index + 1})` : r);
    const take = (list: readonly Component[], into: Component[]): void => {
      for (const c of list) into.push(clash.size > 0 && (clash.has(c.ref) || (c.parentRef !== undefined && clash.has(c.parentRef))) ? renamed(c, rename(c.ref), rename) : c);
    };
    take(doc.components, components);
    take(doc.services, services);
    take(doc.elements ?? [], elements);
    // A later document's subject is software of the file too: matched as an element, not lost.
    if (index > 0 && doc.root && !doc.components.some((c) => c.ref === doc.root?.ref)) take([doc.root], elements);
    for (const [from, tos] of doc.edges) {
      const key = rename(from);
      const list = edges.get(key) ?? [];
      for (const to of tos) list.push(rename(to));
      edges.set(key, list);
    }
    // Each later document's subject hangs off the first one's, so that its components are placed in the graph.
    if (index > 0 && doc.rootRef !== undefined && first.rootRef !== undefined) {
      const list = edges.get(first.rootRef) ?? [];
      list.push(rename(doc.rootRef));
      edges.set(first.rootRef, list);
    }
    for (const w of doc.warnings) warnings.push(`document on line ${line}: ${w}`);
    for (const w of doc.wrappers ?? []) wrappers.add(w);
  });
  if (formats.size > 1) warnings.unshift(`the documents are of different formats (${[...formats].join(', ')}); all were read`);
  return {
    format: first.format,
    specVersion: first.specVersion,
    ...(first.rootRef !== undefined && { rootRef: first.rootRef }),
    ...(first.root && { root: first.root }),
    components,
    services,
    ...(elements.length > 0 && { elements }),
    edges,
    warnings,
    ...(wrappers.size > 0 && { wrappers: [...wrappers] }),
  };
}
