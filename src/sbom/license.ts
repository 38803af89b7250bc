// Licence expressions: parsed with spdx-expression-parse, kept as text when they do not parse.
import parseSpdx from 'spdx-expression-parse';
import type { LicenseRef } from '../model/component.js';
import { isNoAssertion } from './untrusted.js';

type Ast = ReturnType<typeof parseSpdx>;

function collectIds(ast: Ast, out: string[]): void {
  if ('license' in ast) {
    out.push(ast.license);
    if (ast.exception) out.push(ast.exception);
    return;
  }
  collectIds(ast.left, out);
  collectIds(ast.right, out);
}

const cache = new Map<string, LicenseRef>();

/** Parse one expression; NOASSERTION/NONE yield nothing, bad syntax yields the text unparsed. */
export function parseLicense(text: string): LicenseRef | undefined {
  const t = text.trim();
  if (t === '' || isNoAssertion(t)) return undefined;
  const hit = cache.get(t);
  if (hit) return hit;
  let ref: LicenseRef;
  try {
    const ids: string[] = [];
    collectIds(parseSpdx(t), ids);
    ref = { text: t, ids, parsed: true };
  } catch {
    ref = { text: t, ids: [], parsed: false };
  }
  // Licence strings repeat heavily across a large SBOM; the cache is bounded to stay cheap.
  if (cache.size < 10_000) cache.set(t, ref);
  return ref;
}

/** A licence given by name only (CycloneDX license.name): kept as text, never parsed as an expression. */
export function namedLicense(name: string): LicenseRef {
  return { text: name.trim(), ids: [], parsed: false };
}
