// One application, every format: the samples written by scripts/sbom-writers.mjs must read the same in each.
import { INVENTORY_FORMATS } from '../src/model/document.js';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';
import type { Finding, ScanReport } from '../src/index.js';
import type { Component } from '../src/model/component.js';
import type { SbomDocument } from '../src/model/document.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { DEFAULT_MAX_SIZE } from '../src/sbom/read.js';
import { loadDocument } from '../src/sbom/load.js';
import { PARSERS } from '../src/sbom/registry.js';
import { cyclonedxXsd } from '../src/validate/cyclonedx.js';
import { wasmXsdCheck } from '../src/validate/xsd.js';

const SAMPLES = path.join(PACKAGE_ROOT, 'sbom-samples');
const NOW = new Date('2026-11-21T00:00:00Z');
const FILES = readdirSync(SAMPLES)
  .filter((f) => f.startsWith('acme-secure-gateway.'))
  .sort();
const CYCLONEDX = new Set(['cyclonedx-json', 'cyclonedx-xml']);

function load(file: string): SbomDocument {
  const outcome = loadDocument(file, readFileSync(path.join(SAMPLES, file)), { maxSize: DEFAULT_MAX_SIZE, skipNonSbom: false });
  if (outcome.kind !== 'document') throw new Error(`${file}: ${outcome.kind === 'error' ? outcome.error.message : outcome.reason}`);
  return outcome.document;
}

/** How ictscan names a component in reports: group/name. */
const display = (c: Component): string => (c.group ? `${c.group}/${c.name}` : c.name);

/** The components a document reads besides its root: SPDX counts the described package among its packages. */
function nonRoot(doc: SbomDocument): Component[] {
  return doc.components.filter((c) => c.ref !== doc.rootRef);
}

/** The dependency graph by component names: "from -> to" below the root, and the root's direct dependencies. */
function graph(doc: SbomDocument): { edges: string[]; direct: string[] } {
  const byRef = new Map(doc.components.map((c) => [c.ref, c]));
  const name = (ref: string): string => {
    const c = byRef.get(ref);
    return c ? display(c) : ref;
  };
  const edges: string[] = [];
  for (const [from, tos] of doc.edges) {
    if (from === doc.rootRef) continue;
    for (const to of tos) edges.push(`${name(from)} -> ${name(to)}`);
  }
  const rootEdges = doc.rootRef !== undefined ? doc.edges.get(doc.rootRef) : undefined;
  // Syft keeps the scanned source outside the graph: its entry points are the components nothing depends on.
  const targets = new Set([...doc.edges.values()].flat());
  const direct = rootEdges && rootEdges.length > 0 ? [...rootEdges] : nonRoot(doc).filter((c) => !targets.has(c.ref)).map((c) => c.ref);
  const services = new Set(doc.services.map((s) => s.ref));
  return { edges: edges.sort(), direct: direct.filter((r) => !services.has(r)).map(name).sort() };
}

/** Component findings as "name rule-id <- introducedBy names". */
function digest(report: ScanReport): string[] {
  return report.findings
    .filter((f: Finding) => f.component.kind === 'component')
    .map((f) => `${f.component.name} ${f.rule.id} <- ${f.introducedByComponents.map((c) => c.name).join(', ')}`)
    .sort();
}

describe('sbom-samples: the sample application in every format', () => {
  it('covers every parser and every wrapper', () => {
    const formats = new Set(FILES.map((f) => load(f).format));
    // Installed-software inventories are covered by test/inventory.
    expect([...formats].sort()).toEqual([...PARSERS.keys()].filter((k) => !(INVENTORY_FORMATS as readonly string[]).includes(k)).sort());
    const wrappers = new Set(FILES.flatMap((f) => load(f).wrappers ?? []));
    for (const w of ['gzip', 'jsonl', 'dsse', 'in-toto']) expect(wrappers.has(w), w).toBe(true);
    const versions = FILES.map((f) => load(f)).filter((d) => d.format === 'cyclonedx-xml').map((d) => d.specVersion);
    expect(versions.sort()).toEqual(['1.4', '1.6']);
  });

  it('reads the same components, without warnings, in every format', () => {
    const reference = nonRoot(load('acme-secure-gateway.cdx.json')).map(display).sort();
    expect(reference).toHaveLength(28);
    for (const file of FILES) {
      const doc = load(file);
      expect(nonRoot(doc).map(display).sort(), file).toEqual(reference);
      const expected = doc.wrappers?.includes('jsonl') ? ['the file holds 2 JSON lines; read the attestation on line 2'] : [];
      expect(doc.warnings, file).toEqual(expected);
    }
  });

  it('has the same dependency graph in every format', () => {
    const reference = graph(load('acme-secure-gateway.cdx.json'));
    expect(reference.direct).toContain('gateway-base');
    expect(reference.edges).toContain('gateway-base -> kesl');
    for (const file of FILES) expect(graph(load(file)), file).toEqual(reference);
  });

  it('gives the same findings and introducedBy in every format (CycloneDX services apart)', async () => {
    const reports = await Promise.all(FILES.map(async (f) => [f, await scan({ inputs: [path.join(SAMPLES, f)], now: NOW })] as const));
    const reference = digest(reports[0]?.[1] as ScanReport);
    expect(reference).toEqual([
      '@kaspersky/hexa-ui KL-OSS-001 <- @kaspersky/hexa-ui',
      'kaspersky/scanengine_icapd KL-SDK-003 <- @acme/av-scanner',
      'kesl KL-PRD-001 <- gateway-base',
      'klnagent64 KL-PRD-002 <- gateway-base',
      'opentip KL-API-001 <- acme-ioc-enricher',
    ]);
    for (const [file, report] of reports) {
      expect(digest(report), file).toEqual(reference);
      const services = report.findings.filter((f) => f.component.kind === 'service').length;
      expect(services, file).toBe(CYCLONEDX.has(report.documents[0]?.format ?? '') ? 2 : 0);
    }
  });

  it('verifies the signed attestation with the sample key, and refuses another key', async () => {
    const file = path.join(SAMPLES, 'acme-secure-gateway.cdx.intoto.jsonl');
    const key = readFileSync(path.join(PACKAGE_ROOT, 'scripts', 'attestation-key.pub.pem'), 'utf8');
    const good = await scan({ inputs: [file], now: NOW, verifyKey: key });
    expect(good.documents[0]?.error).toBeNull();
    expect(digest(good)).toHaveLength(5);
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const bad = await scan({ inputs: [file], now: NOW, verifyKey: other });
    expect(bad.documents[0]?.error).toMatch(/signature/);
  });

  it('is what the writers write today (node scripts/make-samples.mjs --check)', () => {
    expect(() => execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts', 'make-samples.mjs'), '--check'], { cwd: PACKAGE_ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('writes CycloneDX XML that validates against the 1.6 and 1.4 schemas (libxml2 in WebAssembly)', async () => {
    const cases: [string, string][] = [
      ['1.6', 'acme-secure-gateway.cdx.xml'],
      ['1.4', 'acme-secure-gateway.cdx-1.4.xml'],
      ['1.6', path.join('eval', 'eval-suite.cdx.xml')],
      ['1.4', path.join('eval', 'eval-suite.cdx-1.4.xml')],
    ];
    for (const [version, file] of cases) {
      expect(await wasmXsdCheck(readFileSync(path.join(SAMPLES, file), 'utf8'), cyclonedxXsd(version), 10), file).toEqual({ issues: [], omitted: 0 });
    }
  });

  it('writes CycloneDX JSON that validates against the 1.6 schema', async () => {
    const { Spec, Validation } = await import('@cyclonedx/cyclonedx-library');
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    for (const file of ['acme-secure-gateway.cdx.json', path.join('eval', 'eval-suite.cdx.json')]) {
      expect(await validator.validate(readFileSync(path.join(SAMPLES, file), 'utf8')), file).toBeNull();
    }
  });

  it('carries names, versions, purls, descriptions and parties through every format of the evaluation suite (escaping)', () => {
    interface Facts {
      readonly purl: string;
      readonly description: string;
      readonly parties: readonly string[];
    }
    const facts = (file: string): Map<string, Facts> => {
      const outcome = loadDocument(file, readFileSync(path.join(SAMPLES, 'eval', file)), { maxSize: DEFAULT_MAX_SIZE, skipNonSbom: false });
      if (outcome.kind !== 'document') throw new Error(file);
      // Keyed by name and version (Maven coordinates are group:name outside CycloneDX), not by purl: SPDX readers take
      // a purl left in a package comment as the package's own.
      const entries = nonRoot(outcome.document).map((c): [string, Facts] => [
        `${display(c).replace(/:/g, '/')}@${c.version ?? ''}`,
        {
          purl: c.purl?.split('?')[0] ?? '',
          description: c.description ?? '',
          parties: c.parties.filter((p) => p.role !== 'copyright').map((p) => `${p.name}|${p.email ?? ''}`).sort(),
        },
      ]);
      const map = new Map(entries);
      expect(map.size, file).toBe(entries.length);
      return map;
    };
    const reference = facts('eval-suite.cdx.json');
    const all = JSON.stringify([...reference.values()]);
    expect(all).toContain('\\"stable\\" & <lts>');
    expect(all).toContain('АО «Лаборатория Касперского»');
    for (const file of readdirSync(path.join(SAMPLES, 'eval')).filter((f) => f.startsWith('eval-suite.') && !f.includes('syft'))) {
      for (const [key, got] of facts(file)) {
        const want = reference.get(key);
        if (!want) throw new Error(`${file}: ${key} is not in the CycloneDX JSON`);
        // A purl only in a CycloneDX property becomes the package's own purl when SPDX carries it in the comment.
        if (want.purl !== '') expect(got.purl, `${file} ${key}`).toBe(want.purl);
        expect(got.description, `${file} ${key}`).toBe(want.description);
        expect(got.parties, `${file} ${key}`).toEqual(want.parties);
      }
    }
  });
});
