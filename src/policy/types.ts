// The policy file: pipeline defaults and approved exceptions.
import type { Confidence, Severity } from '../model/severity.js';

export interface Suppression {
  readonly rule?: string;
  readonly purl?: string;
  readonly component?: string;
  readonly cpe?: string;
  readonly reason: string;
  /** YYYY-MM-DD (through that day) or an RFC 3339 date-time; required unless `permanent`. */
  readonly expires?: string;
  /** Declared never to expire; listed as permanent in every report. */
  readonly permanent?: boolean;
  readonly approvedBy?: string;
  readonly ticket?: string;
  readonly reference?: string;
  readonly scope?: { readonly documents?: readonly string[]; readonly clients?: readonly string[] };
}

export interface Policy {
  readonly failOn?: Severity | 'none';
  readonly minConfidence?: Confidence;
  readonly failOnUnidentified?: string | number;
  readonly rules?: readonly string[];
  readonly rulesOnly?: readonly string[];
  readonly suppressions?: readonly Suppression[];
}

/** A loaded policy: where it came from, and each suppression with the line it starts on. */
export interface LoadedPolicy {
  readonly file: string;
  readonly policy: Policy;
  readonly lines: readonly number[];
}
