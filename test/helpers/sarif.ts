// The official SARIF 2.1.0 schema, read from ../shared/schemas (never copied into the repo), as one validator for every test that writes SARIF.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SHARED_DIR } from './corpus.js';

export const SARIF_SCHEMA_PATH = path.join(SHARED_DIR, 'schemas', 'sarif-schema-2.1.0.json');

/** Without ../shared, SARIF output is checked as JSON only, and the tests' titles say so (withSarifSchema). */
export const SARIF_SCHEMA_MISSING = !existsSync(SARIF_SCHEMA_PATH);

/** A test's title, saying so when the SARIF schema is absent and its output is not checked against it. */
export function withSarifSchema(title: string): string {
  return SARIF_SCHEMA_MISSING ? `${title} (SARIF schema check skipped: no schema at ${SARIF_SCHEMA_PATH})` : title;
}

let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  if (!existsSync(SARIF_SCHEMA_PATH)) throw new Error(`the SARIF schema is missing at ${SARIF_SCHEMA_PATH}: check out ../shared beside the project`);
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as { $schema: string };
  // The schema is draft-07, which Ajv's default class speaks; a draft-04 schema would need ajv-draft-04 instead.
  if (schema.$schema !== 'http://json-schema.org/draft-07/schema#') throw new Error(`unexpected meta-schema ${schema.$schema}`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

/** Throws with the first schema errors when the text is not a valid SARIF 2.1.0 log (only when it is not JSON, without the schema). */
export function assertValidSarif(text: string): void {
  const parsed: unknown = JSON.parse(text);
  if (SARIF_SCHEMA_MISSING) return;
  const validate = sarifValidator();
  if (!validate(parsed)) throw new Error(`invalid SARIF: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}
