// One input's bytes to a validation result: decode and detect as the scanner does, then check against the format's schema.
import { INVENTORY_FORMATS, type SbomFormat } from '../model/document.js';
import { InputError } from '../sbom/errors.js';
import { loadDocument } from '../sbom/load.js';
import type { Detection, SbomParser } from '../sbom/parser.js';
import { DEFAULT_MAX_SIZE, decode } from '../sbom/read.js';
import { PARSERS } from '../sbom/registry.js';
import { TextInput } from '../sbom/view.js';
import { peelWrappers } from '../sbom/wrappers.js';
import { rejectDtd } from '../sbom/xml.js';
import { checkCycloneDxJson, checkCycloneDxXml, CYCLONEDX_LIBRARY, CYCLONEDX_VERSIONS } from './cyclonedx.js';
import { jsonPointerPositions } from './positions.js';
import { checkSpdxJson, checkSpdxTagValue, checkSpdxYaml, SPDX_SCHEMA_NAME } from './spdx.js';
import { ValidatorError, XmlSyntaxError, type SchemaIssue, type ValidationErrorCode, type ValidationResult, type XsdCheck } from './types.js';
import { wasmXsdCheck } from './xsd.js';

/** More issues than this per document are counted, not kept. */
export const MAX_ISSUES = 1000;

export interface ValidateOptions {
  /** Refuse larger inputs (and larger decompressed gzip data). */
  readonly maxSize?: number;
  /** How CycloneDX XML is checked against its XSD; libxml2 (WebAssembly, in this process) by default. */
  readonly xsdCheck?: XsdCheck;
  /** Issues kept per document; the rest are counted in `omitted`. */
  readonly maxIssues?: number;
  /** A file found by walking a directory: content that is no SBOM is `skipped`, not an error. */
  readonly skipNonSbom?: boolean;
}

/** `omitted`: issues the validator counted beyond those it kept. */
type Outcome = Pick<ValidationResult, 'status' | 'schema' | 'errors' | 'notes'> & { readonly error?: ValidationResult['error']; readonly omitted?: number };

const SPDX_KNOWN = ['2.2', '2.3'];

function failed(code: ValidationErrorCode, message: string, notes: readonly string[] = []): Outcome {
  return { status: 'error', errors: [], notes, error: { code, message } };
}

function checked(schema: string, issues: readonly SchemaIssue[], notes: readonly string[] = [], omitted = 0): Outcome {
  return { status: issues.length > 0 || omitted > 0 ? 'invalid' : 'valid', schema, errors: issues, notes, omitted };
}

/** The first parser that recognizes the view, in registry order, as the loader picks it. */
function detect(view: TextInput): [SbomParser, Detection] | undefined {
  for (const p of PARSERS.values()) {
    const d = p.detect(view);
    if (d) return [p, d];
  }
  return undefined;
}

/** A JSON file with text after the document (a scraped page) is read by the scanner, but it is not valid JSON. */
function trailingText(warnings: readonly string[]): SchemaIssue[] {
  return warnings.flatMap((w) => {
    if (!/non-JSON text after the document/.test(w)) return [];
    const at = /from line (\d+), column (\d+)/.exec(w);
    return [{ ...(at && { line: Number(at[1]), column: Number(at[2]) }), message: `the file is not valid JSON: ${w}` }];
  });
}

/** In file order where lines are known; otherwise as the validator reported them. */
function byLine(issues: readonly SchemaIssue[]): SchemaIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.i - b.i)
    .map((x) => x.issue);
}

/** A CycloneDX JSON document with no usable specVersion: no schema can be picked, and every one requires it. */
function noSpecVersion(doc: unknown, text: string | undefined): SchemaIssue {
  const at = (pointer: string) => (text === undefined ? undefined : jsonPointerPositions(text, new Set([pointer])).get(pointer));
  const stated = typeof doc === 'object' && doc !== null && 'specVersion' in doc ? (doc as { specVersion: unknown }).specVersion : undefined;
  if (stated === undefined) return { pointer: '', ...at(''), message: 'must have required property "specVersion"' };
  return { pointer: '/specVersion', ...at('/specVersion'), message: 'must name a CycloneDX version (JSON: 1.2-1.7)', value: JSON.stringify(stated) };
}

async function check(format: SbomFormat, parser: SbomParser, detection: Detection, view: TextInput, xsdCheck: XsdCheck, maxIssues: number): Promise<Outcome> {
  const version = detection.specVersion;
  // Lines count in the file only when the document is the file itself, not a wrapper's payload.
  const text = view.nested ? undefined : view.text;
  switch (format) {
    case 'cyclonedx-json': {
      if (version === 'unknown') return checked(`CycloneDX JSON schema (${CYCLONEDX_LIBRARY})`, [noSpecVersion(view.json(), text)]);
      if (!(CYCLONEDX_VERSIONS.json as readonly string[]).includes(version)) {
        const why = version === '1.0' || version === '1.1' ? `CycloneDX ${version} has no JSON format (CycloneDX JSON starts with 1.2)` : `specVersion "${version}" is not a CycloneDX version ictscan has a JSON schema for (1.2-1.7)`;
        return failed('unsupported-version', `cannot be validated: ${why}`);
      }
      const issues = await checkCycloneDxJson(view.json(), version, text);
      return checked(`CycloneDX ${version} JSON schema (${CYCLONEDX_LIBRARY})`, issues);
    }
    case 'cyclonedx-xml': {
      if (!(CYCLONEDX_VERSIONS.xml as readonly string[]).includes(version)) {
        return failed('unsupported-version', `cannot be validated: its XML namespace "http://cyclonedx.org/schema/bom/${version}" names no CycloneDX version (known: 1.0-1.7)`);
      }
      rejectDtd(view.text);
      const { issues, omitted } = await checkCycloneDxXml(view.text, version, xsdCheck, maxIssues);
      const notes = view.nested && issues.length > 0 ? ['line numbers count in the document inside the wrapper, not in the file'] : [];
      return checked(`CycloneDX ${version} XML schema (${CYCLONEDX_LIBRARY}, libxml2)`, issues, notes, omitted);
    }
    case 'spdx-json':
    case 'spdx-yaml': {
      if (!version.startsWith('2.') && version !== 'unknown') {
        return failed('unsupported-version', `cannot be validated: SPDX ${version} is not SPDX 2.x (SPDX 3 is JSON-LD, which has no schema check here)`);
      }
      const notes = SPDX_KNOWN.includes(version) ? [] : [`SPDX ${version} was checked against the SPDX 2.3 constraints`];
      if (format === 'spdx-json') return checked(SPDX_SCHEMA_NAME, checkSpdxJson(view.json(), text), notes);
      const yaml = checkSpdxYaml(view.text, view.nested);
      if ('syntax' in yaml) return failed('malformed', yaml.syntax);
      return checked(SPDX_SCHEMA_NAME, yaml.issues, notes);
    }
    case 'spdx-tag-value':
      // Tag-value has no schema: the tags every document and package must have, identifiers and dates are checked, nothing else.
      return checked('the tags SPDX 2.3 requires of a document and its packages (tag-value has no schema)', checkSpdxTagValue(view.text));
    case 'spdx-rdf':
    case 'spdx3-jsonld':
    case 'syft-json':
      return { status: 'unchecked', errors: [], notes: [`no schema validation for this format (${parser.description})`] };
    default: {
      // Installed-software inventories have no schema.
      if ((INVENTORY_FORMATS as readonly string[]).includes(format)) return { status: 'unchecked', errors: [], notes: [`no schema validation for this format (${parser.description})`] };
      const never = format as never;
      throw new Error(`no validation for format ${String(never)}`);
    }
  }
}

/**
 * Validate one input's bytes against its format's schema. Never throws for a bad input: an unreadable
 * input, a non-SBOM or a validator that cannot run is a result with status `error`.
 */
export async function validateDocumentBytes(source: string, bytes: Buffer, options: ValidateOptions = {}): Promise<ValidationResult> {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const maxIssues = options.maxIssues ?? MAX_ISSUES;
  let wrappers: string[] = [];
  let found: { parser: SbomParser; detection: Detection; view: TextInput; warnings: readonly string[] } | undefined;
  try {
    const decoded = decode(bytes, maxSize);
    const outer = new TextInput(source, decoded.text);
    const peeled = peelWrappers(outer, maxSize);
    wrappers = [...decoded.wrappers, ...peeled.wrappers];
    const hit = detect(peeled.view);
    if (hit) found = { parser: hit[0], detection: hit[1], view: peeled.view, warnings: [...outer.warnings, ...peeled.warnings, ...(peeled.view === outer ? [] : peeled.view.warnings)] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { source, status: 'error', errors: [], omitted: 0, notes: [], wrappers, error: { code: e.code, message: e.message } };
  }
  if (!found) {
    // The loader words "not an SBOM" and "broken JSON" the way every other command does.
    const loaded = loadDocument(source, bytes, { maxSize, skipNonSbom: options.skipNonSbom ?? false });
    if (loaded.kind === 'skipped') return { source, status: 'skipped', errors: [], omitted: 0, notes: [loaded.reason], wrappers };
    const error = loaded.kind === 'error' ? { code: loaded.error.code, message: loaded.error.message } : { code: 'not-an-sbom' as const, message: 'is not an SBOM' };
    return { source, status: 'error', errors: [], omitted: 0, notes: [], wrappers, error };
  }
  const { parser, detection, view, warnings } = found;
  let outcome: Outcome;
  try {
    outcome = await check(parser.format, parser, detection, view, options.xsdCheck ?? wasmXsdCheck, maxIssues);
  } catch (e) {
    if (e instanceof InputError) outcome = failed(e.code, e.message);
    else if (e instanceof XmlSyntaxError) outcome = failed('malformed', e.message);
    else if (e instanceof ValidatorError) outcome = failed('validator', `was not validated: ${e.message}`);
    else throw e;
  }
  const junk = outcome.status === 'valid' || outcome.status === 'invalid' ? trailingText(warnings) : [];
  const issues = byLine([...junk, ...outcome.errors]);
  const status = outcome.status === 'valid' && issues.length > 0 ? 'invalid' : outcome.status;
  const counted = outcome.omitted ?? 0;
  return {
    source,
    status,
    format: parser.format,
    specVersion: detection.specVersion,
    ...(outcome.schema !== undefined && { schema: outcome.schema }),
    errors: issues.slice(0, maxIssues),
    omitted: Math.max(0, issues.length - maxIssues) + counted,
    notes: [...outcome.notes, ...warnings.filter((w) => !/non-JSON text after the document/.test(w))],
    wrappers,
    ...(outcome.error && { error: outcome.error }),
  };
}
