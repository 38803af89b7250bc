// The one list of reporters; its names are the CLI's --format choices.
import type { Reporter } from './reporter.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { junitReporter } from './junit.js';
import { sarifReporter } from './sarif.js';
import { tableReporter } from './table.js';
import { hostsCsvReporter, hostsJsonReporter } from './hosts.js';

function registry(reporters: readonly Reporter[]): ReadonlyMap<string, Reporter> {
  const map = new Map<string, Reporter>();
  for (const r of reporters) {
    if (map.has(r.name)) throw new Error(`two reporters named ${r.name}`);
    map.set(r.name, r);
  }
  return map;
}

export const REPORTERS = registry([tableReporter, jsonReporter, markdownReporter, sarifReporter, junitReporter, htmlReporter, csvReporter, hostsCsvReporter, hostsJsonReporter]);
export const REPORT_FORMATS: readonly string[] = [...REPORTERS.keys()];
