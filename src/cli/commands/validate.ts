// `ictscan validate FILE...`: each SBOM checked against its format's official schema; exit 1 when one is invalid.
import { plain } from '../../report/sanitize.js';
import { InputError } from '../../sbom/errors.js';
import { expandInputs, readBytes } from '../../sbom/read.js';
import { DEFAULTS } from '../../scan.js';
import { formatIssue, plural, summarize } from '../../validate/summary.js';
import type { ValidationResult } from '../../validate/types.js';
import { validateDocumentBytes } from '../../validate/validate.js';
import { UsageError, strings, type Command } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** The human list: each schema error on a line of its own, prefixed with the file, then a verdict per file and a total. */
function renderValidationText(results: readonly ValidationResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const file = plain(r.source);
    const against = r.schema ? ` against ${r.schema}` : '';
    switch (r.status) {
      case 'valid':
        out.push(`${file}: valid${against}`);
        break;
      case 'invalid':
        for (const e of r.errors) out.push(`${file}: ${plain(formatIssue(e))}`);
        if (r.omitted > 0) out.push(`${file}: … and ${plural(r.omitted, 'more schema error')}`);
        out.push(`${file}: invalid${against}: ${plural(r.errors.length + r.omitted, 'error')}`);
        break;
      case 'unchecked':
        out.push(`${file}: not checked: ${plain(r.notes[0] ?? 'no schema for this format')}`);
        break;
      case 'error':
        out.push(`${file}: error: ${plain(r.error?.message ?? 'could not be validated')}`);
        break;
      case 'skipped':
        out.push(`${file}: skipped: ${plain(r.notes[0] ?? 'not an SBOM')}`);
        break;
      default: {
        const never: never = r.status;
        throw new Error(`unknown status ${String(never)}`);
      }
    }
    const notes = r.status === 'unchecked' || r.status === 'skipped' ? r.notes.slice(1) : r.notes;
    for (const n of notes) out.push(`${file}: note: ${plain(n)}`);
  }
  const s = summarize(results);
  const parts = [`${s.valid} valid`, `${s.invalid} invalid`];
  if (s.unchecked > 0) parts.push(`${s.unchecked} not checked`);
  if (s.notValidated > 0) parts.push(`${s.notValidated} could not be validated`);
  if (s.skipped > 0) parts.push(`${plural(s.skipped, 'file')} skipped`);
  out.push(`${plural(s.documents, 'document')}: ${parts.join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** The JSON report: every result as it is, and the counts. */
function renderValidationJson(results: readonly ValidationResult[]): string {
  return `${JSON.stringify({ documents: results, summary: summarize(results) }, null, 2)}\n`;
}

/** 2 when a document could not be validated (it wins: nothing can be said of it), 1 when one is invalid, else 0. */
export function validationExitCode(results: readonly ValidationResult[]): ExitCode {
  if (results.some((r) => r.status === 'error')) return EXIT.error;
  if (results.some((r) => r.status === 'invalid')) return EXIT.findings;
  return EXIT.ok;
}

export const validateCommand: Command = {
  command: 'validate <inputs..>',
  describe: "check SBOMs against their format's schema (CycloneDX JSON and XML, SPDX 2.x JSON and YAML; SPDX tag-value's required tags)",
  builder: (y) =>
    y
      .positional('inputs', { type: 'string', array: true, describe: 'SBOM files or directories (- for standard input)', demandOption: true })
      .option('format', { alias: 'f', choices: ['text', 'json'], default: 'text', describe: 'output format' })
      .option('max-size', { describe: 'largest input in bytes (also the limit for decompressed data)', type: 'number', default: DEFAULTS.maxSize }),
  async handler(args, io) {
    const inputs = strings(args['inputs']) ?? [];
    if (inputs.length === 0) throw new UsageError('name at least one SBOM file');
    const maxSize = Number(args['max-size']);
    if (!Number.isFinite(maxSize) || maxSize <= 0) throw new UsageError('--max-size must be a positive number of bytes');
    const results: ValidationResult[] = [];
    // One input at a time, each reported: a bad file never stops the batch.
    for (const input of inputs) {
      const { files, errors, skipped } = await expandInputs([input]);
      for (const e of errors) results.push({ source: e.source, status: 'error', errors: [], omitted: 0, notes: [], wrappers: [], error: { code: e.error.code, message: e.error.message } });
      for (const k of skipped) results.push({ source: k.source, status: 'skipped', errors: [], omitted: 0, notes: [k.reason], wrappers: [] });
      for (const f of files) {
        let bytes: Buffer;
        try {
          bytes = await readBytes(f.source, maxSize, io.stdin);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          results.push({ source: f.source, status: 'error', errors: [], omitted: 0, notes: [], wrappers: [], error: { code: e.code, message: e.message } });
          continue;
        }
        results.push(await validateDocumentBytes(f.source, bytes, { maxSize, skipNonSbom: f.walked }));
      }
    }
    io.stdout.write(args['format'] === 'json' ? renderValidationJson(results) : renderValidationText(results));
    if (summarize(results).documents === 0) io.stderr.write('ictscan: no SBOM in the inputs\n');
    return summarize(results).documents === 0 ? EXIT.error : validationExitCode(results);
  },
};
