// Counting validation results and wording one schema error, for the validate command and for scan-report warnings.
import type { SchemaIssue, ValidationResult, ValidationStatus } from './types.js';

export interface ValidationSummary {
  readonly documents: number;
  readonly valid: number;
  readonly invalid: number;
  readonly unchecked: number;
  readonly notValidated: number;
  readonly skipped: number;
}

/** Counts per status; skipped files are not documents. */
export function summarize(results: readonly ValidationResult[]): ValidationSummary {
  const count = (s: ValidationStatus): number => results.filter((r) => r.status === s).length;
  return { documents: results.length - count('skipped'), valid: count('valid'), invalid: count('invalid'), unchecked: count('unchecked'), notValidated: count('error'), skipped: count('skipped') };
}

/** `line 12: /components/3/hashes/0/alg must be one of: MD5, SHA-1, … (found "FOO")`. */
export function formatIssue(issue: SchemaIssue): string {
  const where = issue.line !== undefined ? `line ${issue.line}: ` : '';
  const pointer = issue.pointer === undefined ? '' : `${issue.pointer === '' ? '(root)' : issue.pointer} `;
  const found = issue.value !== undefined ? ` (found ${issue.value})` : '';
  return `${where}${pointer}${issue.message}${found}`;
}

/** `1 error`, `2 errors`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The schema findings of one document as scan-report warnings, each prefixed "schema: ". A valid
 * document gives none; one that could not be checked says so once.
 */
export function schemaWarnings(result: ValidationResult): string[] {
  switch (result.status) {
    case 'valid':
    case 'skipped':
      return [];
    case 'invalid':
      return [...result.errors.map((e) => `schema: ${formatIssue(e)}`), ...(result.omitted > 0 ? [`schema: … and ${plural(result.omitted, 'more schema error')}`] : [])];
    case 'unchecked':
      return result.notes.slice(0, 1).map((n) => `schema: ${n}`);
    case 'error':
      return [`schema: not checked: ${result.error?.message ?? 'could not be validated'}`];
    default: {
      const never: never = result.status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}
