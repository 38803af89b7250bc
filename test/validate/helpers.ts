// Reading corpus files in place (never copied) and validating them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateDocumentBytes, type ValidateOptions } from '../../src/validate/validate.js';
import type { ValidationResult } from '../../src/validate/types.js';
import { CORPUS_DIR } from '../helpers/corpus.js';

export function corpusFile(name: string): string {
  return path.join(CORPUS_DIR, name);
}

export async function validateFile(file: string, options?: ValidateOptions): Promise<ValidationResult> {
  return validateDocumentBytes(file, readFileSync(file), options);
}

export async function validateText(source: string, text: string, options?: ValidateOptions): Promise<ValidationResult> {
  return validateDocumentBytes(source, Buffer.from(text, 'utf8'), options);
}

/** The message of a result that should have no schema errors, for assertion output. */
export function why(r: ValidationResult): string {
  return JSON.stringify({ status: r.status, error: r.error, errors: r.errors.slice(0, 3) });
}
