// Precision under normalization: the registry look-alikes stay clean however their names are spelled.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchComponent } from '../../src/match/matcher.js';
import { confidenceRank } from '../../src/model/severity.js';
import { prepareRules } from '../../src/scan.js';
import { component } from '../helpers/builders.js';

const TSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/lookalikes/registry-names.tsv');
const rules = prepareRules().compiled;

interface Row {
  ecosystem: string;
  name: string;
  version: string;
  related: string;
  summary: string;
}

function rows(): Row[] {
  return readFileSync(TSV, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [ecosystem = '', name = '', version = '', related = '', summary = ''] = l.split('\t');
      return { ecosystem, name, version, related, summary };
    });
}

const CYRILLIC: Readonly<Record<string, string>> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', s: '\u0455', k: '\u043a', y: '\u0443' };

/** The disguises the fail-closed suite applies to positives, applied to a name. */
const DISGUISES: readonly (readonly [string, (s: string) => string])[] = [
  ['as written', (s) => s],
  ['soft hyphens', (s) => [...s].join('\u00ad')],
  ['Cyrillic look-alikes', (s) => s.replace(/[aeopcsky]/g, (ch) => CYRILLIC[ch] ?? ch)],
  ['full-width', (s) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))],
  ['small capitals and a word joiner', (s) => `${s.replace(/k/g, 'ᴋ').replace(/a/g, 'ᴀ')}\u2060`],
];

function flagged(row: Row, disguise: (s: string) => string): string[] {
  const type = row.ecosystem === 'npm' ? 'npm' : 'pypi';
  const name = disguise(row.name);
  const purl = `pkg:${type}/${encodeURIComponent(name).replace(/%2F/gi, '/')}@${row.version}`;
  const c = component({
    name,
    version: row.version,
    purl,
    description: row.summary,
    parties: [{ role: 'author', name: `${disguise(row.name)} <dev@example.org> (https://example.org/${row.name})` }],
  });
  const threshold = confidenceRank('medium');
  return matchComponent(rules, c)
    .filter((m) => confidenceRank(m.confidence) >= threshold)
    .map((m) => m.ruleId);
}

describe('registry look-alikes under every disguise', () => {
  it.skipIf(!existsSync(TSV))('no row marked unrelated is flagged at the default confidence (needs ../shared/lookalikes/registry-names.tsv)', () => {
    const unrelated = rows().filter((r) => r.related === 'no');
    expect(unrelated.length).toBeGreaterThan(700);
    const hits: string[] = [];
    for (const row of unrelated) {
      for (const [what, disguise] of DISGUISES) {
        const ids = flagged(row, disguise);
        if (ids.length > 0) hits.push(`${row.ecosystem} ${row.name} (${what}): ${ids.join(', ')}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('the look-alikes of the fact sheet and the replacement products stay clean however they are spelled', () => {
    const names = ['KasperSkytte', 'kasper', 'kaspa', 'kaspa-wasm', 'kasperjs', 'kaspersmicrobit', 'casperjs', 'UltraAV', 'clamav', 'mdatp', 'sophos-av', 'avira'];
    for (const name of names) {
      for (const [what, disguise] of DISGUISES) {
        const c = component({ name: disguise(name), parties: [{ role: 'supplier', name: disguise(name) }] });
        expect(matchComponent(rules, c).map((m) => m.ruleId), `${name} ${what}`).toEqual([]);
      }
    }
  });
});
