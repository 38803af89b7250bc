// Every file of the shared corpus, through the library API, against the `expect` column of its SOURCES.md.
import { describe, expect, it } from 'vitest';
import { prepareRules, scan } from '../../src/index.js';
import { corpusEntries, CORPUS_FORMATS, CORPUS_MISSING, withCorpus } from '../helpers/corpus.js';

const entries = corpusEntries();
const rules = prepareRules();
const NOW = new Date('2025-01-01T00:00:00Z');

const FORMATS = CORPUS_FORMATS;

/** Where ictscan knowingly counts differently from SOURCES.md, and why. */
const DEVIATIONS: Readonly<Record<string, { readonly components: number; readonly why: string }>> = {};

describe.skipIf(CORPUS_MISSING)(withCorpus('corpus (../shared/corpus)'), () => {
  it('has the files SOURCES.md lists', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
  });

  for (const entry of entries) {
    it(`${entry.file}: ${entry.raw.slice(0, 60)}`, async () => {
      const report = await scan({ inputs: [entry.path], now: NOW }, rules);
      expect(report.documents).toHaveLength(1);
      const doc = report.documents[0];
      if (!doc) return;
      const deviation = DEVIATIONS[entry.file];
      switch (entry.expect.kind) {
        case 'read': {
          expect(doc.error, doc.error ?? '').toBeNull();
          expect(doc.components).toBe(deviation ? deviation.components : entry.expect.components);
          const format = FORMATS[entry.format];
          if (format) expect(doc.format).toBe(format);
          break;
        }
        case 'reject':
          expect(doc.error).toEqual(expect.stringContaining(entry.file));
          expect(doc.errorCode).not.toBeNull();
          break;
        case 'either':
          if (doc.error !== null) expect(doc.error).toContain(entry.file);
          else expect(doc.components).toBeGreaterThanOrEqual(0);
          break;
        default: {
          const never: never = entry.expect;
          throw new Error(`unknown expectation ${JSON.stringify(never)}`);
        }
      }
    });
  }

  it('reads the in-toto attestation inside its DSSE envelope', async () => {
    const entry = entries.find((e) => e.file === 'trivy__sbom.cdx.intoto.jsonl');
    if (!entry) return;
    const report = await scan({ inputs: [entry.path], now: NOW }, rules);
    expect(report.documents[0]?.wrappers).toEqual(['dsse', 'in-toto']);
    expect(report.documents[0]?.format).toBe('cyclonedx-json');
  });

  it('rejects the unknown CycloneDX namespace by name', async () => {
    const entry = entries.find((e) => e.file === 'cdxspec__invalid-namespace-1.6.xml');
    if (!entry) return;
    const report = await scan({ inputs: [entry.path], now: NOW }, rules);
    expect(report.documents[0]?.errorCode).toBe('unsupported-version');
    expect(report.documents[0]?.error).toContain('http://cyclonedx.org/schema/bom/12');
  });
});
