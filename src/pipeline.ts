// The pipeline for one input (decode, detect, parse, match, plan) and the assembly of results into one report. No I/O.
import path from 'node:path';
import type { SbomDocument, SbomFormat } from './model/document.js';
import type { ColumnMapping } from './inventory/types.js';
import type { ComponentSummary, DocumentReport, Finding, ScanReport, SkippedInput, Summary } from './model/result.js';
import { REPORT_SCHEMA_VERSION } from './model/result.js';
import type { Confidence, Severity } from './model/severity.js';
import { confidenceRank, SEVERITIES } from './model/severity.js';
import { compileRules, type CompiledRules } from './match/compile.js';
import { matchAndClassify } from './match/matcher.js';
import { componentSummary, planDocument, type ComponentMatches } from './plan/plan.js';
import { authoritativeRules } from './plan/verdict.js';
import { CURATED_RULES_DIR, VERSION } from './paths.js';
import { loadRuleSet } from './ruleset/load.js';
import type { Category, LoadedRule, RuleSet, RuleStatus } from './ruleset/types.js';
import { InputError } from './sbom/errors.js';
import { loadDocument, type LoadOutcome } from './sbom/load.js';
import { loadProjectFile } from './project/load.js';
import { withProjectSteps } from './project/plan-steps.js';
import { DEFAULT_MAX_SIZE } from './sbom/read.js';

export const DEFAULTS = {
  minConfidence: 'medium' as Confidence,
  maxSize: DEFAULT_MAX_SIZE,
};

/** Rules ready to match, loaded once and reusable across scans. */
export interface PreparedRules {
  readonly set: RuleSet;
  readonly compiled: CompiledRules;
  readonly byId: ReadonlyMap<string, LoadedRule>;
  /** Rules that may set a generic match aside: the curated ones, or all with --rules-only. */
  readonly authoritative: ReadonlySet<string>;
}

/** Which rule packs to use: the curated one plus `rulePacks`, or `rulesOnly` instead of it. */
export interface RuleChoice {
  readonly rulePacks?: readonly string[];
  readonly rulesOnly?: readonly string[];
}

export function prepareRules(options: RuleChoice = {}): PreparedRules {
  const dirs = options.rulesOnly && options.rulesOnly.length > 0
    ? options.rulesOnly.map((dir) => ({ dir, name: dir }))
    : [{ dir: CURATED_RULES_DIR, name: 'ictscan-curated', requireManifest: true }, ...(options.rulePacks ?? []).map((dir) => ({ dir, name: dir }))];
  return rulesFromSet(loadRuleSet(dirs));
}

/** Rules from a rule set already loaded and checked (a worker given its parent's set skips the schema checks and hashing). */
export function rulesFromSet(set: RuleSet): PreparedRules {
  return { set, compiled: compileRules(set.rules), byId: new Map(set.rules.map((r) => [r.id, r])), authoritative: authoritativeRules(set, CURATED_RULES_DIR) };
}

/** The outcome of one input: a document report and its findings, or a skip. */
export interface InputResult {
  readonly document?: DocumentReport;
  readonly findings: readonly Finding[];
  readonly belowConfidence: number;
  readonly skipped?: SkippedInput;
  /** For a file of a project tree: what it was, and what it would have been as an SBOM input (see project/settle.ts). */
  readonly project?: { readonly kind: 'manifest' | 'references' | 'plain'; readonly fallback?: { readonly document?: DocumentReport; readonly skipped?: SkippedInput } };
  /**
   * Further results of the same input: an inventory holding many hosts gives one document per host (each named
   * `file#host`), and one error document for the rows that could not be read. Flattened by `flattenResults`.
   */
  readonly siblings?: readonly InputResult[];
}

/** Every result of a list, siblings after the result they came with: the one place one input becomes many documents. */
export function flattenResults(results: readonly InputResult[]): InputResult[] {
  const out: InputResult[] = [];
  for (const r of results) {
    if (!r.siblings) {
      out.push(r);
      continue;
    }
    const { siblings, ...first } = r;
    out.push(first, ...flattenResults(siblings));
  }
  return out;
}


/** The document entry for an input that could not be read. */
export function errorDocument(source: string, error: InputError): DocumentReport {
  return {
    source,
    format: null,
    specVersion: null,
    components: 0,
    services: 0,
    root: null,
    flaggedComponents: 0,
    cleanComponents: 0,
    untestableComponents: 0,
    untestable: [],
    unidentifiedComponents: 0,
    unidentified: [],
    findings: 0,
    warnings: [],
    unchecked: [],
    wrappers: [],
    error: `${source}: ${error.message}`,
    errorCode: error.code,
  };
}

/** Scan one input's bytes. Pure apart from the clock in `now`; safe to run in a worker. */
export interface ScanBytesOptions {
  readonly walked: boolean;
  readonly minConfidence: Confidence;
  readonly maxSize: number;
  readonly now: Date;
  readonly inputFormat?: SbomFormat | 'project';
  /** PEM public key: DSSE envelopes must carry a signature it verifies. */
  readonly verifyKey?: string;
  /** --columns for CSV inventories. */
  readonly columns?: ColumnMapping;
  /** False for a walked file outside the project (vendored, .gitignore'd): read as an SBOM only. */
  readonly inProject?: boolean;
  /** The scanned folder (or file) this input was found under: project readers stay inside it (requirements includes). */
  readonly root?: string;
}

function outcomeResult(source: string, outcome: LoadOutcome): { document?: DocumentReport; skipped?: SkippedInput } {
  if (outcome.kind === 'skipped') return { skipped: { source, reason: outcome.reason } };
  if (outcome.kind === 'error') return { document: errorDocument(source, outcome.error) };
  throw new Error('a document is not a fallback');
}

/** How many unreadable rows an error names; the count is always whole. */
const ROW_ERRORS_SHOWN = 20;

export function scanBytes(source: string, bytes: Buffer, rules: PreparedRules, options: ScanBytesOptions): InputResult {
  const forced = options.inputFormat === 'project';
  const sbomFormat = forced ? undefined : (options.inputFormat as SbomFormat | undefined);
  let outcome: LoadOutcome | undefined = forced
    ? undefined
    : loadDocument(source, bytes, {
        maxSize: options.maxSize,
        skipNonSbom: options.walked,
        ...(sbomFormat && { inputFormat: sbomFormat }),
        ...(options.verifyKey !== undefined && { verifyKey: options.verifyKey }),
        ...(options.columns && { columns: options.columns }),
      });
  let project: InputResult['project'];
  // Not an SBOM (or forced): a lockfile or manifest by its name, or, in a project tree, code to search for references.
  if (outcome?.kind !== 'document' && !sbomFormat && options.verifyKey === undefined) {
    const inProject = options.inProject !== false;
    const read = inProject ? loadProjectFile(source, bytes, { maxSize: options.maxSize, references: forced || options.walked, explicit: forced && !options.walked, ...(options.root !== undefined && { root: options.root }) }) : undefined;
    const fallback = outcome ? outcomeResult(source, outcome) : { skipped: { source, reason: read?.kind === 'plain' ? read.reason : 'outside the project' } };
    if (read?.kind === 'manifest') {
      outcome = { kind: 'document', document: read.document };
      project = { kind: 'manifest' };
    } else if (read?.kind === 'error') {
      outcome = { kind: 'error', error: read.error };
      project = { kind: 'manifest' };
    } else if (read?.kind === 'references') {
      outcome = { kind: 'document', document: read.document };
      project = { kind: 'references', fallback };
    } else if (options.walked) {
      return { findings: [], belowConfidence: 0, ...fallback, project: { kind: 'plain', fallback } };
    }
  }
  if (!outcome) throw new Error('no outcome');
  if (outcome.kind === 'skipped') return { findings: [], belowConfidence: 0, skipped: { source, reason: outcome.reason } };
  if (outcome.kind === 'error') return { document: errorDocument(source, outcome.error), findings: [], belowConfidence: 0, ...(project && { project }) };
  const more = outcome.more ?? [];
  const rowErrors = outcome.rowErrors ?? [];
  if (more.length === 0 && rowErrors.length === 0) return scanDocument(source, outcome.document, rules, options, project);
  const docs = [outcome.document, ...more];
  const results = docs.map((d) => scanDocument(docs.length > 1 && d.host ? `${source}#${d.host.name}` : source, d, rules, options, project));
  if (rowErrors.length > 0) {
    const shown = rowErrors.slice(0, ROW_ERRORS_SHOWN).join('; ');
    const rest = rowErrors.length > ROW_ERRORS_SHOWN ? `; and ${rowErrors.length - ROW_ERRORS_SHOWN} more` : '';
    const error = new InputError('malformed', `${rowErrors.length} row(s) could not be read (the other rows were scanned): ${shown}${rest}`);
    results.push({ document: errorDocument(source, error), findings: [], belowConfidence: 0 });
  }
  const [first, ...siblings] = results;
  return { ...(first as InputResult), siblings };
}

/** Match, classify and plan one parsed document. */
function scanDocument(source: string, doc: SbomDocument, rules: PreparedRules, options: ScanBytesOptions, project?: InputResult['project']): InputResult {
  const threshold = confidenceRank(options.minConfidence);
  const matched: ComponentMatches[] = [];
  let below = 0;
  const unidentified: ComponentSummary[] = [];
  const untestable: ComponentSummary[] = [];
  const matchWarnings: string[] = [];
  let flaggedCount = 0;
  // The subject of a CycloneDX document is not among its counted components, but a vendor's SBOM of a Kaspersky product must still be flagged.
  const subjectOnly = doc.root && !doc.components.some((c) => c.ref === doc.root?.ref) ? [doc.root] : [];
  // Uncounted elements (SPDX files, AI and dataset packages, CycloneDX tools, …) are matched like the subject.
  for (const list of [doc.components, doc.services, subjectOnly, doc.elements ?? []]) {
    for (const c of list) {
      const { matches: all, unidentified: bare, warnings: identityWarnings } = matchAndClassify(rules.compiled, c);
      for (const w of identityWarnings) matchWarnings.push(`component ${JSON.stringify(c.ref)}: ${w}`);
      const counted = list === doc.components;
      const summary = bare && counted ? componentSummary(c, c.ref) : undefined;
      if (summary) unidentified.push(summary);
      const shown = all.filter((m) => confidenceRank(m.confidence) >= threshold);
      below += all.length - shown.length;
      if (shown.length === 0) {
        // Clean means tested and unmatched; a name alone is not enough to say a component is not Kaspersky's.
        if (summary) untestable.push(summary);
        continue;
      }
      matched.push({ component: c, matches: shown });
      if (counted) flaggedCount++;
    }
  }
  const findings = withProjectSteps(doc, planDocument(doc, matched, { source, now: options.now, rules: rules.byId, authoritative: rules.authoritative }));
  const root = doc.root ?? doc.components.find((c) => c.ref === doc.rootRef);
  const document: DocumentReport = {
    source,
    format: doc.format,
    specVersion: doc.specVersion,
    components: doc.components.length,
    services: doc.services.length,
    root: root ? componentSummary(root, root.ref) : null,
    flaggedComponents: flaggedCount,
    cleanComponents: doc.components.length - flaggedCount - untestable.length,
    untestableComponents: untestable.length,
    untestable,
    unidentifiedComponents: unidentified.length,
    unidentified,
    findings: findings.length,
    warnings: [...(doc.components.length === 0 ? ['the document lists no components'] : []), ...doc.warnings, ...matchWarnings],
    unchecked: doc.unchecked ?? [],
    wrappers: doc.wrappers ?? [],
    error: null,
    errorCode: null,
    ...(doc.host && { host: doc.host, ...(doc.host.client !== undefined && { client: doc.host.client }) }),
  };
  return { document, findings, belowConfidence: below, ...(project && { project }) };
}

function emptyCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

/** Whether the curated Kaspersky rules are among the packs: only --rules-only leaves them out. */
export function usesCurated(set: RuleSet): boolean {
  const curated = path.resolve(CURATED_RULES_DIR);
  return set.packs.some((p) => path.resolve(p.dir) === curated);
}

/** Put per-input results together into one report, in input order. */
export function assembleReport(results: readonly InputResult[], rules: PreparedRules, options: { minConfidence: Confidence; now: Date }): ScanReport {
  const flat = flattenResults(results);
  const documents = flat.flatMap((r) => (r.document ? [r.document] : []));
  const skipped = flat.flatMap((r) => (r.skipped ? [r.skipped] : []));
  const findings = flat.flatMap((r) => r.findings);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'ictscan', version: VERSION },
    scannedAt: options.now.toISOString(),
    rules: { packs: rules.set.packs.map((p) => ({ name: p.name, version: p.version })), count: rules.set.rules.length, curated: usesCurated(rules.set) },
    options: { minConfidence: options.minConfidence },
    documents,
    skipped,
    findings,
    summary: summarize(documents, skipped, findings, flat.reduce((n, r) => n + r.belowConfidence, 0)),
  };
}

/** A document read whose check was partial: a component with nothing to test, or a part the reader could not check. */
export function partlyChecked(d: DocumentReport): boolean {
  return d.error === null && (d.untestableComponents > 0 || d.unchecked.length > 0);
}

/** The summary counts of a report, from its parts (also used when merging reports). */
export function summarize(documents: readonly DocumentReport[], skipped: readonly SkippedInput[], findings: readonly Finding[], belowConfidence: number): Summary {
  const bySeverity = emptyCounts();
  const byCategory: Partial<Record<Category, number>> = {};
  const byStatus: Partial<Record<RuleStatus, number>> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCategory[f.rule.category] = (byCategory[f.rule.category] ?? 0) + 1;
    byStatus[f.rule.status] = (byStatus[f.rule.status] ?? 0) + 1;
  }
  const sum = (k: 'components' | 'services' | 'flaggedComponents' | 'cleanComponents' | 'untestableComponents' | 'unidentifiedComponents'): number => documents.reduce((n, d) => n + d[k], 0);
  return {
    documents: documents.length,
    documentsWithErrors: documents.filter((d) => d.error !== null).length,
    skipped: skipped.length,
    components: sum('components'),
    services: sum('services'),
    flaggedComponents: sum('flaggedComponents'),
    cleanComponents: sum('cleanComponents'),
    untestableComponents: sum('untestableComponents'),
    unidentifiedComponents: sum('unidentifiedComponents'),
    documentsPartlyChecked: documents.filter(partlyChecked).length,
    findings: findings.length,
    belowConfidence,
    bySeverity,
    byCategory,
    byStatus,
  };
}
