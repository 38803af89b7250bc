// CycloneDX JSON 1.2-1.7.
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { jsonMayHoldLongString } from '../limits.js';
import { lazyKeyLines } from '../lines.js';
import { obj, str } from '../untrusted.js';
import { normalizeCycloneDx } from './normalize.js';

const KNOWN = new Set(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);

export const cyclonedxJson: SbomParser = {
  format: 'cyclonedx-json',
  description: 'CycloneDX JSON 1.2-1.7',
  detect(input) {
    if (input.head !== '{') return undefined;
    const doc = obj(input.json());
    if (!doc || str(doc['bomFormat']) !== 'CycloneDX') return undefined;
    return { specVersion: str(doc['specVersion']) ?? 'unknown' };
  },
  parse(input, detection) {
    const doc = obj(input.json());
    if (!doc) throw new InputError('malformed', 'not a JSON object');
    // The text screen vouches only for the text it read; a payload taken out of a wrapper is checked entry by entry.
    const mayHoldLongStrings = input.nested || jsonMayHoldLongString(input.text);
    const parsed = normalizeCycloneDx(doc, 'cyclonedx-json', detection.specVersion, { mayHoldLongStrings });
    // The line of a component's "bom-ref" key, found by one linear scan on first use; none for unwrapped payloads.
    const result = input.nested ? parsed : { ...parsed, lineOf: lazyKeyLines(input.text, 'bom-ref', input.firstNewline) };
    if (!KNOWN.has(detection.specVersion)) {
      return { ...result, warnings: [`CycloneDX specVersion "${detection.specVersion}" is not one ictscan knows (1.2-1.7); read as the nearest version`, ...result.warnings] };
    }
    return result;
  },
};
