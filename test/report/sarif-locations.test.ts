// SARIF for GitHub code scanning: locations relative to the repository root (--sarif-root, default the working
// directory) under uriBaseId %SRCROOT%, plain message text, and the matches that do not count said as such.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

interface Sarif {
  runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[];
}

const repo = mkdtempSync(path.join(tmpdir(), 'ictscan-sarif-'));
mkdirSync(path.join(repo, 'build', 'sbom'), { recursive: true });
const SBOM = path.join(repo, 'build', 'sbom', 'app.cdx.json');
writeFileSync(
  SBOM,
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    components: [{ type: 'library', group: '@kaspersky', name: 'hexa-ui', version: '6.198.2', purl: 'pkg:npm/%40kaspersky/hexa-ui@6.198.2', author: 'AO Kaspersky Lab', externalReferences: [{ type: 'vcs', url: 'https://github.com/KasperskyLab/hexa-ui' }] }],
  }),
);

async function sarif(args: string[]): Promise<Sarif> {
  const r = await cli(['scan', SBOM, '-f', 'sarif', ...args]);
  return JSON.parse(r.stdout) as Sarif;
}

describe('SARIF locations', () => {
  it('are relative to --sarif-root under %SRCROOT%', async () => {
    const loc = (await sarif(['--sarif-root', repo])).runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation;
    expect(loc).toEqual({ uri: 'build/sbom/app.cdx.json', uriBaseId: '%SRCROOT%' });
    const sub = (await sarif(['--sarif-root', path.join(repo, 'build')])).runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation;
    expect(sub).toEqual({ uri: 'sbom/app.cdx.json', uriBaseId: '%SRCROOT%' });
  });

  it('message text is plain: brackets as written, no Markdown escapes, set-aside matches said so', async () => {
    const text = (await sarif([])).runs[0]?.results[0]?.message.text ?? '';
    expect(text).not.toMatch(/\\[[\]().-]/);
    expect(text).toMatch(/externalReferences\[vcs\]/);
    expect(text).toMatch(/Also matched KL-ENT-001 \(legal-entity, banned; set aside: KL-OSS-001 identifies/);
  });
});
