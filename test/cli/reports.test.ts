// Reports that never overstate, through the CLI in every format: clean means tested and unmatched, the gate agrees
// with the exit code, a replaced rule list is announced, and no input text becomes a link, an escape or a forged line.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { exitCodeOf } from '../../src/cli/gate.js';
import type { GateStatus, ScanReport } from '../../src/model/result.js';
import { REPORT_FORMATS } from '../../src/report/registry.js';
import { cli, unwrap } from '../helpers/cli.js';
import { activeElements, renderMarkdown } from '../helpers/markdown.js';
import { assertValidSarif } from '../helpers/sarif.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-reports-'));

function write(dir: string, name: string, doc: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return file;
}

const cdx = (components: unknown[]) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
const KESL = { type: 'library', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0', supplier: { name: 'AO Kaspersky Lab' } };
const TESTED = { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' };
const NAME_ONLY = { type: 'library', name: 'mystery-av', version: '2.0' };

const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateReport = ajv.compile(schema);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
interface Case {
  '@_name': string;
  '@_classname': string;
  skipped?: { '@_message': string };
  error?: { '@_message': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_skipped': string;
  properties?: { property: { '@_name': string; '@_value': string }[] };
  testcase: Case[];
}
const suites = (text: string): Suite[] => (xml.parse(text) as { testsuites: { testsuite?: Suite[] } }).testsuites.testsuite ?? [];

interface SarifRun {
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: { descriptor: { id: string }; message: { text: string } }[]; toolConfigurationNotifications?: { descriptor: { id: string }; message: { text: string } }[] }[];
  properties: { summary: ScanReport['summary']; curatedRules: boolean; gate?: { status: GateStatus } };
}
const sarifRun = (text: string): SarifRun => {
  assertValidSarif(text);
  return (JSON.parse(text) as { runs: SarifRun[] }).runs[0] as SarifRun;
};

/** RFC 4180 rows (the CSV reporter quotes any cell with a comma, quote or line break). */
function csvRows(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  const [header = [], ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

async function allFormats(args: string[]): Promise<{ code: number; out: Record<string, string> }> {
  const dir = tmp();
  const targets = REPORT_FORMATS.map((f) => `${f}=${path.join(dir, `report.${f}`)}`);
  const r = await cli(['scan', ...args, ...targets.flatMap((t) => ['--output-format', t])]);
  return { code: r.code, out: Object.fromEntries(REPORT_FORMATS.map((f) => [f, readFileSync(path.join(dir, `report.${f}`), 'utf8')])) };
}

describe('"clean" means tested and unmatched; untestable is counted apart, in every format', () => {
  const dir = tmp();
  const mixed = write(dir, 'mixed.cdx.json', cdx([KESL, TESTED, NAME_ONLY]));
  const names = write(dir, 'names.cdx.json', cdx([NAME_ONLY, { type: 'library', name: 'other', version: '1' }]));

  it('JSON: flagged + clean + untestable = components, per document and in the summary, valid against the schema', async () => {
    const r = await cli(['scan', mixed, names, '-f', 'json']);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(validateReport(report), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);
    const [m, n] = report.documents;
    expect(m).toMatchObject({ components: 3, flaggedComponents: 1, cleanComponents: 1, untestableComponents: 1, untestable: [{ name: 'mystery-av', version: '2.0' }] });
    expect(n).toMatchObject({ components: 2, flaggedComponents: 0, cleanComponents: 0, untestableComponents: 2 });
    expect(report.summary).toMatchObject({ components: 5, flaggedComponents: 1, cleanComponents: 1, untestableComponents: 3, documentsPartlyChecked: 2 });
  });

  it('every format counts the untestable components and none calls a partly checked document clean', async () => {
    const { out } = await allFormats([names]);
    expect(unwrap(out['table'] ?? '')).toMatch(/^Summary: 1 document, 2 components read, 0 flagged, 0 clean, 2 untestable; no findings\.$/m);
    expect(out['table']).toMatch(/^ {2}no findings in what could be checked$/m);
    expect(out['table']).not.toMatch(/^ {2}no findings$/m);
    expect(unwrap(out['table'] ?? '')).toMatch(/^No Kaspersky components found in what could be checked, but 2 components had nothing to test but a name\.$/m);
    expect(unwrap(out['table'] ?? '')).toMatch(/^Gate \(--fail-on info\): PASS \(not fully checked: 2 components had nothing to test but a name\)$/m);

    expect(out['markdown']).not.toMatch(/✅/);
    expect(out['markdown']).toMatch(/^### ictscan: ⚠️ No Kaspersky components found in what could be checked/m);
    expect(out['markdown']).toMatch(/2 components read, 0 flagged, 0 clean, 2 untestable/);
    expect(out['markdown']).toMatch(/\*\*Not fully checked\*\*/);

    const run = sarifRun(out['sarif'] ?? '');
    expect(run.properties.summary).toMatchObject({ untestableComponents: 2, cleanComponents: 0, documentsPartlyChecked: 1 });
    expect(run.invocations[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toContain('not-fully-checked');

    const [suite] = suites(out['junit'] ?? '');
    const coverage = suite?.testcase.find((c) => c['@_name'] === 'coverage');
    expect(coverage?.skipped?.['@_message']).toMatch(/^not fully checked: 2 of 2 components carry nothing but a name to test/);
    expect(coverage?.['system-out']).toMatch(/untestable: mystery-av@2\.0/);
    expect(suite?.['@_skipped']).toBe('1');

    expect(out['html']).toMatch(/<dt>Clean components<\/dt><dd>0<\/dd>/);
    expect(out['html']).toMatch(/<dt>Untestable components<\/dt><dd>2<\/dd>/);
    expect(out['html']).not.toMatch(/No Kaspersky software found\./);
    expect(out['html']).toMatch(/<p class="verdict warn">No Kaspersky components found in what could be checked/);

    const rows = csvRows(out['csv'] ?? '');
    expect(rows.filter((r) => r['rule'] === 'UNTESTABLE').map((r) => r['component'])).toEqual(['mystery-av', 'other']);

    const json = JSON.parse(out['json'] ?? '') as ScanReport;
    expect(json.summary.untestableComponents).toBe(2);
  });

  it('a document whose every component was tested and unmatched is still called clean', async () => {
    const { code, out } = await allFormats([write(tmp(), 'clean.cdx.json', cdx([TESTED]))]);
    expect(code).toBe(0);
    expect(out['table']).toMatch(/^ {2}no findings$/m);
    expect(out['markdown']).toMatch(/✅ No Kaspersky components found/);
    expect(out['html']).toContain('<p class="verdict">No Kaspersky software found.</p>');
    expect(csvRows(out['csv'] ?? '')).toEqual([expect.objectContaining({ rule: 'CLEAN', title: 'no Kaspersky components found in 1 component' })]);
  });

  it('a portfolio client with untestable components is not called clean', async () => {
    const root = tmp();
    mkdirSync(path.join(root, 'acme'));
    mkdirSync(path.join(root, 'globex'));
    write(path.join(root, 'acme'), 'app.cdx.json', cdx([TESTED]));
    write(path.join(root, 'globex'), 'app.cdx.json', cdx([NAME_ONLY]));
    const { out } = await allFormats([root, '--group-by', 'dir']);
    expect(out['html']).toMatch(/id="client-0"[\s\S]*?No Kaspersky software found for this client\./);
    expect(out['html']).toMatch(/id="client-1"[\s\S]*?No Kaspersky software found in what could be checked for this client, but 1 document could not be fully checked/);
    expect(csvRows(out['csv'] ?? '').filter((r) => r['rule'] === 'UNTESTABLE')).toEqual([expect.objectContaining({ client: 'globex', component: 'mystery-av' })]);
  });
});

describe('the gate line and gate.status agree with the exit code', () => {
  const verdicts: Readonly<Record<GateStatus, string>> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR' };

  it('an empty directory: gate error, exit 2, and every format says it could not be checked', async () => {
    const { code, out } = await allFormats([tmp()]);
    expect(code).toBe(2);
    const json = JSON.parse(out['json'] ?? '') as ScanReport;
    expect(json.gate).toMatchObject({ status: 'error', reasons: ['1 input could not be read'] });
    expect(json.documents.map((d) => d.error)).toEqual([expect.stringMatching(/no SBOM, lockfile or manifest found in this directory \(it holds no file\)$/)]);
    expect(out['table']).toMatch(/^Gate \(--fail-on info\): ERROR: 1 input could not be read$/m);
    expect(out['table']).not.toMatch(/PASS/);
    expect(out['markdown']).toMatch(/\*\*Gate \(\\-\\-fail\\-on info\): ERROR\*\*/);
    expect(out['markdown']).not.toMatch(/✅/);
    const run = sarifRun(out['sarif'] ?? '');
    expect(run.invocations[0]?.executionSuccessful).toBe(false);
    expect(run.properties.gate?.status).toBe('error');
    const cases = suites(out['junit'] ?? '').flatMap((s) => s.testcase);
    expect(cases.some((c) => c.error !== undefined)).toBe(true);
    expect(out['html']).toMatch(/<p class="meta" id="gate">Gate \(--fail-on info\): ERROR: 1 input could not be read<\/p>/);
    expect(csvRows(out['csv'] ?? '')).toContainEqual(expect.objectContaining({ rule: 'ERROR', title: expect.stringMatching(/no SBOM, lockfile or manifest found in this directory/) }));
  });

  it('no SBOM at all in the inputs (an empty share of --shard): gate error, and every format says nothing was checked', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'only.cdx.json'), JSON.stringify(cdx([TESTED])));
    // With one file, one of the two shares is empty.
    const runs = await Promise.all(['1/2', '2/2'].map((s) => cli(['scan', dir, '--shard', s, '--format', 'json'])));
    const empty = runs.find((r) => (JSON.parse(r.stdout) as ScanReport).summary.documents === 0);
    expect(empty).toBeDefined();
    expect(empty?.code).toBe(2);
    expect((JSON.parse(empty?.stdout ?? '') as ScanReport).gate).toMatchObject({ status: 'error', reasons: ['no SBOM found in the inputs'] });
  });

  it('in every outcome, the exit code is the one gate.status maps to, and the table says the same word', async () => {
    const dir = tmp();
    const scenarios: [string, string[], GateStatus][] = [
      ['clean', [write(dir, 'clean.cdx.json', cdx([TESTED]))], 'pass'],
      ['names only', [write(dir, 'names.cdx.json', cdx([NAME_ONLY]))], 'pass'],
      ['flagged', [write(dir, 'kesl.cdx.json', cdx([KESL]))], 'fail'],
      ['flagged, --fail-on none', [path.join(dir, 'kesl.cdx.json'), '--fail-on', 'none'], 'pass'],
      ['unreadable', [write(dir, 'broken.cdx.json', '{"bomFormat": "CycloneDX", ')], 'error'],
      ['missing', [path.join(dir, 'not-there.json')], 'error'],
      ['empty directory', [mkdtempSync(path.join(dir, 'empty-'))], 'error'],
      ['too poor', [path.join(dir, 'names.cdx.json'), '--fail-on-unidentified', '0'], 'fail'],
    ];
    for (const [name, args, status] of scenarios) {
      const json = await cli(['scan', ...args, '-f', 'json']);
      const report = JSON.parse(json.stdout) as ScanReport;
      expect(report.gate?.status, name).toBe(status);
      expect(json.code, name).toBe(exitCodeOf(status));
      const table = await cli(['scan', ...args]);
      expect(table.code, name).toBe(json.code);
      expect(table.stdout, name).toMatch(new RegExp(`^Gate \\(--fail-on \\w+\\): ${verdicts[status]}\\b`, 'm'));
    }
  });

  it('merge: reports with no document make a gate error and exit 2, not a pass', async () => {
    const empty = await cli(['scan', tmp(), '-f', 'json']);
    const file = write(tmp(), 'empty.json', empty.stdout);
    const merged = await cli(['merge', file, '-f', 'json']);
    expect(merged.code).toBe(2);
    expect((JSON.parse(merged.stdout) as ScanReport).gate?.status).toBe('error');
  });
});

describe('--rules-only: every report says the curated list was not used', () => {
  const pack = mkdtempSync(path.join(tmpdir(), 'ictscan-pack-'));
  writeFileSync(
    path.join(pack, 'vendor.json'),
    JSON.stringify({
      rules: [
        {
          id: 'ACME-VENDOR-001',
          title: 'Example Corp engine',
          category: 'sdk-engine',
          severity: 'high',
          status: 'banned',
          description: 'An example rule.',
          conditions: [{ kind: 'purl', type: 'npm', names: ['left-pad'] }],
          remediation: { action: 'replace', summary: 'Replace it.' },
          references: [{ url: 'https://example.org/list' }],
          checked: '2026-11-21',
        },
      ],
    }),
  );
  const sbom = write(tmp(), 'kesl.cdx.json', cdx([KESL]));

  it('in JSON, table, Markdown, SARIF, JUnit, HTML and CSV', async () => {
    const { code, out } = await allFormats([sbom, '--rules-only', pack]);
    // The curated rules would have flagged kesl; without them nothing fails, and every format says why.
    expect(code).toBe(0);
    const json = JSON.parse(out['json'] ?? '') as ScanReport;
    expect(json.rules.curated).toBe(false);
    expect(validateReport(json), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);
    const note = /--rules-only: the curated Kaspersky rules were not used; 1 rule from .*ictscan-pack-\w+ only/;
    expect(out['table']?.split('\n')[0]).toMatch(note);
    expect(out['table']).toMatch(/^Rules: --rules-only: the curated Kaspersky rules were not used/m);
    expect(out['markdown']).toMatch(/⚠️ \*\*Rules:\*\* `--rules-only: the curated Kaspersky rules were not used/);
    const run = sarifRun(out['sarif'] ?? '');
    expect(run.properties.curatedRules).toBe(false);
    expect(run.invocations[0]?.toolConfigurationNotifications?.[0]).toMatchObject({ descriptor: { id: 'rules-only' }, message: { text: expect.stringMatching(note) } });
    for (const s of suites(out['junit'] ?? '')) expect(s.properties?.property).toEqual([{ '@_name': 'ictscan.rules', '@_value': expect.stringMatching(note) }]);
    expect(out['html']).toMatch(/<p class="verdict warn" id="rules-only">Rules: --rules-only: the curated Kaspersky rules were not used/);
    expect(csvRows(out['csv'] ?? '')[0]).toMatchObject({ rule: 'RULES-ONLY', title: expect.stringMatching(note) });
  });

  it('an added pack (--rules) keeps the curated list, and no format claims otherwise', async () => {
    const { code, out } = await allFormats([sbom, '--rules', pack]);
    expect(code).toBe(1);
    expect((JSON.parse(out['json'] ?? '') as ScanReport).rules.curated).toBe(true);
    for (const [format, text] of Object.entries(out)) expect(text, format).not.toMatch(/rules-only|RULES-ONLY/);
  });

  it('merge: one --rules-only part makes the merged report say so', async () => {
    const dir = tmp();
    const a = write(dir, 'a.json', (await cli(['scan', sbom, '-f', 'json'])).stdout);
    const b = write(dir, 'b.json', (await cli(['scan', write(dir, 'b.cdx.json', cdx([TESTED])), '-f', 'json', '--rules-only', pack])).stdout);
    const merged = JSON.parse((await cli(['merge', a, b, '-f', 'json', '-q'])).stdout) as ScanReport;
    expect(merged.rules.curated).toBe(false);
  });
});

describe('no input text becomes a link, an escape or a forged line', () => {
  /** Hosts a reader's renderer would link: plain, numeric, full-width and ideographic dots, e-mail, schemes. */
  const LINKS = [
    'www.evil.example',
    'http://2130706433/',
    'https://evil\u3002example/x',
    'https://evil\uff0eexample',
    'evil\uff61example.com',
    'mailto:a@evil.example',
    'admin@evil.example',
    'evil.example',
    '[click](https://evil.example)',
    '![img](https://evil.example/i.png)',
    '<https://evil.example>',
    '<a href="https://evil.example">x</a>',
    'back\\|slash https://evil.example | cell',
    '`code` and ``more`` https://evil.example',
    '@org/team #123',
  ];

  it('Markdown: no link, image or element from any SBOM value, rendered as GFM or by a linkifying renderer', async () => {
    const dir = tmp();
    const sbom = write(dir, 'www.evil.example.cdx.json', cdx([...LINKS.map((name, i) => ({ type: 'library', name, version: LINKS[(i + 1) % LINKS.length], supplier: { name: 'AO Kaspersky Lab' } })), { type: 'library', name: 'https://2130706433/untestable' }]));
    const broken = write(dir, 'http:evil.example.json', '{"bomFormat": "CycloneDX", ');
    const r = await cli(['scan', sbom, broken, '-f', 'markdown', '--fail-on-unidentified', '0']);
    for (const [renderer, html] of Object.entries(renderMarkdown(r.stdout))) {
      expect(activeElements(html), renderer).toEqual([]);
      // Each finding is still one table row of eight cells.
      expect(html.match(/<tr>/g)?.length, renderer).toBe(LINKS.length + 1);
    }
    // The file names and the untestable component are shown too (an error, a coverage note, a gate reason).
    expect(r.stdout).toMatch(/Not fully checked/);
  });

  const HOSTILE = ['evil\u001b[2J\u001b[Hclears', 'a\u202egnp.exe', 'cr\rGate (--fail-on info): PASS', 'osc\u001b]8;;http://evil.example\u0007link', '\u2066isolate\u2069', 'zero\u200bwidth'];
  const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;
  const hostileSbom = () =>
    write(
      tmp(),
      'hostile.cdx.json',
      cdx(
        HOSTILE.map((s, i) => ({
          type: 'library',
          'bom-ref': `ref-${i}-${s}`,
          name: `name-${s}`,
          version: `1-${s}`,
          purl: `pkg:npm/x${i}@1`,
          supplier: { name: 'AO Kaspersky Lab' },
          description: s,
        })),
      ),
    );

  /** Every string of a JSON value, with the path that holds it. */
  function strings(value: unknown, at = ''): [string, string][] {
    if (typeof value === 'string') return [[at, value]];
    if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [...strings(k, `${at}{key}`), ...strings(v, `${at}.${k}`)]);
    return [];
  }

  it('SARIF: every string is cleaned like the table (component, evidence, locations, properties), not only messages', async () => {
    const r = await cli(['scan', hostileSbom(), '-f', 'sarif']);
    assertValidSarif(r.stdout);
    const all = strings(JSON.parse(r.stdout));
    expect(all.length).toBeGreaterThan(100);
    for (const [at, s] of all) {
      expect(s, at).not.toMatch(INVISIBLE);
      expect(s, at).not.toMatch(/\r/);
    }
    // The values are still there, cleaned: the component name with its escape sequence removed.
    expect(all.some(([at, s]) => at.endsWith('.component.name') && s === 'name-evilclears')).toBe(true);
  });

  it('JUnit: every attribute and text is cleaned like the table', async () => {
    const r = await cli(['scan', hostileSbom(), '-f', 'junit']);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const decoded = r.stdout.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
    expect(decoded.replace(/\n/g, '')).not.toMatch(INVISIBLE);
    expect(decoded).not.toMatch(/\r/);
    expect(decoded).toMatch(/name-evilclears/);
  });
});
