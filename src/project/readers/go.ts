// Go modules: go.mod (require directives, `// indirect` marks) and go.sum (every module version it checksums).
import path from 'node:path';
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { splitLines } from '../lines.js';
import { malformedAt, type ProjectReader } from '../reader.js';

function golang(mod: string, version: string, line: number): PackageSpec {
  const i = mod.lastIndexOf('/');
  return { type: 'golang', ...(i > 0 && { namespace: mod.slice(0, i) }), name: i > 0 ? mod.slice(i + 1) : mod, version, line };
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1').replace(/^`(.*)`$/, '$1');

function readGoMod(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('go-mod', '1', source);
  let block: string | undefined;
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const code = raw.replace(/\/\/.*$/, '').trim();
    if (!code) return;
    if (block !== undefined) {
      if (code === ')') {
        block = undefined;
        return;
      }
      if (block === 'require') req(code, line, indirect);
      return;
    }
    const m = /^(module|go|toolchain|require|replace|exclude|retract|godebug|tool|ignore)\b\s*(.*)$/.exec(code);
    if (!m) throw malformedAt(line, `unknown go.mod directive: ${JSON.stringify(code.slice(0, 60))}`);
    const [, verb, rest = ''] = m;
    if (rest === '(') block = verb;
    else if (verb === 'module') b.name(unquote(rest));
    else if (verb === 'require') req(rest, line, indirect);
  });
  function req(spec: string, line: number, indirect: boolean) {
    const [mod, version] = spec.split(/\s+/).map(unquote);
    if (!mod || !version) throw malformedAt(line, `a require needs a module path and a version: ${JSON.stringify(spec)}`);
    const ref = b.add(`${mod}@${version}`, { ...golang(mod, version, line), ...(indirect && { properties: [{ name: 'go:indirect', value: 'true' }] }) });
    if (!indirect) b.direct(ref);
  }
  return b.build({ manifest: source, command: 'remove the imports of NAME, then go mod tidy' });
}

function readGoSum(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('go-sum', '1', source);
  const seen = new Set<string>();
  splitLines(text).forEach((raw, i) => {
    const l = raw.trim();
    if (!l) return;
    const [mod, ver, hash] = l.split(/\s+/);
    if (!mod || !ver || !hash?.startsWith('h1:')) throw malformedAt(i + 1, 'a go.sum line is "module version h1:hash"');
    const version = ver.replace(/\/go\.mod$/, '');
    const key = `${mod}@${version}`;
    if (seen.has(key)) return;
    seen.add(key);
    b.add(key, golang(mod, version, i + 1));
  });
  return b.build({ manifest: path.join(path.dirname(source), 'go.mod'), command: 'remove the imports of NAME, then go mod tidy' });
}

export const goMod: ProjectReader = { format: 'go-mod', description: 'go.mod', claims: (n) => n === 'go.mod', read: readGoMod };
export const goSum: ProjectReader = { format: 'go-sum', description: 'go.sum', claims: (n) => n === 'go.sum', read: readGoSum };
