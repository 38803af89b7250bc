// ictscan runs on a machine with only Node: no module starts a system binary (CycloneDX XML is checked by libxml2 in WebAssembly).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const SRC = path.join(PACKAGE_ROOT, 'src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('no system binary', () => {
  it('no module in src imports child_process', () => {
    const sources = files(SRC);
    expect(sources.length).toBeGreaterThan(50);
    for (const f of sources) expect(readFileSync(f, 'utf8'), f).not.toMatch(/['"](?:node:)?child_process['"]/);
  });
});
