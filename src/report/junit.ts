// JUnit XML for GitLab, Jenkins and Azure Pipelines test reports: a suite per SBOM, a test case per finding.
import type { DocumentReport, Finding, ScanReport } from '../model/result.js';
import { severityRank } from '../model/severity.js';
import type { Reporter, ReportContext } from './reporter.js';
import { plain } from './sanitize.js';
import { componentLabel, deadlineLabel, evidenceLabel, formatLabel, partialCheckNote, pathLabel, rulesOnlyNote, whereLabel } from './text.js';

/** What XML 1.0 forbids outright: controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
// Attribute-value normalization turns raw tab, LF and CR into spaces; character references survive it.
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '\t': '&#9;', '\n': '&#10;' };

/** Text content for XML 1.0: markup characters escaped, forbidden characters removed (a parser would reject the file). */
export function escapeXmlText(s: string): string {
  return s.replace(XML_FORBIDDEN, '').replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** An attribute value for XML 1.0, quoted with either quote; whitespace kept as character references. */
export function escapeXmlAttribute(s: string): string {
  return s.replace(XML_FORBIDDEN, '').replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

function attributes(attrs: Readonly<Record<string, string | number>>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`)
    .join('');
}

/** Whether a finding fails the gate: at or above --fail-on, and not suppressed (a suppression is an accepted risk). */
export function failsGate(f: Finding, failOn: ReportContext['failOn']): boolean {
  if (f.suppression) return false;
  switch (failOn) {
    case 'none':
      return false;
    case 'any':
      return true;
    default:
      return severityRank(f.severity) >= severityRank(failOn);
  }
}

type Outcome =
  | { readonly kind: 'pass'; readonly out: string }
  | { readonly kind: 'failure'; readonly message: string; readonly type: string; readonly body: string }
  | { readonly kind: 'error'; readonly message: string; readonly type: string; readonly body: string }
  | { readonly kind: 'skipped'; readonly message: string; readonly out: string };

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly outcome: Outcome;
}

/** The plan for one finding as plain text, each line made safe for display (SBOM values included). */
function planText(f: Finding): string {
  const out = [
    `${f.rule.id} ${f.rule.title} [${f.rule.status}, ${f.rule.category}]`,
    `Component: ${componentLabel(f.component)}${f.component.purl ? ` (${f.component.purl})` : ''}`,
    `Severity: ${f.severity}; confidence: ${f.confidence}; priority: ${f.remediation.priority}`,
  ];
  const why = evidenceLabel(f);
  if (why) out.push(`Why: ${why}`);
  if (f.alsoMatched.length > 0) out.push(`Also matched: ${f.alsoMatched.map((m) => `${m.rule.id} (${m.rule.category}, ${m.rule.status})`).join('; ')}`);
  out.push(`Where: ${whereLabel(f)}`);
  const first = f.paths[0];
  if (first) {
    const rest = f.pathCount - f.paths.length;
    out.push(`Path: ${pathLabel(first)}${rest > 0 ? ` (+${rest}${f.pathCountExact ? '' : '+'} more)` : ''}`);
  }
  out.push(`Do (${f.remediation.action}): ${f.remediation.summary}`, ...f.remediation.steps.map((s) => `  - ${s}`));
  out.push(`By when: ${deadlineLabel(f)}`);
  if (f.remediation.alternatives.length > 0) out.push(`Instead: ${f.remediation.alternatives.join('; ')}`);
  if (f.suppression) out.push(`Suppressed: ${f.suppression.reason}${f.suppression.expires ? ` (expires ${f.suppression.expires})` : ''}`);
  return out.map(plain).join('\n');
}

function findingCase(f: Finding, ctx: ReportContext): TestCase {
  const name = plain(`${f.rule.id} ${componentLabel(f.component)}`);
  const classname = plain(f.source);
  const body = planText(f);
  if (f.suppression) return { name, classname, outcome: { kind: 'skipped', message: plain(`suppressed: ${f.suppression.reason}`), out: body } };
  if (failsGate(f, ctx.failOn)) {
    const message = plain(`${f.severity} ${f.rule.id}: ${componentLabel(f.component)}: ${f.remediation.action}, ${f.remediation.deadline.due}`);
    return { name, classname, outcome: { kind: 'failure', message, type: f.severity, body } };
  }
  return { name, classname, outcome: { kind: 'pass', out: body } };
}

function scanCase(d: DocumentReport | undefined, source: string, findings: readonly Finding[], ctx: ReportContext): TestCase {
  const classname = plain(source);
  if (d && d.error !== null) {
    const message = plain(d.error);
    return { name: 'scan', classname, outcome: { kind: 'error', message, type: d.errorCode ?? 'input-error', body: message } };
  }
  const failing = findings.filter((f) => failsGate(f, ctx.failOn));
  const info = d
    ? [`${formatLabel(d.format, d.specVersion)}, ${d.components} components (${d.flaggedComponents} flagged, ${d.cleanComponents} clean, ${d.untestableComponents} untestable), ${d.findings} findings`, ...d.warnings.map((w) => `warning: ${w}`)]
    : [`${findings.length} findings`];
  if (failing.length > 0) {
    const message = `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above --fail-on ${ctx.failOn}`;
    const body = [...failing.map((f) => `${f.severity} ${f.rule.id} ${componentLabel(f.component)}`), '', ...info].map(plain).join('\n');
    return { name: 'scan', classname, outcome: { kind: 'failure', message, type: 'fail-on', body } };
  }
  return { name: 'scan', classname, outcome: { kind: 'pass', out: info.map(plain).join('\n') } };
}

/** Untestable components and unchecked parts are a skipped case: what was not checked neither passes nor fails. */
function coverageCase(d: DocumentReport | undefined, source: string): TestCase | undefined {
  const note = d && partialCheckNote(d);
  if (!d || !note) return undefined;
  const out = [
    ...d.unchecked.map((u) => `not checked: ${u}`),
    ...d.untestable.slice(0, MAX_LISTED).map((c) => `untestable: ${componentLabel(c)}`),
    ...(d.untestable.length > MAX_LISTED ? [`untestable: ${d.untestable.length - MAX_LISTED} more in the JSON report`] : []),
  ];
  return { name: 'coverage', classname: plain(source), outcome: { kind: 'skipped', message: plain(note), out: out.map(plain).join('\n') } };
}

/** Untestable components named in a coverage case; the JSON report has them all. */
const MAX_LISTED = 50;

function caseXml(c: TestCase): string {
  const open = `    <testcase${attributes({ name: c.name, classname: c.classname, time: 0 })}`;
  const o = c.outcome;
  switch (o.kind) {
    case 'pass':
      return `${open}>\n      <system-out>${escapeXmlText(o.out)}</system-out>\n    </testcase>`;
    case 'failure':
      return `${open}>\n      <failure${attributes({ message: o.message, type: o.type })}>${escapeXmlText(o.body)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error${attributes({ message: o.message, type: o.type })}>${escapeXmlText(o.body)}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attributes({ message: o.message })}/>\n      <system-out>${escapeXmlText(o.out)}</system-out>\n    </testcase>`;
    default: {
      const never: never = o;
      return never;
    }
  }
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(cases: readonly TestCase[]): Counts {
  const n = (k: Outcome['kind']): number => cases.filter((c) => c.outcome.kind === k).length;
  return { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
}

export const junitReporter: Reporter = {
  name: 'junit',
  description: 'JUnit XML test report for GitLab, Jenkins and Azure Pipelines',
  render(report: ScanReport, ctx: ReportContext): string {
    const bySource = new Map<string, Finding[]>();
    for (const f of report.findings) {
      const list = bySource.get(f.source);
      if (list) list.push(f);
      else bySource.set(f.source, [f]);
    }
    const documents = new Map(report.documents.map((d) => [d.source, d]));
    // Documents in input order; a finding whose document is missing still gets a suite rather than vanishing.
    const sources = [...documents.keys(), ...[...bySource.keys()].filter((s) => !documents.has(s))];
    const suites = sources.map((source) => {
      const findings = bySource.get(source) ?? [];
      const coverage = coverageCase(documents.get(source), source);
      const cases = [scanCase(documents.get(source), source, findings, ctx), ...(coverage ? [coverage] : []), ...findings.map((f) => findingCase(f, ctx))];
      return { source, cases, counts: count(cases) };
    });
    // Nothing read is an error case, not an empty (and so green) test report.
    if (report.documents.length === 0) {
      const cases: TestCase[] = [{ name: 'inputs', classname: 'ictscan', outcome: { kind: 'error', message: 'no SBOM found in the inputs', type: 'no-input', body: 'no SBOM found in the inputs' } }];
      suites.push({ source: 'ictscan', cases, counts: count(cases) });
    }
    const rulesOnly = rulesOnlyNote(report);
    const properties = rulesOnly ? [`    <properties>`, `      <property${attributes({ name: 'ictscan.rules', value: plain(rulesOnly) })}/>`, '    </properties>'] : [];
    // Entries found while walking and not read are skipped test cases, so that a test view shows what was not checked.
    if (report.skipped.length > 0) {
      const cases: TestCase[] = report.skipped.map((k) => ({ name: 'scan', classname: plain(k.source), outcome: { kind: 'skipped', message: plain(k.reason), out: plain(`${k.source}: ${k.reason}`) } }));
      suites.push({ source: 'skipped while walking directories', cases, counts: count(cases) });
    }
    const total = suites.reduce<Counts>(
      (t, s) => ({ tests: t.tests + s.counts.tests, failures: t.failures + s.counts.failures, errors: t.errors + s.counts.errors, skipped: t.skipped + s.counts.skipped }),
      { tests: 0, failures: 0, errors: 0, skipped: 0 },
    );
    const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'ictscan', ...total, time: 0 })}>`];
    for (const s of suites) {
      out.push(`  <testsuite${attributes({ name: plain(s.source), ...s.counts, time: 0, timestamp: report.scannedAt })}>`);
      out.push(...properties.map((l) => `  ${l}`));
      out.push(...s.cases.map(caseXml));
      out.push('  </testsuite>');
    }
    out.push('</testsuites>');
    return `${out.join('\n')}\n`;
  },
};
