// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one rule descriptor per rule, one result per finding.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentReport, Finding, ScanReport } from '../model/result.js';
import type { Confidence, Severity } from '../model/severity.js';
import { confidenceRank, severityRank } from '../model/severity.js';
import type { Category, LoadedRule, Reference, RuleStatus } from '../ruleset/types.js';
import type { Reporter, ReportContext } from './reporter.js';
import { escapeMarkdown, plain } from './sanitize.js';
import { REPOSITORY_URL } from '../paths.js';
import { componentLabel, deadlineLabel, evidenceLabel, partialCheckNote, relatedLabel, rulesOnlyNote, whereLabel } from './text.js';

/** The schema URI GitHub accepts; Grype's uploads broke when it pointed at an older one (anchore/grype#1518). */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where people learn about the tool: the project's repository (package.json), never a registry page. */
export const INFORMATION_URI = REPOSITORY_URL;
/** Key of our own partial fingerprint; the version suffix lets the scheme change without colliding with old alerts. */
export const FINGERPRINT_KEY = 'ictscan/v1';
const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note';

/** critical/high fail a code-scanning check by default, medium warns, the rest are notes. */
export const SARIF_LEVELS: Readonly<Record<Severity, SarifLevel>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low; each value sits inside its band. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

const PRECISION: Readonly<Record<Confidence, string>> = { high: 'high', medium: 'medium', low: 'low' };

interface Message {
  readonly text: string;
  readonly markdown?: string;
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

interface ReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: Message;
  readonly fullDescription: Message;
  readonly help: Message;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: Readonly<Record<string, unknown>>;
}

interface Notification {
  readonly level: 'error' | 'warning' | 'note';
  readonly message: Message;
  readonly descriptor: { readonly id: string };
  readonly locations: readonly { readonly physicalLocation: { readonly artifactLocation: ArtifactLocation } }[];
}

/** What a descriptor is built from: the loaded rule when the context has it, else what the findings say. */
interface RuleFacts {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly status: RuleStatus;
  readonly severity: Severity;
  readonly description: string;
  readonly summary: string;
  readonly steps: readonly string[];
  readonly alternatives: readonly string[];
  readonly references: readonly Reference[];
}

/** Lone surrogates make encodeURIComponent throw and are not text anyway; an SBOM can still contain them. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Where an SBOM is, as SARIF wants it: a percent-encoded URI relative to the repository root (`%SRCROOT%`, the working
 * directory) when the file is inside it, so paths match across machines and runs; an absolute `file:` URI otherwise.
 */
export function artifactLocation(source: string, cwd?: string): ArtifactLocation {
  const clean = wellFormed(source);
  let relative: string;
  if (cwd !== undefined) {
    const absolute = path.resolve(cwd, clean);
    relative = path.relative(cwd, absolute);
    if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  } else {
    if (path.isAbsolute(clean)) return { uri: pathToFileURL(clean).href };
    relative = clean;
  }
  const segments = relative.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** PascalCase of the title without its parenthesised asides (SARIF's `name` is an identifier-like label). */
export function pascalCase(s: string): string {
  const words = (t: string): string[] => t.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const picked = words(s.replace(/\([^)]*\)/g, ' '));
  return (picked.length > 0 ? picked : words(s)).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * SARIF plain-text messages turn `[text](target)` into links (§3.11.6). Viewers show a backslash escape as it is, so
 * instead a space keeps a closing bracket from its parenthesis: no link forms, and the text reads as written.
 */
function messageLine(s: string): string {
  return plain(wellFormed(s)).replace(/\]\s*\(/g, '] (');
}

/** Only http(s) references become links; parentheses are encoded so that a URL cannot end a Markdown link early. */
function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return u.href.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  } catch {
    return undefined;
  }
}

function factsFor(findings: readonly Finding[], loaded: LoadedRule | undefined): RuleFacts {
  if (loaded) {
    return {
      id: loaded.id,
      title: loaded.title,
      category: loaded.category,
      status: loaded.status,
      severity: loaded.severity,
      description: loaded.description,
      summary: loaded.remediation.summary,
      steps: loaded.remediation.steps ?? [],
      alternatives: loaded.remediation.alternatives ?? [],
      references: loaded.references,
    };
  }
  // Without rule metadata the report still says what the rule advises; the steps are left out because the finding's
  // steps are written for its component and would mislead on a descriptor shared by every result of the rule.
  const first = findings[0];
  if (!first) throw new Error('a rule descriptor needs at least one finding');
  const severity = findings.reduce<Severity>((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), first.severity);
  return { ...first.rule, severity, description: first.rule.title, summary: first.remediation.summary, steps: [], alternatives: first.remediation.alternatives, references: [] };
}

function helpText(r: RuleFacts): string {
  const out = [`${r.title} [${r.id}, ${r.status}]`, '', `Remediation: ${r.summary}`];
  if (r.steps.length > 0) out.push('', 'Steps:', ...r.steps.map((s) => `- ${s}`));
  if (r.alternatives.length > 0) out.push('', 'Alternatives:', ...r.alternatives.map((a) => `- ${a}`));
  if (r.references.length > 0) out.push('', 'References:', ...r.references.map((x) => `- ${x.title ? `${x.title}: ` : ''}${x.url}`));
  return out.join('\n');
}

function helpMarkdown(r: RuleFacts): string {
  const out = [`**${escapeMarkdown(r.title)}** (${escapeMarkdown(r.id)}, ${r.status})`, '', escapeMarkdown(r.description), '', `**Remediation.** ${escapeMarkdown(r.summary)}`];
  if (r.steps.length > 0) out.push('', '**Steps**', '', ...r.steps.map((s, i) => `${i + 1}. ${escapeMarkdown(s)}`));
  if (r.alternatives.length > 0) out.push('', '**Alternatives**', '', ...r.alternatives.map((a) => `- ${escapeMarkdown(a)}`));
  if (r.references.length > 0) {
    out.push('', '**References**', '');
    for (const x of r.references) {
      const url = safeUrl(x.url);
      const label = escapeMarkdown(x.title ?? x.url);
      out.push(url ? `- [${label}](${url})` : `- ${label}`);
    }
  }
  return out.join('\n');
}

/** The precision GitHub shows: the best confidence the rule reached here (capped by the rule's own ceiling in the matcher). */
function precisionOf(findings: readonly Finding[]): string {
  const best = findings.reduce<Confidence>((c, f) => (confidenceRank(f.confidence) > confidenceRank(c) ? f.confidence : c), 'low');
  return PRECISION[best];
}

function descriptor(r: RuleFacts, findings: readonly Finding[]): ReportingDescriptor {
  const helpUri = r.references.map((x) => safeUrl(x.url)).find((u) => u !== undefined);
  return {
    id: r.id,
    name: pascalCase(r.title) || pascalCase(r.id) || r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: helpText(r), markdown: helpMarkdown(r) },
    ...(helpUri !== undefined && { helpUri }),
    defaultConfiguration: { level: SARIF_LEVELS[r.severity] },
    properties: {
      tags: [...new Set(['security', 'supply-chain', r.category, r.status])],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: precisionOf(findings),
    },
  };
}

function message(f: Finding): string {
  const why = evidenceLabel(f);
  const lines = [
    `${componentLabel(f.component)} matched ${f.rule.id} (${f.rule.title})${why ? `: ${why}` : ''}; confidence ${f.confidence}.`,
    `Where: ${whereLabel(f)}.`,
    `Action: ${f.remediation.action}. ${f.remediation.summary}`,
    `By when: ${deadlineLabel(f)}.`,
  ];
  if (f.suppression) lines.push(`Suppressed: ${f.suppression.reason}`);
  if (f.expiredSuppression) lines.push(`Expired suppression (no longer applies): ${f.expiredSuppression.reason}`);
  for (const m of f.alsoMatched) if (m.setAside || m.suppression) lines.push(`Also matched ${relatedLabel(m)}.`);
  return lines.map(messageLine).join('\n');
}

function justification(s: NonNullable<Finding['suppression']>): string {
  const extra = [s.ticket && `ticket ${s.ticket}`, s.approvedBy && `approved by ${s.approvedBy}`, s.expires && `expires ${s.expires}`].filter(Boolean);
  return extra.length > 0 ? `${s.reason} (${extra.join('; ')})` : s.reason;
}

function result(f: Finding, ruleIndex: number, cwd: string | undefined): Record<string, unknown> {
  const c = f.component;
  return {
    ruleId: f.rule.id,
    ruleIndex,
    level: SARIF_LEVELS[f.severity],
    message: { text: message(f) },
    locations: [
      {
        // An SBOM finding has no source line of its own; GitHub rejects results without one, so line 1 stands in.
        physicalLocation: { artifactLocation: artifactLocation(f.source, cwd), region: { startLine: f.line ?? 1 } },
        logicalLocations: [{ name: c.name, fullyQualifiedName: c.purl ?? componentLabel(c), kind: c.kind === 'service' ? 'resource' : 'module' }],
      },
    ],
    // Rule plus component identity, never the line: a finding keeps its alert when the SBOM is reordered or regenerated.
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.suppression && {
      // `status` is left out on purpose: its default is `accepted`, and the 2.1.0 committee schema calls the property
      // `state` while the errata and SchemaStore schema call it `status`, so either name fails one of the two schemas.
      suppressions: [
        {
          kind: 'external',
          justification: justification(f.suppression),
          properties: {
            origin: f.suppression.origin,
            ...(f.suppression.expires !== undefined && { expires: f.suppression.expires }),
            ...(f.suppression.approvedBy !== undefined && { approvedBy: f.suppression.approvedBy }),
            ...(f.suppression.ticket !== undefined && { ticket: f.suppression.ticket }),
            ...(f.suppression.reference !== undefined && { reference: f.suppression.reference }),
          },
        },
      ],
    }),
    ...(f.baseline !== undefined && { baselineState: f.baseline }),
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      category: f.rule.category,
      status: f.rule.status,
      action: f.remediation.action,
      priority: f.remediation.priority,
      due: f.remediation.deadline.due,
      component: c,
      direct: f.direct,
      introducedBy: f.introducedBy,
      evidence: f.evidence,
      alsoMatched: f.alsoMatched.map((m) => m.rule.id),
    },
  };
}

function notification(level: Notification['level'], id: string, source: string, text: string, cwd: string | undefined): Notification {
  return { level, message: { text: messageLine(text) }, descriptor: { id }, locations: [{ physicalLocation: { artifactLocation: artifactLocation(source, cwd) } }] };
}

function notifications(documents: readonly DocumentReport[], report: ScanReport, cwd: string | undefined): Notification[] {
  const out: Notification[] = [];
  for (const d of documents) {
    if (d.error !== null) out.push(notification('error', d.errorCode ?? 'input-error', d.source, d.error, cwd));
    for (const w of d.warnings) out.push(notification('warning', 'input-warning', d.source, `${d.source}: ${w}`, cwd));
    // No result is not "clean" where the document could not be fully checked: code scanning shows these notes.
    const partial = partialCheckNote(d);
    if (partial) out.push(notification('warning', 'not-fully-checked', d.source, `${d.source}: ${partial}`, cwd));
    for (const u of d.unchecked) out.push(notification('warning', 'input-unchecked', d.source, `${d.source}: not checked: ${u}`, cwd));
  }
  for (const s of report.skipped) out.push(notification('note', 'input-skipped', s.source, `${s.source}: skipped: ${s.reason}`, cwd));
  return out;
}

/** The SARIF log as a plain object; `render` serializes it. */
export function sarifLog(report: ScanReport, ctx: ReportContext): Record<string, unknown> {
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byRule.get(f.rule.id);
    if (list) list.push(f);
    else byRule.set(f.rule.id, [f]);
  }
  const ruleIds = [...byRule.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const findings = byRule.get(id) ?? [];
    return descriptor(factsFor(findings, ctx.rules?.get(id)), findings);
  });
  const inputErrors = report.documents.some((d) => d.error !== null) || report.documents.length === 0 || report.gate?.status === 'error';
  const rulesOnly = rulesOnlyNote(report);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ictscan',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(INFORMATION_URI !== undefined && { informationUri: INFORMATION_URI }),
            rules,
          },
        },
        ...(ctx.category !== undefined && ctx.category !== '' && { automationDetails: { id: ctx.category } }),
        invocations: [
          {
            executionSuccessful: !inputErrors,
            ...(ctx.commandLine !== undefined && { commandLine: ctx.commandLine }),
            startTimeUtc: report.scannedAt,
            toolExecutionNotifications: notifications(report.documents, report, ctx.cwd),
            ...(rulesOnly && { toolConfigurationNotifications: [{ level: 'warning', message: { text: messageLine(rulesOnly) }, descriptor: { id: 'rules-only' } }] }),
          },
        ],
        results: report.findings.map((f) => result(f, index.get(f.rule.id) ?? -1, ctx.cwd)),
        properties: {
          reportSchemaVersion: report.schemaVersion,
          minConfidence: report.options.minConfidence,
          rulePacks: report.rules.packs,
          curatedRules: report.rules.curated,
          summary: report.summary,
          ...(report.gate && { gate: report.gate }),
        },
      },
    ],
  };
  return cleanStrings(log) as Record<string, unknown>;
}

/** Keys whose strings are multi-line text meant to keep their line breaks (each line is cleaned on its own). */
const MULTILINE = new Set(['text', 'markdown']);

/**
 * Every string in the log cleaned like the table: escape sequences, bidirectional and other invisible controls and
 * lone surrogates gone, CR never raw; only message and help text keep their line feeds. Component names, evidence,
 * suppression text, locations and properties come from inputs as much as messages do.
 */
function cleanStrings(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return MULTILINE.has(key) ? value.split('\n').map((l) => plain(wellFormed(l))).join('\n') : plain(wellFormed(value));
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v, k)]));
  return value;
}

export const sarifReporter: Reporter = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF tools',
  render(report: ScanReport, ctx: ReportContext): string {
    return `${JSON.stringify(sarifLog(report, ctx), null, 2)}\n`;
  },
};
