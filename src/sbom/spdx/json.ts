// SPDX 2.2 / 2.3 JSON (2.x documents of other minor versions are read the same way, with a warning).
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { lazyKeyLines } from '../lines.js';
import { obj, str } from '../untrusted.js';
import { normalizeSpdx } from './normalize.js';

const VERSION = /^SPDX-(\d+\.\d+)$/;

export const spdxJson: SbomParser = {
  format: 'spdx-json',
  description: 'SPDX 2.2/2.3 JSON',
  detect(input) {
    if (input.head !== '{') return undefined;
    const doc = obj(input.json());
    const v = doc && str(doc['spdxVersion']);
    if (!v || !v.startsWith('SPDX-')) return undefined;
    return { specVersion: v.replace(/^SPDX-/, '') };
  },
  parse(input, detection) {
    const doc = obj(input.json());
    if (!doc) throw new InputError('malformed', 'not a JSON object');
    if (!detection.specVersion.startsWith('2.')) {
      throw new InputError('unsupported-version', `SPDX ${detection.specVersion} in JSON with spdxVersion is not supported (SPDX 2.x expected; SPDX 3 uses JSON-LD)`);
    }
    const parsed = normalizeSpdx(doc, 'spdx-json', detection.specVersion);
    // The line of a package's "SPDXID" key, found by one linear scan on first use; none for unwrapped payloads.
    const result = input.nested ? parsed : { ...parsed, lineOf: lazyKeyLines(input.text, 'SPDXID', input.firstNewline) };
    const known = VERSION.test(`SPDX-${detection.specVersion}`) && ['2.2', '2.3'].includes(detection.specVersion);
    return known ? result : { ...result, warnings: [`SPDX ${detection.specVersion} is read as SPDX 2.3`, ...result.warnings] };
  },
};
