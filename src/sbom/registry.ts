// The one list of SBOM parsers. A new format is a new parser file registered here.
import type { SbomFormat } from '../model/document.js';
import type { SbomParser } from './parser.js';
import { cyclonedxJson } from './cyclonedx/json.js';
import { cyclonedxXml } from './cyclonedx/xml.js';
import { spdxJson } from './spdx/json.js';
import { spdxRdf } from './spdx/rdf.js';
import { spdxTagValue } from './spdx/tag-value.js';
import { spdxYaml } from './spdx/yaml.js';
import { spdx3JsonLd } from './spdx3/jsonld.js';
import { syftJson } from './syft/json.js';
import { INVENTORY_PARSERS } from '../inventory/index.js';

function registry(parsers: readonly SbomParser[]): ReadonlyMap<SbomFormat, SbomParser> {
  const map = new Map<SbomFormat, SbomParser>();
  for (const p of parsers) {
    if (map.has(p.format)) throw new Error(`two parsers registered for ${p.format}`);
    map.set(p.format, p);
  }
  return map;
}

/**
 * Detection order: JSON readers first (they share one parse), then XML, then the line-based text formats;
 * installed-software inventories last (src/inventory), so that no SBOM is ever read as one.
 */
export const PARSERS = registry([cyclonedxJson, spdxJson, spdx3JsonLd, syftJson, cyclonedxXml, spdxRdf, spdxTagValue, spdxYaml, ...INVENTORY_PARSERS]);

export const INPUT_FORMATS: readonly SbomFormat[] = [...PARSERS.keys()];
