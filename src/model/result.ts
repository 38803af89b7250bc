// The scan result: the JSON report contract (schemas/report.schema.json) as TypeScript types.
import type { Evidence } from './finding.js';
import type { Confidence, Severity } from './severity.js';
import type { DocumentFormat, HostInfo } from './document.js';
import type { Action, Category, RuleStatus } from '../ruleset/types.js';

export const REPORT_SCHEMA_VERSION = '1.1.0';

export interface ComponentSummary {
  readonly ref: string;
  readonly name: string;
  readonly version?: string;
  readonly purl?: string;
  /** Only on the marker that stands in a path for this many components left out (ref `…`). */
  readonly elided?: number;
}

export interface Deadline {
  /** `immediately`, `next-review` or `none`. */
  readonly due: 'immediately' | 'next-review' | 'none';
  readonly why: string;
  readonly milestones: readonly { readonly date: string; readonly event: string }[];
  /** Days since the last update Kaspersky may legally ship to U.S. persons (29 Sep 2024), at scan time. */
  readonly unpatchedDays?: number;
}


export interface RemediationPlan {
  readonly action: Action;
  readonly summary: string;
  /** Concrete steps, ecosystem-specific ones first. */
  readonly steps: readonly string[];
  readonly alternatives: readonly string[];
  /** purl type the steps were written for, or `unknown`. */
  readonly ecosystem: string;
  readonly deadline: Deadline;
  readonly risks: readonly string[];
  /** 1 = do first; the order of the document's plan. */
  readonly priority: number;
}

export interface RuleSummary {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly status: RuleStatus;
}

export interface RelatedMatch {
  /** Fingerprint of this rule + the component identity, as a finding spoken for by this rule would carry. */
  readonly fingerprint: string;
  readonly rule: RuleSummary;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly evidence: readonly Evidence[];
  /** Set when an exempt-class identification set this match aside: it does not count toward the verdict. */
  readonly setAside?: SetAsideReason;
  /** A suppression scoped to this match's rule: this match no longer counts, the component's other matches still do. */
  readonly suppression?: AppliedSuppression;
  /** With --baseline: whether this rule's match on the component was already in the baseline report. */
  readonly baseline?: 'new' | 'unchanged';
}

export interface SetAsideReason {
  /** The rule whose identification of the component set the match aside. */
  readonly by: string;
  readonly reason: string;
}

export interface Finding {
  /** Stable fingerprint of rule + component identity (not position): used by baselines and SARIF. */
  readonly fingerprint: string;
  readonly source: string;
  readonly component: ComponentSummary & { readonly kind: 'component' | 'service'; readonly type?: string };
  readonly rule: RuleSummary;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly evidence: readonly Evidence[];
  /**
   * Other rules that matched the same component. The finding has the highest severity and strictest status of the
   * matches that count (not set aside, not suppressed, not in the baseline) and speaks with the first of them.
   */
  readonly alsoMatched: readonly RelatedMatch[];
  /**
   * Paths from the document's root to the component, shortest first, at most 5, each a list of components. A path of
   * more than 8 components shows its first 3, a marker `{ ref: "…", name: "… N more …", elided: N }` and its last 4.
   */
  readonly paths: readonly (readonly ComponentSummary[])[];
  /** The full length of each path in `paths`, in components (the shortest one's is the component's depth + 1). */
  readonly pathLengths: readonly number[];
  /** How many paths there are in all (a lower bound when `pathCountExact` is false). */
  readonly pathCount: number;
  readonly pathCountExact: boolean;
  /** Whether the root depends on it directly; null when the SBOM has no dependency graph. */
  readonly direct: boolean | null;
  /** True when the component is the SBOM's subject itself (metadata.component, or the package the document describes). */
  readonly subject: boolean;
  /** Refs of the root's direct dependencies through which it is reached: the first 25, sorted. */
  readonly introducedBy: readonly string[];
  /** How many there are in all. */
  readonly introducedByCount: number;
  readonly introducedByComponents: readonly ComponentSummary[];
  readonly remediation: RemediationPlan;
  /** 1-based line of the component in the SBOM file, when known. */
  readonly line?: number;
  /** Set when a policy suppression covers the finding: it stays in the report but never fails the gate. */
  readonly suppression?: AppliedSuppression;
  /** An expired suppression that would cover the finding: shown on its row so that the lapse is seen where it bites. */
  readonly expiredSuppression?: AppliedSuppression;
  /** With --baseline: whether the finding was already in the baseline report. */
  readonly baseline?: 'new' | 'unchanged';
}

export interface AppliedSuppression {
  readonly reason: string;
  readonly expires?: string;
  readonly approvedBy?: string;
  readonly ticket?: string;
  readonly reference?: string;
  /** Where the suppression is written (policy file and index), for audits. */
  readonly origin: string;
}

export interface SkippedInput {
  readonly source: string;
  readonly reason: string;
}

export interface DocumentReport {
  readonly source: string;
  /** The client (or group) the document belongs to, with --group-by or a manifest; null otherwise. */
  readonly client?: string | null;
  readonly format: DocumentFormat | null;
  readonly specVersion: string | null;
  /** Counted components (see README). */
  readonly components: number;
  readonly services: number;
  readonly root: ComponentSummary | null;
  /** flagged + clean + untestable = components, always. */
  readonly flaggedComponents: number;
  /** Tested and unmatched: the component offered a rule something beyond its name, and nothing matched. */
  readonly cleanComponents: number;
  /** Not flagged, and nothing but names to test: no finding here does not mean no Kaspersky code. */
  readonly untestableComponents: number;
  /** Those components, so that a poor SBOM can be improved. */
  readonly untestable: readonly ComponentSummary[];
  /**
   * Kept from schema 1.0 (read by --fail-on-unidentified and by merge of older reports): components that carry
   * nothing but names, whether a name rule flagged them or not. The untestable ones are those not flagged.
   */
  readonly unidentifiedComponents: number;
  readonly unidentified: readonly ComponentSummary[];
  readonly findings: number;
  readonly warnings: readonly string[];
  /**
   * What the reader saw but could not check (an element it does not understand, an identifier it could not read).
   * Each counts against coverage: a document with any is never called clean.
   */
  readonly unchecked: readonly string[];
  readonly wrappers: readonly string[];
  /** null, or why the input could not be read. */
  readonly error: string | null;
  readonly errorCode: string | null;
  /** Set for an installed-software inventory: the host the document describes (since 1.2). */
  readonly host?: HostInfo;
}

export interface Summary {
  readonly documents: number;
  readonly documentsWithErrors: number;
  readonly skipped: number;
  readonly components: number;
  readonly services: number;
  /** flagged + clean + untestable = components, summed over the documents read. */
  readonly flaggedComponents: number;
  readonly cleanComponents: number;
  readonly untestableComponents: number;
  readonly unidentifiedComponents: number;
  /** Documents read but not fully checked: with untestable components or unchecked parts. */
  readonly documentsPartlyChecked: number;
  readonly findings: number;
  /** Findings not shown because their confidence is under --min-confidence. */
  readonly belowConfidence: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byCategory: Readonly<Partial<Record<Category, number>>>;
  readonly byStatus: Readonly<Partial<Record<RuleStatus, number>>>;
}

export interface SuppressionAudit {
  readonly index: number;
  /** Line of the suppression in the policy file. */
  readonly line: number;
  readonly reason: string;
  readonly expires?: string;
  readonly selector: string;
  /** Findings it covered (expired: findings it would have covered). */
  readonly matched: number;
}

export interface PolicyReport {
  readonly file: string | null;
  readonly suppressed: number;
  /** Suppressions past their date (or with an unreadable date): they no longer apply. */
  readonly expired: readonly SuppressionAudit[];
  /** Suppressions that matched nothing in this run. */
  readonly stale: readonly SuppressionAudit[];
  /** Suppressions declared permanent (no expiry date), whether or not they matched. */
  readonly permanent?: readonly SuppressionAudit[];
}

export interface BaselineReport {
  readonly source: string;
  readonly new: number;
  readonly unchanged: number;
  /** Findings of the baseline that are gone now. */
  readonly fixed: number;
}

/** A host's state in one run (the portfolio's host status, src/report/hosts.ts). */
export type HostState = 'kaspersky' | 'done' | 'partly-checked' | 'not-checkable';

/** Counts of one run, for a client or for the whole portfolio. */
export interface HistoryPoint {
  readonly run: number;
  readonly scannedAt: string;
  readonly hosts: number;
  readonly kaspersky: number;
  readonly done: number;
  readonly partlyChecked: number;
  readonly notCheckable: number;
  /** Kaspersky products still installed, summed over the hosts. */
  readonly products: number;
}

/** What changed on one host since the previous run. */
export interface HostChange {
  readonly host: string;
  /** null: the host is new to the history. */
  readonly previous: HostState | null;
  /** not-scanned: the host was in the previous run and is not in this one. */
  readonly current: HostState | 'not-scanned';
  /** Products gone from a host that was read in full this time. */
  readonly removed: readonly string[];
  /** Products gone from a host that could not be read in full (or was not scanned): not confirmed removed. */
  readonly unconfirmed: readonly string[];
  readonly added: readonly string[];
}

export interface ClientHistory {
  readonly client: string;
  readonly removed: number;
  readonly added: number;
  /** Hosts that ran Kaspersky in the previous run and are done now. */
  readonly hostsDone: readonly string[];
  readonly changes: readonly HostChange[];
  /** Oldest run first, this run last. */
  readonly trend: readonly HistoryPoint[];
}

/** With --history: this run compared with the previous one in the store, and the counts of every run (since 1.2). */
export interface HistoryReport {
  readonly file: string;
  readonly run: number;
  readonly previous: { readonly run: number; readonly scannedAt: string } | null;
  readonly clients: readonly ClientHistory[];
  readonly trend: readonly HistoryPoint[];
}

/** The gate's verdict; each maps to one exit code (src/cli/gate.ts): pass 0, fail 1, error 2. */
export type GateStatus = 'pass' | 'fail' | 'error';

export interface GateResult {
  /** error: an input could not be read, or there was no SBOM to read; the run exits 2. */
  readonly status: GateStatus;
  readonly failOn: Severity | 'none';
  /** Findings that fail the gate: at or above failOn, not suppressed, not in the baseline. */
  readonly failing: number;
  readonly reasons: readonly string[];
}

export interface ScanReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'ictscan'; readonly version: string };
  readonly scannedAt: string;
  readonly rules: {
    readonly packs: readonly { readonly name: string; readonly version: string }[];
    readonly count: number;
    /** false when --rules-only replaced the curated Kaspersky rules: every report format says so. */
    readonly curated: boolean;
  };
  readonly options: { readonly minConfidence: Confidence };
  readonly documents: readonly DocumentReport[];
  readonly skipped: readonly SkippedInput[];
  readonly findings: readonly Finding[];
  readonly summary: Summary;
  /** With a policy file: suppressions applied, expired and stale. */
  readonly policy?: PolicyReport;
  /** With --baseline: how the findings compare with the previous report. */
  readonly baseline?: BaselineReport;
  /** The CLI's gate decision (what the exit code says, and why). */
  readonly gate?: GateResult;
  /** With --history: what changed per client since the previous run, and the trend over runs. */
  readonly history?: HistoryReport;
}
