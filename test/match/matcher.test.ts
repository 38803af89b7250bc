import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/match/compile.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Component } from '../../src/model/component.js';
import path from 'node:path';
import { matchAndClassify, matchComponent } from '../../src/match/matcher.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadDocument } from '../../src/sbom/load.js';
import { prepareRules } from '../../src/scan.js';
import { component, rule } from '../helpers/builders.js';
import { corpusEntries, CORPUS_MISSING, partlyWithCorpus } from '../helpers/corpus.js';

const rules = compileRules([
  rule({ id: 'T-PURL-1', conditions: [{ kind: 'purl', type: 'npm', namespace: '@kaspersky' }] }),
  rule({ id: 'T-PURL-2', conditions: [{ kind: 'purl', type: 'pypi', names: ['triangle-check'], versions: 'vers:pypi/>=1.0|<2.0' }] }),
  rule({ id: 'T-CPE', conditions: [{ kind: 'cpe', vendors: ['kaspersky', 'kaspersky_lab'] }] }),
  rule({ id: 'T-PARTY', conditions: [{ kind: 'party', names: ['AO Kaspersky Lab'], emailDomains: ['kaspersky.com'] }] }),
  rule({ id: 'T-HOST', conditions: [{ kind: 'host', hosts: ['upd.kaspersky.com'] }] }),
  rule({ id: 'T-URL', conditions: [{ kind: 'url', prefixes: ['github.com/kasperskylab/shim'] }] }),
  rule({ id: 'T-LIC', conditions: [{ kind: 'license', ids: ['LicenseRef-Kaspersky-EULA'] }] }),
  rule({ id: 'T-NAME', conditions: [{ kind: 'name', pattern: '^kav(ehost|httpd|icapd)(\\.exe)?$' }] }),
  rule({ id: 'T-TEXT', conditions: [{ kind: 'text', pattern: '\\bKaspersky Anti-Virus engine\\b' }] }),
  rule({
    id: 'T-ALL',
    conditions: [{ kind: 'all', of: [{ kind: 'name', names: ['kesl'], ecosystems: ['deb', 'rpm'] }, { kind: 'party', names: ['AO Kaspersky Lab'] }] }],
  }),
]);

const ids = (c: Parameters<typeof matchComponent>[1]) => matchComponent(rules, c).map((m) => m.ruleId).sort();

describe('matchComponent', () => {
  it('matches a purl namespace whatever its encoding', () => {
    expect(ids(component({ name: 'hexa-ui', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.1.0' }))).toEqual(['T-PURL-1']);
    expect(ids(component({ name: 'hexa-ui', purl: 'pkg:npm/@kaspersky/hexa-ui@6.1.0' }))).toEqual(['T-PURL-1']);
    expect(ids(component({ name: 'api-maker', purl: 'pkg:npm/%40kaspernj/api-maker@1.0.0' }))).toEqual([]);
  });

  it('applies purl version ranges and canonical names', () => {
    expect(ids(component({ name: 'x', purl: 'pkg:pypi/Triangle_Check@1.1' }))).toEqual(['T-PURL-2']);
    expect(ids(component({ name: 'x', purl: 'pkg:pypi/triangle-check@2.0' }))).toEqual([]);
    expect(ids(component({ name: 'x', purl: 'pkg:pypi/triangle-check', version: '1.5' }))).toEqual(['T-PURL-2']);
  });

  it('matches CPE 2.3 and 2.2 vendors', () => {
    expect(ids(component({ name: 'x', cpes: ['cpe:2.3:a:kaspersky:anti-virus:2022:*:*:*:*:*:*:*'] }))).toEqual(['T-CPE']);
    expect(ids(component({ name: 'x', cpes: ['cpe:/a:kaspersky_lab:kaspersky_anti-virus:6.0'] }))).toEqual(['T-CPE']);
    expect(ids(component({ name: 'x', cpes: ['cpe:2.3:a:kasperskytte:ampvis2:1:*:*:*:*:*:*:*'] }))).toEqual([]);
  });

  it('matches organisation names after normalization, and e-mail domains', () => {
    expect(ids(component({ name: 'x', parties: [{ role: 'supplier', name: 'Kaspersky Lab ZAO' }] }))).toEqual(['T-PARTY']);
    expect(ids(component({ name: 'x', parties: [{ role: 'author', name: 'Someone', email: 'someone@kaspersky.com' }] }))).toEqual(['T-PARTY']);
    expect(ids(component({ name: 'x', parties: [{ role: 'author', name: 'Kasper Skytte', email: 'kasper@kaspersky.com.evil.example' }] }))).toEqual([]);
    expect(ids(component({ name: 'x', parties: [{ role: 'copyright', name: 'Copyright (c) 2024 AO Kaspersky Lab' }] }))).toEqual(['T-PARTY']);
  });

  it('tells entities apart by legal form when only the form differs', () => {
    const entities = compileRules([
      rule({ id: 'T-UK', conditions: [{ kind: 'party', names: ['OOO Kaspersky Group', 'Kaspersky Labs Limited'] }] }),
      rule({ id: 'T-DE', conditions: [{ kind: 'party', names: ['Kaspersky Labs GmbH'] }] }),
      rule({ id: 'T-ANY', conditions: [{ kind: 'party', names: ['AO Kaspersky Lab', 'Kaspersky Lab'] }] }),
    ]);
    const of = (name: string, role: 'supplier' | 'copyright' = 'supplier') =>
      matchComponent(entities, component({ name: 'x', parties: [{ role, name }] })).map((m) => m.ruleId).sort();
    expect(of('Kaspersky Labs GmbH')).toEqual(['T-DE']);
    expect(of('Copyright 2009 Georg Wicherski, Kaspersky Labs GmbH', 'copyright')).toEqual(['T-DE']);
    expect(of('Kaspersky Labs Ltd.')).toEqual(['T-UK']);
    // No legal form: either entity may be meant, so both speak.
    expect(of('Kaspersky Labs')).toEqual(['T-DE', 'T-UK']);
    // Spellings of one kind of company are one form; a rule that lists the bare name takes any form.
    expect(of('Kaspersky Group LLC')).toEqual(['T-UK']);
    expect(of('Kaspersky Lab GmbH')).toEqual(['T-ANY']);
    expect(of('Kaspersky Lab ZAO')).toEqual(['T-ANY']);
  });

  it('matches a host or its subdomains, never a substring', () => {
    expect(ids(component({ name: 'x', externalRefs: [{ type: 'distribution', url: 'http://p01.upd.kaspersky.com/bases' }] }))).toEqual(['T-HOST']);
    expect(ids(component({ name: 'x', externalRefs: [{ type: 'website', url: 'https://notupd.kaspersky.com.example/' }] }))).toEqual([]);
    expect(ids(component({ name: 'x', externalRefs: [{ type: 'website', url: 'https://example.org/?u=p01.upd.kaspersky.com' }] }))).toEqual([]);
  });

  it('matches URL prefixes on whole path segments', () => {
    expect(ids(component({ name: 'x', externalRefs: [{ type: 'vcs', url: 'https://github.com/KasperskyLab/shim.git' }] }))).toEqual(['T-URL']);
    expect(ids(component({ name: 'x', externalRefs: [{ type: 'vcs', url: 'https://github.com/KasperskyLab/shim-review' }] }))).toEqual([]);
  });

  it('matches licences, name patterns and (low confidence) descriptions', () => {
    expect(ids(component({ name: 'x', licenses: [{ text: 'LicenseRef-Kaspersky-EULA', ids: ['LicenseRef-Kaspersky-EULA'], parsed: true }] }))).toEqual(['T-LIC']);
    expect(ids(component({ name: 'kavhttpd' }))).toEqual(['T-NAME']);
    expect(ids(component({ name: 'kavhttpd-wrapper' }))).toEqual([]);
    const text = matchComponent(rules, component({ name: 'scanner', description: 'Bundles the Kaspersky Anti-Virus engine.' }));
    expect(text.map((m) => [m.ruleId, m.confidence])).toEqual([['T-TEXT', 'low']]);
  });

  it('requires every part of an all condition', () => {
    const kesl = { name: 'kesl', purl: 'pkg:deb/debian/kesl@12.0.0' };
    expect(ids(component(kesl))).toEqual([]);
    expect(ids(component({ ...kesl, parties: [{ role: 'supplier', name: 'AO Kaspersky Lab' }] }))).toEqual(['T-ALL', 'T-PARTY']);
    expect(ids(component({ name: 'kesl', purl: 'pkg:pypi/kesl@1.0', parties: [{ role: 'supplier', name: 'AO Kaspersky Lab' }] }))).toEqual(['T-PARTY']);
  });

  it('matches pedigree ancestors and identity evidence like the component itself', () => {
    const c = component({
      name: 'grpc',
      purl: 'pkg:github/grpc/grpc@1.48.0',
      related: [{ via: 'pedigree.ancestors[0]', purl: 'pkg:npm/%40kaspersky/fork@1.0.0', cpes: [], parties: [], externalRefs: [] }],
    });
    const [m] = matchComponent(rules, c);
    expect(m?.ruleId).toBe('T-PURL-1');
    expect(m?.evidence[0]?.field).toBe('pedigree.ancestors[0].purl');
  });

  it('records which field, value and condition matched', () => {
    const [m] = matchComponent(rules, component({ name: 'x', cpes: ['cpe:2.3:a:kaspersky:endpoint_security:11'] }));
    expect(m?.evidence).toEqual([
      { field: 'cpe', value: 'cpe:2.3:a:kaspersky:endpoint_security:11', condition: 'conditions[0]', matched: 'CPE vendor kaspersky|kaspersky_lab', confidence: 'high' },
    ]);
  });

  it('caps confidence with the rule ceiling', () => {
    const capped = compileRules([rule({ id: 'T-CAP', maxConfidence: 'medium', conditions: [{ kind: 'cpe', vendors: ['kaspersky'] }] })]);
    expect(matchComponent(capped, component({ name: 'x', cpes: ['cpe:2.3:a:kaspersky:x:1'] }))[0]?.confidence).toBe('medium');
  });
});

describe('compileRules', () => {
  it('puts exact keys in hash indexes, so lookup cost does not grow with the rule count', () => {
    const many = compileRules(
      Array.from({ length: 5000 }, (_, i) => rule({ id: `T-MANY-${i}`, conditions: [{ kind: 'purl', type: 'npm', names: [`pkg-${i}`] }] })),
    );
    expect(many.purl.size).toBe(5000);
    expect(many.purl.get('npm|*|pkg-4321')?.[0]?.rule.id).toBe('T-MANY-4321');
    expect(matchComponent(many, component({ name: 'pkg-4321', purl: 'pkg:npm/pkg-4321@1.0.0' })).map((m) => m.ruleId)).toEqual(['T-MANY-4321']);
  });
});

const SAMPLES = path.join(PACKAGE_ROOT, 'sbom-samples');

/** The definition, field by field: nothing a rule can test beyond a bare name. */
function isUnidentified(c: Component): boolean {
  const bare = (x: { purl?: string | undefined; cpes: readonly string[]; parties: readonly unknown[]; externalRefs: readonly unknown[] }) =>
    !x.purl && x.cpes.length === 0 && x.parties.length === 0 && x.externalRefs.length === 0;
  return bare(c) && c.endpoints.length === 0 && c.licenses.length === 0 && c.related.every(bare);
}

describe('matchAndClassify', () => {
  it(partlyWithCorpus('calls a component unidentified exactly when isUnidentified does, over every corpus document and sample'), () => {
    const compiled = prepareRules().compiled;
    const files = [
      ...corpusEntries().filter((e) => e.expect.kind !== 'reject').map((e) => e.path),
      ...readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' }).map((f) => path.join(SAMPLES, f)).filter((f) => statSync(f).isFile()),
    ];
    let unidentified = 0;
    let components = 0;
    for (const file of files) {
      const outcome = loadDocument(file, readFileSync(file), { maxSize: 1 << 28, skipNonSbom: true });
      if (outcome.kind !== 'document') continue;
      for (const c of [...outcome.document.components, ...outcome.document.services]) {
        components++;
        const bare = isUnidentified(c);
        if (bare) unidentified++;
        expect(matchAndClassify(compiled, c).unidentified, `${file} ${c.ref}`).toBe(bare);
      }
    }
    // The samples alone hold ~1,900 components, the corpus adds thousands more.
    expect(components).toBeGreaterThan(CORPUS_MISSING ? 1000 : 5000);
    expect(unidentified).toBeGreaterThan(10);
  });
});
