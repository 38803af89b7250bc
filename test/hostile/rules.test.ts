// Hostile rule packs: every pattern runs on a linear-time engine (RE2), super-linear constructs are refused at load, the manifest seals the curated pack.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileRules, LazyPattern, patternRegex, type LinearRegex } from '../../src/match/compile.js';
import { matchComponent } from '../../src/match/matcher.js';
import { CURATED_RULES_DIR } from '../../src/paths.js';
import { loadRuleFile, loadRuleSet, MAX_PATTERN_PROGRAM, MAX_TOTAL_PROGRAM, superLinearConstruct } from '../../src/ruleset/load.js';
import type { LoadedRule } from '../../src/ruleset/types.js';
import { prepareRules } from '../../src/scan.js';
import { component, loadError, RULE_DATA } from '../helpers/builders.js';
import { cli } from '../helpers/cli.js';

const RULE = RULE_DATA;

function pack(rules: unknown[], name = 'rules.json'): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-hostile-rules-'));
  writeFileSync(path.join(dir, name), JSON.stringify({ rules }));
  return { dir, file: path.join(dir, name) };
}

function withPattern(pattern: string, kind: 'name' | 'text' = 'name', id = 'ACME-X-001'): unknown {
  return { ...RULE, id, conditions: [{ kind, pattern }] };
}

function patternsOf(rules: readonly LoadedRule[]): string[] {
  const out: string[] = [];
  const walk = (c: LoadedRule['conditions'][number]): void => {
    if (c.kind === 'all') c.of.forEach(walk);
    else if ((c.kind === 'name' || c.kind === 'text') && c.pattern !== undefined) out.push(c.pattern);
  };
  for (const r of rules) r.conditions.forEach(walk);
  return out;
}

/** The engine behind a compiled rule pattern (compiled on first use). */
function engineOf(regex: LinearRegex): unknown {
  return regex instanceof LazyPattern ? regex.engine : regex;
}

describe('rule patterns run on RE2', () => {
  const prepared = prepareRules();

  it('every pattern and both pre-filters of the compiled curated rules are RE2 programs, not backtracking RegExps', () => {
    const c = prepared.compiled;
    expect(c.namePatterns.length + c.textPatterns.length).toBeGreaterThan(10);
    for (const p of [...c.namePatterns, ...c.textPatterns]) expect(engineOf(p.regex)).toBeInstanceOf(RE2JS);
    for (const re of [...c.namePrefilter, ...c.textPrefilter]) expect(re).toBeInstanceOf(RE2JS);
  });

  it('every curated pattern keeps its JavaScript meaning on RE2 (checked on names built to match and to miss)', () => {
    for (const p of patternsOf(prepared.set.rules)) {
      const js = new RegExp(p, 'iu');
      const re2 = patternRegex(p);
      for (const s of ['kaspersky', 'Kaspersky Scan Engine', 'kaspersky-endpoint-security', 'KAV SDK', 'zywall 100 utm', 'junos', '@kaspersky/hexa-ui', 'left-pad', 'Kaspersky\u00a0Scan\u00a0Engine', 'a\rb', 'kaspersky\nlab']) {
        expect(re2.test(s), `/${p}/ on ${JSON.stringify(s)}`).toBe(js.test(s));
      }
    }
  });

  it('a pattern that is catastrophic for a backtracking engine but has no nested quantifier is accepted, and runs in linear time', () => {
    // (a|aa)*$ and (\s|\S)*x backtrack exponentially in V8; RE2 reads the input once.
    const rules = loadRuleFile(pack([withPattern('^(a|aa)*$'), withPattern('^(\\s|\\S)*x$', 'text', 'ACME-X-002')]).file, 'p');
    const compiled = compileRules(rules);
    for (const p of [...compiled.namePatterns, ...compiled.textPatterns]) expect(engineOf(p.regex)).toBeInstanceOf(RE2JS);
    const hostile = component({ name: `${'a'.repeat(5000)}!`, description: `${'ab '.repeat(3000)}!` });
    expect(matchComponent(compiled, hostile)).toEqual([]);
    expect(matchComponent(compiled, component({ name: 'aaaa' })).map((m) => m.ruleId)).toEqual(['ACME-X-001']);
  });
});

describe('patterns refused at load, naming the file and the rule', () => {
  const refused: Record<string, [string, RegExp]> = {
    'a nested quantifier': ['^(a+)+$', /may take more than linear time \(a repeated group that holds an unbounded quantifier\)/],
    'a starred group holding a star': ['(a*b)*', /linear time/],
    'a deeper nested quantifier': ['((x+)y){2,}', /linear time/],
    'a non-capturing nested quantifier': ['(?:[a-z]+-)+$', /linear time/],
    'a backreference': ['(a)\\1', /linear time \(a backreference\)/],
    'a named backreference': ['(?<n>a)\\k<n>', /a backreference/],
    'a lookahead': ['kaspersky(?=-lab)', /a lookahead or lookbehind/],
    'a lookbehind': ['(?<!not-)kaspersky', /a lookahead or lookbehind/],
    'a repeat count RE2 refuses': ['a{1001}', /cannot run on RE2.*invalid repeat count/],
    'a program too large': ['[a-z]{600}[0-9]{600}', new RegExp(`too large \\(\\d+ RE2 instructions, at most ${MAX_PATTERN_PROGRAM}\\)`)],
    'an invalid JavaScript pattern': ['(unclosed', /does not compile/],
    'a pattern only RE2 understands': ['\\Akaspersky\\z', /does not compile/],
  };
  for (const [what, [pattern, message]] of Object.entries(refused)) {
    it(`${what}: /${pattern}/`, () => {
      for (const kind of ['name', 'text'] as const) {
        const { file } = pack([RULE, withPattern(pattern, kind, 'ACME-BAD-001')]);
        const e = loadError(() => loadRuleFile(file, 'hostile'));
        expect(e.file).toBe(file);
        expect(e.ruleId).toBe('ACME-BAD-001');
        expect(e.message).toMatch(message);
      }
    });
  }

  it('inside an `all` condition too', () => {
    const { file } = pack([{ ...RULE, conditions: [{ kind: 'all', of: [{ kind: 'cpe', vendors: ['x'] }, { kind: 'name', pattern: '(x+)*y' }] }] }]);
    expect(loadError(() => loadRuleFile(file, 'hostile')).message).toMatch(/linear time/);
  });

  it('patterns whose total size would make every name slow to test', () => {
    const each = '[a-z]{90}[0-9]{90}[a-f]{90}';
    const size = patternRegex(each).programSize();
    const count = Math.ceil(MAX_TOTAL_PROGRAM / size) + 1;
    const { dir } = pack(Array.from({ length: count }, (_, i) => withPattern(`${each}x${i}`, 'name', `ACME-BIG-${i + 1}`)));
    const e = loadError(() => loadRuleSet([{ dir, name: 'big' }]));
    expect(e.message).toMatch(new RegExp(`more than the ${MAX_TOTAL_PROGRAM} allowed`));
  });

  it('the check of a hostile pattern is itself one pass: a megabyte of parentheses and quantifiers', () => {
    expect(superLinearConstruct(`${'('.repeat(300_000)}a${'+'.repeat(300_000)}`)).toBeUndefined();
    expect(superLinearConstruct(`${'(a'.repeat(200_000)}${')+'.repeat(200_000)}`)).toMatch(/repeated group/);
    expect(superLinearConstruct(`[${'\\'.repeat(500_001)}`)).toBeUndefined();
  });

  it('the CLI refuses such a pack with exit 2 and names the file and the rule', async () => {
    const { dir, file } = pack([withPattern('^(a+)+$', 'name', 'ACME-BAD-002')]);
    const r = await cli(['rules', 'validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(file);
    expect(r.stdout + r.stderr).toContain('ACME-BAD-002');
    const s = await cli(['scan', '-', '--rules-only', dir], { stdin: '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}' });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/rule pack error: .*ACME-BAD-002.*linear time/);
  });
});

describe('the pack manifest', () => {
  function copyOfCurated(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-hostile-curated-'));
    for (const f of readdirSync(CURATED_RULES_DIR)) copyFileSync(path.join(CURATED_RULES_DIR, f), path.join(dir, f));
    return dir;
  }

  it('a curated file with a planted pattern is refused for its hash before any of its patterns is compiled', () => {
    const dir = copyOfCurated();
    const target = path.join(dir, 'products.json');
    const doc = JSON.parse(readFileSync(target, 'utf8')) as { rules: unknown[] };
    doc.rules.push(withPattern('^(a+)+$', 'name', 'KL-PLANTED-001'));
    writeFileSync(target, JSON.stringify(doc, null, 2));
    const e = loadError(() => loadRuleSet([{ dir, name: 'curated', requireManifest: true }]));
    expect(e.file).toBe(target);
    expect(e.message).toMatch(/has changed since the pack manifest was written/);
  });

  it('a manifest naming files outside the pack, or prototype keys, reads nothing outside it', () => {
    const dir = copyOfCurated();
    const manifest = JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8')) as { files: Record<string, string> };
    const tampered = JSON.stringify({ ...manifest, files: { ...manifest.files, '../../etc/passwd': '0'.repeat(64) } });
    writeFileSync(path.join(dir, 'pack.json'), tampered.replace('"files":{', '"files":{"__proto__":"' + '0'.repeat(64) + '",'));
    const e = loadError(() => loadRuleSet([{ dir, name: 'curated', requireManifest: true }]));
    expect(e.message).toMatch(/lists (__proto__|\.\.\/\.\.\/etc\/passwd), which is missing|pack manifest/);
  });
});
