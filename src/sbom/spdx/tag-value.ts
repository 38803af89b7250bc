// SPDX 2.x tag-value: `Tag: Value` lines mapped onto the SPDX JSON shape, then normalized like JSON.
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import { own, type Obj } from '../untrusted.js';
import { normalizeSpdx, versionWarning } from './normalize.js';

const VERSION_LINE = /^[ \t]*SPDXVersion[ \t]*:[ \t]*(\S*)/m;
const TEXT_OPEN = '<text>';
const TEXT_CLOSE = '</text>';

/** Package tags whose value is copied as is into the JSON key of the same meaning. */
const PACKAGE_FIELDS: Readonly<Record<string, string>> = {
  PackageVersion: 'versionInfo',
  PackageSupplier: 'supplier',
  PackageOriginator: 'originator',
  PackageDownloadLocation: 'downloadLocation',
  PackageHomePage: 'homepage',
  PackageLicenseConcluded: 'licenseConcluded',
  PackageLicenseDeclared: 'licenseDeclared',
  PackageCopyrightText: 'copyrightText',
  PackageSummary: 'summary',
  PackageDescription: 'description',
  PackageComment: 'comment',
  PackageSourceInfo: 'sourceInfo',
  PrimaryPackagePurpose: 'primaryPackagePurpose',
  PackageFileName: 'packageFileName',
};

/** Tags that start a section other than a package or file: what follows no longer describes either. */
const OTHER_SECTIONS = new Set(['LicenseID', 'Annotator']);

interface Line {
  readonly tag: string;
  readonly value: string;
  readonly line: number;
}

/** Split the text into tag/value pairs, joining `<text>…</text>` values that span lines. Linear time. */
function* tagValues(text: string, stray: { count: number; first?: number }): Generator<Line> {
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const raw = text.slice(pos, end);
    const startLine = line;
    const trimmed = raw.trim();
    let next = end + 1;
    line++;
    if (trimmed === '' || trimmed.startsWith('#')) {
      pos = next;
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon <= 0 || !/^\s*[A-Za-z][\w-]*\s*$/.test(raw.slice(0, colon))) {
      stray.count++;
      stray.first ??= startLine;
      pos = next;
      continue;
    }
    const tag = raw.slice(0, colon).trim();
    let value = raw.slice(colon + 1).trim();
    if (value.startsWith(TEXT_OPEN)) {
      const open = pos + raw.indexOf(TEXT_OPEN, colon) + TEXT_OPEN.length;
      const close = text.indexOf(TEXT_CLOSE, open);
      if (close === -1) throw new InputError('malformed', `has a <text> value opened at line ${startLine} (tag ${tag}) that is never closed with </text>`, { line: startLine });
      // Another opener before the close means this one was left open and would swallow the tags between.
      const reopened = text.indexOf(TEXT_OPEN, open);
      if (reopened !== -1 && reopened < close) {
        throw new InputError('malformed', `has a <text> value opened at line ${startLine} (tag ${tag}) that is not closed before the next <text>`, { line: startLine });
      }
      value = text.slice(open, close).trim().replace(/\r\n?/g, '\n');
      for (let i = text.indexOf('\n', open); i !== -1 && i < close; i = text.indexOf('\n', i + 1)) line++;
      const after = text.indexOf('\n', close);
      next = after === -1 ? text.length : after + 1;
    }
    yield { tag, value, line: startLine };
    pos = next;
  }
}

/** `SHA256: abc` (checksum) split at its first colon. */
function checksum(value: string): Obj | undefined {
  const i = value.indexOf(':');
  if (i <= 0) return undefined;
  return { algorithm: value.slice(0, i).trim(), checksumValue: value.slice(i + 1).trim() };
}

/** `CATEGORY TYPE LOCATOR`: the locator is the rest, so it may contain spaces. */
function externalRef(value: string): Obj | undefined {
  const m = /^(\S+)\s+(\S+)\s+(.+)$/.exec(value);
  if (!m) return undefined;
  return { referenceCategory: m[1], referenceType: m[2], referenceLocator: m[3] };
}

function relationship(value: string): Obj | undefined {
  const m = /^(\S+)\s+(\S+)\s+(\S+)/.exec(value);
  if (!m) return undefined;
  return { spdxElementId: m[1], relationshipType: m[2], relatedSpdxElement: m[3] };
}

type Draft = Record<string, unknown> & { externalRefs: Obj[]; checksums: Obj[]; licenseInfoFromFiles: string[] };

export const spdxTagValue: SbomParser = {
  format: 'spdx-tag-value',
  description: 'SPDX 2.x tag-value',
  detect(input) {
    if (input.head === '{' || input.head === '[' || input.head === '<') return undefined;
    const m = VERSION_LINE.exec(input.text);
    if (!m) return undefined;
    return { specVersion: (m[1] ?? '').replace(/^SPDX-/, '') || 'unknown' };
  },
  parse(input, detection) {
    // 'unknown' comes from a forced --input-format on a document without a version line: read it as 2.3.
    if (!detection.specVersion.startsWith('2.') && detection.specVersion !== 'unknown') {
      throw new InputError('unsupported-version', `SPDX ${detection.specVersion} in tag-value is not supported (SPDX 2.x expected)`);
    }
    const packages: Draft[] = [];
    const relationships: Obj[] = [];
    const files: Obj[] = [];
    const snippets: Obj[] = [];
    const doc: Record<string, unknown> = {};
    const lines = new Map<Obj, number>();
    const stray: { count: number; first?: number } = { count: 0 };
    let current: Draft | undefined;
    let section: 'document' | 'package' | 'file' | 'other' = 'document';
    for (const { tag, value, line } of tagValues(input.text, stray)) {
      if (tag === 'PackageName') {
        current = { name: value, externalRefs: [], checksums: [], licenseInfoFromFiles: [] };
        packages.push(current);
        lines.set(current, line);
        section = 'package';
        continue;
      }
      if (tag === 'Relationship') {
        const r = relationship(value);
        if (r) relationships.push(r);
        continue;
      }
      if (tag === 'FileName' || tag === 'SnippetSPDXID' || OTHER_SECTIONS.has(tag)) {
        current = undefined;
        section = tag === 'FileName' ? 'file' : 'other';
        if (tag === 'SnippetSPDXID') snippets.push({ SPDXID: value });
        continue;
      }
      if (section === 'document') {
        if (tag === 'SPDXID') doc['SPDXID'] = value;
        else if (tag === 'DocumentName') doc['name'] = value;
        else if (tag === 'DocumentNamespace') doc['documentNamespace'] = value;
        continue;
      }
      if (section === 'file') {
        // Files are not components; their ids only tell relationships to files from dangling ones.
        if (tag === 'SPDXID') files.push({ SPDXID: value });
        continue;
      }
      if (!current) continue;
      const key = own(PACKAGE_FIELDS, tag);
      if (key !== undefined) current[key] = value;
      else if (tag === 'SPDXID') current['SPDXID'] = value;
      else if (tag === 'ExternalRef') {
        const r = externalRef(value);
        if (r) current.externalRefs.push(r);
      } else if (tag === 'PackageChecksum') {
        const c = checksum(value);
        if (c) current.checksums.push(c);
      } else if (tag === 'PackageLicenseInfoFromFiles') current.licenseInfoFromFiles.push(value);
    }
    const shape: Obj = { ...doc, packages, files, snippets, relationships };
    const result = normalizeSpdx(shape, 'spdx-tag-value', detection.specVersion, {
      ...(!input.nested && { lineOf: (p) => lines.get(p) }),
    });
    const warnings = [...result.warnings];
    if (stray.count > 0) warnings.push(`${stray.count} line(s) that are not "Tag: Value" were ignored (first at line ${stray.first ?? 0})`);
    const odd = versionWarning(detection.specVersion);
    if (odd) warnings.unshift(odd);
    return { ...result, warnings };
  },
};
