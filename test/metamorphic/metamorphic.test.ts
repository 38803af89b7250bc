// The metamorphic suite of issue 12: every disguise of the labelled suite keeps each flagged component flagged at no
// lower severity or status, and each clean one clean. A disguise that changes a verdict is a fail-open bug.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_DIR, readLabels } from '../../bench/eval-lib.js';
import type { Finding, ScanReport } from '../../src/model/result.js';
import { severityRank, type Severity } from '../../src/model/severity.js';
import { cli } from '../helpers/cli.js';
import { addWeakSignal, allComponents, DISGUISES, LINE_ENDINGS, type Json } from './transforms.js';

const labels = readLabels();
const CDX_FILE = path.join(EVAL_DIR, labels.files['cyclonedx-json-1.6'] as string);
const SUITE: Json = JSON.parse(readFileSync(CDX_FILE, 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'ictscan-metamorphic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STATUS_RANK: Readonly<Record<string, number>> = { informational: 0, review: 1, banned: 2 };

interface Verdict {
  readonly severity: number;
  readonly status: number;
  readonly suppressed: boolean;
  readonly finding: Finding;
}

let n = 0;
function write(name: string, text: string): string {
  const file = path.join(work, `${n++}-${name}`);
  writeFileSync(file, text);
  return file;
}

async function scanFile(file: string, extra: string[] = []): Promise<{ code: number; report: ScanReport }> {
  const r = await cli(['scan', file, '--format', 'json', '--jobs', '1', ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout) as ScanReport };
}

/** Each flagged component's verdict, by ref (the strongest unsuppressed finding on it). */
function verdicts(report: ScanReport): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const f of report.findings) {
    const v: Verdict = { severity: severityRank(f.severity), status: STATUS_RANK[f.rule.status] ?? 0, suppressed: f.suppression !== undefined, finding: f };
    const cur = out.get(f.component.ref);
    if (!cur || (cur.suppressed && !v.suppressed) || (cur.suppressed === v.suppressed && v.severity > cur.severity)) out.set(f.component.ref, v);
  }
  return out;
}

/** Problems of `after` against `before`: a verdict lost or lowered, or a clean component flagged. */
function compare(before: Map<string, Verdict>, after: Map<string, Verdict>, opts: { newFlagsAllowed?: boolean } = {}): string[] {
  const problems: string[] = [];
  for (const [ref, b] of before) {
    const a = after.get(ref);
    if (!a || a.suppressed) problems.push(`${ref}: was ${b.finding.severity}/${b.finding.rule.status} (${b.finding.rule.id}), now ${a ? 'suppressed' : 'clean'}`);
    else if (a.severity < b.severity || a.status < b.status) problems.push(`${ref}: lowered from ${b.finding.severity}/${b.finding.rule.status} to ${a.finding.severity}/${a.finding.rule.status} (${a.finding.rule.id})`);
  }
  if (!opts.newFlagsAllowed) for (const [ref, a] of after) if (!before.has(ref)) problems.push(`${ref}: was clean, now flagged by ${a.finding.rule.id}`);
  return problems;
}

const baseline = await scanFile(CDX_FILE);
const before = verdicts(baseline.report);

describe('metamorphic suite: the labelled suite (CycloneDX JSON) under disguises', () => {
  it('starts from a suite with many flagged and many clean components', () => {
    expect(baseline.code).toBe(1);
    const refs = allComponents(SUITE).map((c) => c['bom-ref'] as string);
    expect(before.size).toBeGreaterThanOrEqual(60);
    expect(refs.length - [...before.keys()].filter((r) => refs.includes(r)).length).toBeGreaterThanOrEqual(50);
  });

  for (const [name, transform] of Object.entries(DISGUISES)) {
    it(`keeps every verdict: ${name}`, async () => {
      const { code, report } = await scanFile(write('disguised.cdx.json', JSON.stringify(transform(SUITE), null, 2)));
      expect(report.documents.map((d) => d.error)).toEqual([null]);
      expect(compare(before, verdicts(report))).toEqual([]);
      expect(code).toBe(1);
    });
  }

  it('keeps every verdict when a weaker, generic signal is added to each flagged component', async () => {
    const { report } = await scanFile(write('weak.cdx.json', JSON.stringify(addWeakSignal(SUITE, new Set(before.keys())))));
    expect(compare(before, verdicts(report))).toEqual([]);
  });

  it('keeps every verdict when a lesser custom rule (most specific category, info) matches each flagged component', async () => {
    const names = [...new Set(allComponents(SUITE).filter((c) => before.has(c['bom-ref'] as string)).map((c) => String(c.name).toLowerCase()))];
    const pack = path.join(work, 'lesser-pack');
    const rule = {
      id: 'ACME-LESSER-001',
      title: 'In-house inventory tag',
      category: 'sdk-engine',
      severity: 'info',
      status: 'informational',
      description: 'Tags components for an inventory; says nothing about their risk.',
      conditions: [{ kind: 'name', names, confidence: 'high' }],
      remediation: { action: 'review', summary: 'Nothing to do.' },
      references: [{ url: 'https://example.org/inventory' }],
      checked: '2026-12-06',
    };
    rmSync(pack, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(pack);
    writeFileSync(path.join(pack, 'lesser.json'), JSON.stringify({ rules: [rule] }));
    const { report } = await scanFile(CDX_FILE, ['--rules', pack]);
    expect(report.findings.some((f) => f.rule.id === 'ACME-LESSER-001' || f.alsoMatched.some((m) => m.rule.id === 'ACME-LESSER-001'))).toBe(true);
    expect(compare(before, verdicts(report), { newFlagsAllowed: true })).toEqual([]);
  });

  /** Each rule's own severity (a finding's severity is the highest of its matches, not its speaking rule's). */
  async function ruleSeverities(): Promise<Map<string, Severity>> {
    const list = JSON.parse((await cli(['rules', 'list', '--format', 'json'])).stdout) as { rules: { id: string; severity: Severity }[] };
    return new Map(list.rules.map((r) => [r.id, r.severity]));
  }

  /** The matches of a flagged component that bear on its verdict (a set-aside match does not), with their rules' severities. */
  function verdictMatches(v: Verdict, severities: Map<string, Severity>): { id: string; rank: number }[] {
    const ids = [v.finding.rule.id, ...v.finding.alsoMatched.filter((m) => m.setAside === undefined).map((m) => m.rule.id)];
    return ids.map((id) => ({ id, rank: severityRank(severities.get(id) ?? 'info') }));
  }

  it('keeps every verdict when a suppression is scoped to another rule that matched the same component', async () => {
    const severities = await ruleSeverities();
    const lines = ['suppressions:'];
    let scoped = 0;
    for (const v of before.values()) {
      const matches = verdictMatches(v, severities);
      const top = Math.max(...matches.map((m) => m.rank));
      const keep = matches.find((m) => m.rank === top)?.id;
      for (const m of matches) {
        if (m.id === keep) continue;
        scoped++;
        lines.push(`  - rule: ${m.id}`, `    component: ${JSON.stringify(v.finding.component.name)}`, '    reason: accepted for this rule only', '    expires: 2099-12-31');
      }
    }
    expect(scoped).toBeGreaterThan(5);
    const policy = write('policy.yaml', `${lines.join('\n')}\n`);
    const { report } = await scanFile(CDX_FILE, ['--config', policy]);
    expect(compare(before, verdicts(report))).toEqual([]);
  });

  it('keeps every component flagged when its speaking rule alone is suppressed and other rules bear on its verdict', async () => {
    const severities = await ruleSeverities();
    const multi = [...before.values()].filter((v) => verdictMatches(v, severities).length > 1);
    expect(multi.length).toBeGreaterThan(5);
    const lines = ['suppressions:'];
    for (const v of multi) lines.push(`  - rule: ${v.finding.rule.id}`, `    component: ${JSON.stringify(v.finding.component.name)}`, '    reason: accepted for this rule only', '    expires: 2099-12-31');
    const { report } = await scanFile(CDX_FILE, ['--config', write('policy.yaml', `${lines.join('\n')}\n`)]);
    const after = verdicts(report);
    const lost = multi.filter((v) => !after.get(v.finding.component.ref) || after.get(v.finding.component.ref)?.suppressed).map((v) => v.finding.component.ref);
    expect(lost).toEqual([]);
  });

  for (const order of ['suite first', 'clean document first']) {
    it(`scans every document of a file that concatenates the suite with a clean document (${order}), or refuses the file`, async () => {
      const clean = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] });
      const suite = JSON.stringify(SUITE);
      const { code, report } = await scanFile(write('concatenated.json', order === 'suite first' ? `${suite}\n${clean}\n` : `${clean}\n${suite}\n`));
      if (report.documents.some((d) => d.error !== null)) {
        expect(code).toBe(2);
        return;
      }
      expect(report.summary.components).toBe(baseline.report.summary.components + 1);
      expect(compare(before, verdicts(report))).toEqual([]);
      expect(code).toBe(1);
    });
  }
});

describe('metamorphic suite: line endings in every text format of the labelled suite', () => {
  for (const [format, file] of Object.entries(labels.files)) {
    if (/gzip|intoto/.test(format)) continue;
    for (const [name, rewrite] of Object.entries(LINE_ENDINGS)) {
      it(`${format} with ${name} line endings keeps every verdict`, async () => {
        const original = path.join(EVAL_DIR, file);
        const first = await scanFile(original);
        const was = verdicts(first.report);
        expect(was.size).toBeGreaterThan(20);
        const { code, report } = await scanFile(write(file, rewrite(readFileSync(original, 'utf8'))));
        expect(report.documents.map((d) => d.error)).toEqual([null]);
        expect(report.summary.components).toBe(first.report.summary.components);
        expect(compare(was, verdicts(report))).toEqual([]);
        expect(code).toBe(1);
      });
    }
  }
});
