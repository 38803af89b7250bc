// Issue 4: the labelled evaluation suite scores precision and recall 1.0 in every format (npm run eval, in-process).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_DIR, evaluate, perfect, readLabels, renderScores } from '../bench/eval-lib.js';

describe('evaluation suite (test/eval-suite)', () => {
  it('labels many disguises and real look-alikes', () => {
    const labels = readLabels();
    const positives = labels.components.filter((l) => l.expect !== 'clean');
    const negatives = labels.components.filter((l) => l.expect === 'clean');
    expect(positives.length).toBeGreaterThanOrEqual(60);
    expect(negatives.length).toBeGreaterThanOrEqual(50);
    // Every category of the curated rules is exercised by at least one positive.
    const prefixes = new Set(positives.map((l) => /^KL-([A-Z]+)-/.exec(l.expect)?.[1]));
    for (const p of ['ENT', 'SDK', 'PRD', 'API', 'NET', 'OEM', 'OSS', 'INT']) expect(prefixes.has(p), p).toBe(true);
    expect(labels.services.some((s) => s.expect !== 'clean')).toBe(true);
    expect(Object.keys(labels.files)).toHaveLength(11);
  });

  it('scores precision and recall 1.0 in every format', async () => {
    const scores = await evaluate();
    expect(scores).toHaveLength(11);
    for (const s of scores) {
      expect(s.problems, s.format).toEqual([]);
      expect({ format: s.format, precision: s.precision, recall: s.recall }).toEqual({ format: s.format, precision: 1, recall: 1 });
      expect(s.truePositives, s.format).toBeGreaterThan(40);
      expect(s.trueNegatives, s.format).toBeGreaterThan(40);
    }
    expect(perfect(scores), renderScores(scores)).toBe(true);
  });

  it('is not vacuous: a label the scan disagrees with costs precision and recall, and is listed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-eval-'));
    try {
      cpSync(EVAL_DIR, dir, { recursive: true });
      const labels = readLabels();
      const components = labels.components.map((l) => {
        if (l.ref === 'kasperskytip') return { ...l, expect: 'KL-API-001' };
        if (l.ref === 'p-kics') return { ...l, expect: 'KL-PRD-022' };
        return l;
      });
      writeFileSync(path.join(dir, 'labels.json'), JSON.stringify({ ...labels, files: { 'cyclonedx-json-1.6': labels.files['cyclonedx-json-1.6'] }, components }));
      const [s] = await evaluate(dir);
      expect(s?.precision).toBeLessThan(1);
      expect(s?.recall).toBeLessThan(1);
      expect(s?.misses.map((m) => [m.name, m.expect, m.got])).toEqual([
        ['kasperskytip', 'KL-API-001', 'KL-API-005'],
        ['kics', 'KL-PRD-022', null],
      ]);
      expect(s?.falseAlarms.map((m) => m.name)).toEqual(['kasperskytip']);
      expect(perfect(s ? [s] : [])).toBe(false);
      expect(renderScores(s ? [s] : [])).toMatch(/miss: +component kics/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
