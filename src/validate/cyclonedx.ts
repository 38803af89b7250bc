// CycloneDX against the schemas @cyclonedx/cyclonedx-library ships: JSON with its JsonStrictValidator, XML with libxml2 (WebAssembly) and its XSDs.
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as CycloneDxLibrary from '@cyclonedx/cyclonedx-library';
import type { ErrorObject } from 'ajv';
import { issuesFromAjv } from './issues.js';
import { jsonPointerPositions } from './positions.js';
import { ValidatorError, type SchemaIssue, type XsdCheck, type XsdOutcome } from './types.js';

const require = createRequire(import.meta.url);

/** Versions per encoding: CycloneDX 1.0 and 1.1 were XML only; JSON starts with 1.2. */
export const CYCLONEDX_VERSIONS = {
  json: ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'],
  xml: ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7'],
} as const;

function libraryVersion(): string {
  try {
    return (require('@cyclonedx/cyclonedx-library/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export const CYCLONEDX_LIBRARY = `@cyclonedx/cyclonedx-library ${libraryVersion()}`;

/** The library takes ~300 ms to load: only when a CycloneDX JSON document is validated, not at every CLI start. */
async function library(): Promise<typeof CycloneDxLibrary> {
  return import('@cyclonedx/cyclonedx-library');
}

/** One validator per version: each compiles its schema once (60-300 ms) and caches it. */
const jsonValidators = new Map<string, CycloneDxLibrary.Validation.JsonStrictValidator>();

/**
 * Check CycloneDX JSON with the library's JsonStrictValidator. Its ajv stops at the first failing
 * keyword (the library does not set allErrors), so an invalid document usually reports one issue.
 * `text` (the file's own text) gives lines; absent for a document taken out of a wrapper.
 */
export async function checkCycloneDxJson(doc: unknown, version: string, text: string | undefined): Promise<SchemaIssue[]> {
  const { Spec, Validation } = await library();
  const spec = Object.values(Spec.Version).find((v) => v === version);
  if (!spec || !(CYCLONEDX_VERSIONS.json as readonly string[]).includes(version)) throw new ValidatorError(`no CycloneDX ${version} JSON schema`);
  let validator = jsonValidators.get(version);
  if (!validator) {
    validator = new Validation.JsonStrictValidator(spec);
    jsonValidators.set(version, validator);
  }
  let errors: unknown;
  try {
    // The validator parses its input itself; the parsed document is handed over again so trailing junk does not matter.
    errors = await validator.validate(JSON.stringify(doc));
  } catch (e) {
    if (e instanceof Validation.MissingOptionalDependencyError) {
      throw new ValidatorError(`CycloneDX JSON validation needs ajv, ajv-formats and ajv-formats-draft2019 installed: ${e.message}`);
    }
    throw new ValidatorError(`the CycloneDX ${version} JSON validator failed: ${(e as Error).message}`);
  }
  if (errors === null) return [];
  const list = Array.isArray(errors) ? (errors as ErrorObject[]) : [];
  if (list.length === 0) return [{ pointer: '', message: 'does not match the CycloneDX schema' }];
  return issuesFromAjv(list, doc, text === undefined ? undefined : (p) => jsonPointerPositions(text, p));
}

/** The library's bundled XSD for a CycloneDX version. */
export function cyclonedxXsd(version: string): string {
  return path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema', `bom-${version}.SNAPSHOT.xsd`);
}

/** Check CycloneDX XML against the library's XSD for its namespace version. */
export async function checkCycloneDxXml(text: string, version: string, xsdCheck: XsdCheck, maxIssues: number): Promise<XsdOutcome> {
  if (!(CYCLONEDX_VERSIONS.xml as readonly string[]).includes(version)) throw new ValidatorError(`no CycloneDX ${version} XML schema`);
  return xsdCheck(utf8Declaration(text), cyclonedxXsd(version), maxIssues);
}

/**
 * The text was decoded already (UTF-16, a legacy encoding named in the declaration); it reaches libxml2 as
 * UTF-8, so a declaration naming another encoding is rewritten in place (same line count).
 */
export function utf8Declaration(text: string): string {
  return text.replace(/^(\uFEFF?\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}
