// The evaluation of issue 4: scan the labelled suite (test/eval-suite) in every format and score it against its labels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareRules, scan } from '../src/scan.js';
import type { PreparedRules } from '../src/scan.js';
import type { Finding } from '../src/model/result.js';
import { PACKAGE_ROOT } from '../src/paths.js';

export const EVAL_DIR = path.join(PACKAGE_ROOT, 'test', 'eval-suite');
/** Scan time of the evaluation: fixed, so the scores never depend on the clock. */
const NOW = new Date('2026-11-21T00:00:00Z');

/** One labelled component or service, as test/eval-suite/labels.json holds it. */
export interface Label {
  readonly ref: string;
  /** The names the component is written under (CycloneDX group/name, and the name other generators write). */
  readonly names: readonly string[];
  readonly purl?: string;
  /** The rule id that must flag it at the default confidence, `category:NAME`, or `clean`. */
  readonly expect: string;
  readonly disguise: string;
  readonly nestedIn?: string;
  /** Formats the case is not written in, with the reason (the format cannot carry what the case relies on). */
  readonly absentFrom?: Readonly<Record<string, string>>;
  /** A case missed today for a reason outside the rule data (a reader or matcher limit): listed, not scored. */
  readonly knownGap?: string;
}

export interface Labels {
  readonly files: Readonly<Record<string, string>>;
  readonly components: readonly Label[];
  readonly services: readonly Label[];
}

export type Verdict = 'true-positive' | 'false-negative' | 'false-positive' | 'true-negative' | 'wrong-rule' | 'known-gap';

/** What happened to one labelled case (or to a finding no label accounts for) in one format. */
export interface Outcome {
  readonly ref: string;
  readonly name: string;
  readonly kind: 'component' | 'service';
  readonly expect: string;
  /** The rule that flagged it, or null. */
  readonly got: string | null;
  readonly disguise: string;
  readonly verdict: Verdict;
  /** Why a known gap is missed. */
  readonly gap?: string;
}

export interface FormatScore {
  readonly format: string;
  readonly file: string;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  /** Positives not flagged, or flagged by another rule than the label's. */
  readonly misses: readonly Outcome[];
  /** Negatives flagged, positives flagged by another rule, and findings no label accounts for. */
  readonly falseAlarms: readonly Outcome[];
  /** Cases the format cannot express, left out of its document. */
  readonly absent: number;
  /** Known gaps still missed (not scored). */
  readonly knownGaps: readonly Outcome[];
  /** Problems with the run itself (unreadable document, component count off): each fails the evaluation. */
  readonly problems: readonly string[];
}

export function readLabels(dir: string = EVAL_DIR): Labels {
  return JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Labels;
}

/** Whether a finding's rule satisfies a label: the exact rule id, or any rule of `category:NAME`. */
function satisfies(expect: string, f: Finding): boolean {
  if (expect.startsWith('category:')) return f.rule.category === expect.slice('category:'.length);
  return f.rule.id === expect;
}

/** The finding for a label: by purl when the label has one (names repeat across ecosystems), else by name. */
function findingFor(label: Label, kind: 'component' | 'service', findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.component.kind === kind && (label.purl !== undefined ? f.component.purl === label.purl : label.names.includes(f.component.name)));
}

/** SPDX (2 and 3) counts the described package among its packages; CycloneDX and Syft keep the root apart. */
const ROOT_IS_COUNTED = (format: string): boolean => format.startsWith('spdx');

/** Score one format's document against the labels. */
function score(format: string, file: string, labels: Labels, findings: readonly Finding[], components: number | undefined, error: string | null): FormatScore {
  const outcomes: Outcome[] = [];
  const used = new Set<Finding>();
  const fixed: string[] = [];
  let absent = 0;
  const cases: [Label, 'component' | 'service'][] = [...labels.components.map((l): [Label, 'component'] => [l, 'component']), ...labels.services.map((l): [Label, 'service'] => [l, 'service'])];
  for (const [label, kind] of cases) {
    if (label.absentFrom?.[format] !== undefined) {
      absent++;
      continue;
    }
    const f = findingFor(label, kind, findings);
    if (f) used.add(f);
    const got = f ? f.rule.id : null;
    const base = { ref: label.ref, name: label.names[0] ?? label.ref, kind, expect: label.expect, got, disguise: label.disguise };
    if (label.knownGap !== undefined) {
      // Strict: a known gap that passes must lose its mark, or the gap list would rot.
      if (f && satisfies(label.expect, f)) fixed.push(`${label.names[0] ?? label.ref} (${label.disguise}) is marked as a known gap but is now flagged by ${f.rule.id}: remove its knownGap mark in scripts/eval-suite.mjs`);
      else outcomes.push({ ...base, verdict: 'known-gap', gap: label.knownGap });
      continue;
    }
    if (label.expect === 'clean') outcomes.push({ ...base, verdict: f ? 'false-positive' : 'true-negative' });
    else if (!f) outcomes.push({ ...base, verdict: 'false-negative' });
    else outcomes.push({ ...base, verdict: satisfies(label.expect, f) ? 'true-positive' : 'wrong-rule' });
  }
  // A finding no label accounts for is a false alarm too (the application root, a component read twice, …).
  for (const f of findings) {
    if (used.has(f)) continue;
    outcomes.push({ ref: f.component.ref, name: f.component.name, kind: f.component.kind, expect: '(unlabelled)', got: f.rule.id, disguise: 'a finding no label accounts for', verdict: 'false-positive' });
  }
  const count = (v: Verdict): number => outcomes.filter((o) => o.verdict === v).length;
  const wrong = count('wrong-rule');
  const tp = count('true-positive');
  const fp = count('false-positive') + wrong;
  const fn = count('false-negative') + wrong;
  const problems: string[] = [];
  if (error !== null) problems.push(`${file} could not be read: ${error}`);
  problems.push(...fixed);
  const expected = labels.components.filter((l) => l.absentFrom?.[format] === undefined).length + (ROOT_IS_COUNTED(format) ? 1 : 0);
  if (components !== undefined && components !== expected) problems.push(`${file}: read ${components} components, the labels account for ${expected}`);
  return {
    format,
    file,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: count('true-negative'),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    misses: outcomes.filter((o) => o.verdict === 'false-negative' || o.verdict === 'wrong-rule'),
    falseAlarms: outcomes.filter((o) => o.verdict === 'false-positive' || o.verdict === 'wrong-rule'),
    absent,
    knownGaps: outcomes.filter((o) => o.verdict === 'known-gap'),
    problems,
  };
}

/** Scan every file of the suite with the curated rules at the default confidence and score each against the labels. */
export async function evaluate(dir: string = EVAL_DIR, prepared: PreparedRules = prepareRules()): Promise<FormatScore[]> {
  const labels = readLabels(dir);
  const out: FormatScore[] = [];
  for (const [format, file] of Object.entries(labels.files)) {
    const report = await scan({ inputs: [path.join(dir, file)], now: NOW }, prepared);
    const doc = report.documents[0];
    out.push(score(format, file, labels, report.findings, doc?.components, doc ? doc.error : 'no document'));
  }
  return out;
}

/** True when every format scores precision and recall 1.0 and ran without problems. */
export function perfect(scores: readonly FormatScore[]): boolean {
  return scores.length > 0 && scores.every((s) => s.precision === 1 && s.recall === 1 && s.problems.length === 0);
}

const pct = (x: number): string => x.toFixed(3);

/** The evaluation as text: one line per format, then every miss and false alarm. */
export function renderScores(scores: readonly FormatScore[]): string {
  const lines: string[] = [];
  const width = Math.max(...scores.map((s) => s.format.length), 6);
  lines.push(`${'format'.padEnd(width)}  ${['TP', 'FP', 'FN', 'TN', 'absent', 'gaps'].map((h) => h.padStart(7)).join('')}  precision  recall`);
  for (const s of scores) {
    lines.push(`${s.format.padEnd(width)}  ${[s.truePositives, s.falsePositives, s.falseNegatives, s.trueNegatives, s.absent, s.knownGaps.length].map((n) => String(n).padStart(7)).join('')}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}`);
  }
  for (const s of scores) {
    if (s.misses.length === 0 && s.falseAlarms.length === 0 && s.problems.length === 0) continue;
    lines.push('', `${s.format} (${s.file}):`);
    for (const p of s.problems) lines.push(`  problem: ${p}`);
    for (const m of s.misses) lines.push(`  miss:        ${m.kind} ${m.name} (${m.disguise}): expected ${m.expect}, got ${m.got ?? 'nothing'}`);
    for (const a of s.falseAlarms) if (a.verdict !== 'wrong-rule') lines.push(`  false alarm: ${a.kind} ${a.name} (${a.disguise}): flagged by ${a.got ?? '?'}, expected ${a.expect}`);
  }
  const gaps = new Map<string, Outcome>();
  for (const s of scores) for (const g of s.knownGaps) gaps.set(g.ref, g);
  if (gaps.size > 0) {
    lines.push('', 'known gaps (missed for a reason outside the rule data; listed, not scored):');
    for (const g of gaps.values()) lines.push(`  - ${g.kind} ${g.name} (${g.disguise}): expected ${g.expect}; ${g.gap ?? ''}`);
  }
  lines.push('', perfect(scores) ? 'precision and recall are 1.0 in every format' : 'precision or recall is below 1.0 in at least one format');
  return `${lines.join('\n')}\n`;
}
