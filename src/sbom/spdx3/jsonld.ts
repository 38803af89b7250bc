// SPDX 3.0 JSON-LD (`@context` from spdx.org/rdf/3.x, elements in `@graph`).
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { arr, obj, str } from '../untrusted.js';
import { normalizeSpdx3, typeOf } from './normalize.js';

const CONTEXT = /spdx\.org\/rdf\/(3\.\d+(?:\.\d+)?)\//;
const KNOWN = /^3\.0(\.\d+)?$/;

/** How far into an inline context object the version is looked for: real ones name it at the top. */
const CONTEXT_DEPTH = 4;

/** The context may be a URL, a list of URLs and objects, or an inline object (its values are searched, not serialized: it may nest without end). */
function contextVersion(ctx: unknown, depth = 0): string | undefined {
  if (typeof ctx === 'string') return CONTEXT.exec(ctx)?.[1];
  if (depth >= CONTEXT_DEPTH || typeof ctx !== 'object' || ctx === null) return undefined;
  for (const c of Array.isArray(ctx) ? ctx : Object.values(ctx)) {
    const v = contextVersion(c, depth + 1);
    if (v) return v;
  }
  return undefined;
}

export const spdx3JsonLd: SbomParser = {
  format: 'spdx3-jsonld',
  description: 'SPDX 3.0 JSON-LD',
  detect(input) {
    if (input.head !== '{') return undefined;
    const doc = obj(input.json());
    if (!doc || !('@context' in doc)) return undefined;
    const version = contextVersion(doc['@context']);
    return version ? { specVersion: version } : undefined;
  },
  parse(input, detection) {
    const doc = obj(input.json());
    if (!doc) throw new InputError('malformed', 'not a JSON object');
    // A document without @graph is a single element.
    const elements = '@graph' in doc ? arr(doc['@graph']) : [doc];
    const creation = elements.map(obj).find((e) => e && typeOf(e) === 'CreationInfo');
    const stated = creation ? str(creation['specVersion']) : undefined;
    const specVersion = stated ?? detection.specVersion;
    if (!specVersion.startsWith('3.')) throw new InputError('unsupported-version', `SPDX ${specVersion} in JSON-LD is not supported (SPDX 3.0 expected)`);
    const result = normalizeSpdx3(elements, specVersion);
    const warnings = [...result.warnings];
    if (!KNOWN.test(specVersion)) warnings.unshift(`SPDX ${specVersion} is read as SPDX 3.0`);
    return { ...result, warnings };
  },
};
