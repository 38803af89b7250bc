// SPDX 2.x YAML: the same keys as SPDX JSON, read with safe YAML settings and normalized like JSON.
import type * as Yaml from 'yaml';
import type { ScalarTag, Tags } from 'yaml';
import type { SbomParser } from '../parser.js';
import { lazyRequire } from '../../lazy-require.js';
import { InputError } from '../errors.js';
import { lfLineEnds } from '../lines.js';
import { arr, obj, type Obj } from '../untrusted.js';
import { normalizeSpdx, versionWarning, detectSpdxText, requireSpdx2 } from './normalize.js';

const VERSION_KEY = /^(?:spdxVersion|"spdxVersion"|'spdxVersion')[ \t]*:[ \t]*["']?([^"'\s#]*)/m;
const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

const yaml = lazyRequire<typeof Yaml>('yaml');

/** Numbers stay text: `versionInfo: 1.10` must not become 1.1. */
function numbersAsText(tags: Tags): Tags {
  return tags.map((t): Tags[number] => {
    if (typeof t !== 'object' || !NUMBER_TAGS.has(t.tag) || 'collection' in t) return t;
    const text: ScalarTag = { ...t, resolve: (s: string) => s };
    return text;
  });
}

export const spdxYaml: SbomParser = {
  format: 'spdx-yaml',
  description: 'SPDX 2.x YAML',
  detect: (input) => detectSpdxText(input, VERSION_KEY),
  parse(input, detection) {
    requireSpdx2(detection.specVersion, 'YAML');
    const { isNode, isSeq, LineCounter, parseDocument } = yaml();
    const lineCounter = new LineCounter();
    // The core schema without custom or language-specific tags; aliases are capped against alias bombs.
    // The YAML parser takes CR alone for no line end at all: `a: 1\rb: 2` would be one malformed line.
    const document = parseDocument(lfLineEnds(input.text), {
      schema: 'core',
      customTags: numbersAsText,
      merge: false,
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter,
      keepSourceTokens: false,
    });
    const error = document.errors[0];
    if (error) {
      const at = lineCounter.linePos(error.pos[0]);
      throw new InputError('malformed', `is not valid YAML at line ${at.line}, column ${at.col}: ${error.message.split('\n')[0] ?? ''}`, { line: at.line, column: at.col });
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new InputError('unsafe', `was not read: ${(e as Error).message}`);
    }
    const doc = obj(value);
    if (!doc) throw new InputError('malformed', 'is YAML whose top level is not a mapping');
    // Each package's line, from the YAML nodes that produced the package objects (same order).
    const lines = new Map<Obj, number>();
    const seq = document.get('packages', true);
    if (!input.nested && isSeq(seq)) {
      const packages = arr(doc['packages']);
      seq.items.forEach((item, i) => {
        const p = obj(packages[i]);
        if (p && isNode(item) && item.range) lines.set(p, lineCounter.linePos(item.range[0]).line);
      });
    }
    const result = normalizeSpdx(doc, 'spdx-yaml', detection.specVersion, { lineOf: (p) => lines.get(p) });
    const warnings = document.warnings.length > 0 ? [`YAML: ${document.warnings.length} warning(s), first: ${document.warnings[0]?.message.split('\n')[0] ?? ''}`] : [];
    const odd = versionWarning(detection.specVersion);
    if (odd) warnings.unshift(odd);
    return warnings.length > 0 ? { ...result, warnings: [...warnings, ...result.warnings] } : result;
  },
};
