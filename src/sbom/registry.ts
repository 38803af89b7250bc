// The one list of SBOM parsers. A new format is a new parser file registered here.
import type { SbomFormat } from '../model/document.js';
import type { SbomParser } from './parser.js';
import { cyclonedxJson } from './cyclonedx/json.js';
import { spdxJson } from './spdx/json.js';

function registry(parsers: readonly SbomParser[]): ReadonlyMap<SbomFormat, SbomParser> {
  const map = new Map<SbomFormat, SbomParser>();
  for (const p of parsers) {
    if (map.has(p.format)) throw new Error(`two parsers registered for ${p.format}`);
    map.set(p.format, p);
  }
  return map;
}

export const PARSERS = registry([cyclonedxJson, spdxJson]);

export const INPUT_FORMATS: readonly SbomFormat[] = [...PARSERS.keys()];
