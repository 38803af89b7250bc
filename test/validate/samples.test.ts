// The bundled samples must pass the schemas ictscan checks others against.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { validateFile, why } from './helpers.js';

const SAMPLES = ['sbom-samples', 'test/sample-app', 'test/eval-suite'].map((d) => path.join(PACKAGE_ROOT, d));
const files = SAMPLES.flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile())
  .map((e) => path.join(e.parentPath, e.name))
  .sort();

describe('the samples and the evaluation suite against their schemas', () => {
  it('has CycloneDX JSON and SPDX JSON samples', async () => {
    const formats = await Promise.all(files.map(async (f) => (await validateFile(f, { skipNonSbom: true })).format));
    expect(formats).toContain('cyclonedx-json');
    expect(formats).toContain('spdx-json');
  });

  for (const file of files) {
    it(`${path.relative(PACKAGE_ROOT, file)} is valid, or has no schema to check`, async () => {
      const r = await validateFile(file, { skipNonSbom: true });
      expect(['valid', 'unchecked', 'skipped'], why(r)).toContain(r.status);
      if (r.format === 'cyclonedx-json' || r.format === 'spdx-json') expect(r.status, why(r)).toBe('valid');
    });
  }
});
