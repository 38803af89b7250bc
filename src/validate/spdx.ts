// SPDX 2.x JSON and YAML against ictscan's SPDX 2.3 schema (schemas/spdx-2.3.schema.json); tag-value against the required tags.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';
import { SCHEMAS_DIR } from '../paths.js';
import { issuesFromAjv } from './issues.js';
import { jsonPointerPositions, yamlPointerPositions, type Position } from './positions.js';
import { ValidatorError, type SchemaIssue } from './types.js';

export const SPDX_SCHEMA_FILE = 'spdx-2.3.schema.json';
export const SPDX_SCHEMA_NAME = `ictscan's SPDX 2.3 schema (schemas/${SPDX_SCHEMA_FILE})`;

let compiled: ValidateFunction | undefined;

function spdxValidator(): ValidateFunction {
  if (!compiled) {
    try {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, SPDX_SCHEMA_FILE), 'utf8')) as object;
      // verbose: the failing subschema comes with each error, so its `x-error` message can be shown.
      const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
      addFormats.default(ajv, ['uri']);
      compiled = ajv.compile(schema);
    } catch (e) {
      throw new ValidatorError(`the SPDX schema ${SPDX_SCHEMA_FILE} could not be loaded: ${(e as Error).message}`);
    }
  }
  return compiled;
}

/** Check a parsed SPDX 2.x JSON or YAML document; `positions` turns pointers into lines (absent for wrapped documents). */
export function checkSpdx(doc: unknown, positions?: (pointers: ReadonlySet<string>) => Map<string, Position>): SchemaIssue[] {
  const validate = spdxValidator();
  if (validate(doc)) return [];
  return issuesFromAjv(validate.errors ?? [], doc, positions);
}

export function checkSpdxJson(doc: unknown, text: string | undefined): SchemaIssue[] {
  return checkSpdx(doc, text === undefined ? undefined : (p) => jsonPointerPositions(text, p));
}

/** SPDX YAML: read with the YAML 1.2 core schema (a bare 1.10 is a number, and the schema says so), checked as JSON. */
export function checkSpdxYaml(text: string, nested: boolean): { issues: SchemaIssue[] } | { syntax: string; line?: number } {
  const doc = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) return { syntax: `is not valid YAML: ${error.message.split('\n')[0] ?? ''}` };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { syntax: `was not read: ${(e as Error).message}` };
  }
  return { issues: checkSpdx(value, nested ? undefined : (p) => yamlPointerPositions(text, p)) };
}

/** SPDX 2.3 §6 (document creation) tags every document must have, with their cardinality. */
const DOCUMENT_TAGS: readonly { tag: string; many?: boolean }[] = [
  { tag: 'SPDXVersion' },
  { tag: 'DataLicense' },
  { tag: 'DocumentName' },
  { tag: 'DocumentNamespace' },
  { tag: 'Creator', many: true },
  { tag: 'Created' },
];

/** Tags that start a section after which document creation tags no longer belong to the header. */
const SECTION_START = new Set(['PackageName', 'FileName', 'SnippetSPDXID', 'LicenseID', 'Relationship', 'Annotator']);
const ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface TagLine {
  readonly tag: string;
  readonly value: string;
  readonly line: number;
}

/** Tag/value pairs, with `<text>…</text>` values spanning lines joined, so that tags inside them are not counted. */
function tagLines(text: string): TagLine[] {
  const out: TagLine[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] ?? '';
    const m = /^\s*([A-Za-z][\w-]*)\s*:(.*)$/.exec(raw);
    if (!m || raw.trimStart().startsWith('#')) continue;
    const tag = m[1] ?? '';
    let value = (m[2] ?? '').trim();
    const start = n + 1;
    if (value.startsWith('<text>') && !value.includes('</text>')) {
      while (n + 1 < lines.length && !(lines[n] ?? '').includes('</text>')) n++;
      value = '<text>…</text>';
    }
    out.push({ tag, value, line: start });
  }
  return out;
}

/**
 * The cheap check of SPDX tag-value: the tags SPDX 2.3 requires of every document (§6) and every
 * package (§7: PackageName, SPDXID, PackageDownloadLocation; no verification code when FilesAnalyzed is
 * false), the identifier syntax, and the date format. Not a full schema: other tags are not checked.
 */
export function checkSpdxTagValue(text: string): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const lines = tagLines(text);
  const header: TagLine[] = [];
  for (const l of lines) {
    if (SECTION_START.has(l.tag)) break;
    header.push(l);
  }
  for (const { tag, many } of DOCUMENT_TAGS) {
    const found = lines.filter((l) => l.tag === tag);
    if (found.length === 0) issues.push({ line: 1, message: `the document must have a ${tag} tag` });
    else if (!many && found.length > 1) issues.push({ line: found[1]?.line ?? 1, message: `the document must have one ${tag} tag, not ${found.length}` });
  }
  const docId = header.find((l) => l.tag === 'SPDXID');
  if (!docId) issues.push({ line: 1, message: 'the document must have an SPDXID tag (SPDXRef-DOCUMENT) before its first package or file' });
  else if (docId.value !== 'SPDXRef-DOCUMENT') issues.push({ line: docId.line, message: 'the document SPDXID must be SPDXRef-DOCUMENT', value: JSON.stringify(docId.value) });
  for (const l of lines) {
    if (l.tag === 'DataLicense' && l.value !== 'CC0-1.0') issues.push({ line: l.line, message: 'DataLicense must be CC0-1.0', value: JSON.stringify(l.value) });
    if (l.tag === 'SPDXVersion' && !/^SPDX-2\.\d+$/.test(l.value)) issues.push({ line: l.line, message: 'SPDXVersion must be SPDX-2.N', value: JSON.stringify(l.value) });
    if (['Created', 'ReleaseDate', 'BuiltDate', 'ValidUntilDate', 'AnnotationDate'].includes(l.tag) && !DATE.test(l.value)) {
      issues.push({ line: l.line, message: `${l.tag} must be a UTC date and time YYYY-MM-DDThh:mm:ssZ, whole seconds`, value: JSON.stringify(l.value) });
    }
  }
  // Packages: from each PackageName to the next section start.
  for (let p = 0; p < lines.length; p++) {
    const start = lines[p];
    if (start?.tag !== 'PackageName') continue;
    const fields: TagLine[] = [];
    for (let q = p + 1; q < lines.length; q++) {
      const l = lines[q];
      if (!l || SECTION_START.has(l.tag)) break;
      fields.push(l);
    }
    const label = `package "${start.value}"`;
    const id = fields.find((l) => l.tag === 'SPDXID');
    if (!id) issues.push({ line: start.line, message: `${label} must have an SPDXID tag` });
    else if (!ID.test(id.value)) issues.push({ line: id.line, message: 'SPDXID must be SPDXRef- followed by letters, digits, "." or "-"', value: JSON.stringify(id.value) });
    if (!fields.some((l) => l.tag === 'PackageDownloadLocation')) issues.push({ line: start.line, message: `${label} must have a PackageDownloadLocation tag` });
    const analyzed = fields.find((l) => l.tag === 'FilesAnalyzed');
    const code = fields.find((l) => l.tag === 'PackageVerificationCode');
    if (analyzed && analyzed.value.toLowerCase() === 'false' && code) {
      issues.push({ line: code.line, message: 'PackageVerificationCode must be omitted when FilesAnalyzed is false (7.9)' });
    }
  }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
