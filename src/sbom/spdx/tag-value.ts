// SPDX 2.x tag-value: `Tag: Value` lines mapped onto the SPDX JSON shape, then normalized like JSON.
import type { SbomParser } from '../parser.js';
import { InputError } from '../errors.js';
import type { Obj } from '../untrusted.js';
import type { SbomDocument } from '../../model/document.js';
import { lfLineEnds } from '../lines.js';
import { append, SpdxReader, versionWarning, detectSpdxText, requireSpdx2 } from './normalize.js';

const VERSION_LINE = /^[ \t]*SPDXVersion[ \t]*:[ \t]*(\S*)/m;
/** A package record, at the start of a line (any line end: `m` treats CR as one). */
const PACKAGE_LINE = /^[ \t]*PackageName[ \t]*:/m;
const TEXT_OPEN = '<text>';
const TEXT_CLOSE = '</text>';
const HASH = 35;
const COLON = 58;

/** Exactly the characters `String.prototype.trim` and regex `\s` treat as white space, so trimming by index matches them. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `[A-Za-z]`, the first character of a tag. */
function isLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 97 && lower <= 122;
}

/** `[\w-]`, the other characters of a tag. */
function isTagChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function skipSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Reads the `Tag: Value` pairs one at a time, joining `<text>…</text>` values that span lines. Linear time.
 * Works on offsets into the whole text, so a line costs no copies beyond its tag and value: SBOMs run to
 * millions of lines.
 */
class PairScanner {
  tag = '';
  value = '';
  /** The 1-based line the current pair starts on. */
  line = 0;
  strayCount = 0;
  firstStray: number | undefined;
  private pos = 0;
  private nextLine = 1;

  constructor(private readonly text: string) {}

  /** Moves to the next pair; false once the text is used up. */
  next(): boolean {
    const text = this.text;
    while (this.pos < text.length) {
      const start = this.pos;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      this.pos = end + 1;
      this.line = this.nextLine++;
      if (this.readPair(start, end)) return true;
    }
    return false;
  }

  /** The pair on the line [start, end); false for blank, comment and stray lines. */
  private readPair(start: number, end: number): boolean {
    const text = this.text;
    const first = skipSpace(text, start, end);
    if (first === end || text.charCodeAt(first) === HASH) return false;
    // The tag must match `[A-Za-z][\w-]*` and be followed by optional space and the line's first colon.
    if (!isLetter(text.charCodeAt(first))) return this.stray();
    let tagEnd = first + 1;
    while (tagEnd < end && isTagChar(text.charCodeAt(tagEnd))) tagEnd++;
    const colon = skipSpace(text, tagEnd, end);
    if (colon === end || text.charCodeAt(colon) !== COLON) return this.stray();
    this.tag = text.slice(first, tagEnd);
    const valueStart = skipSpace(text, colon + 1, end);
    if (text.startsWith(TEXT_OPEN, valueStart)) this.readText(valueStart + TEXT_OPEN.length);
    else this.value = text.slice(valueStart, trimEnd(text, valueStart, end));
    return true;
  }

  private stray(): false {
    this.strayCount++;
    this.firstStray ??= this.line;
    return false;
  }

  /** A `<text>` value opened at `open`: up to its `</text>`, dropping the rest of the closing line. */
  private readText(open: number): void {
    const text = this.text;
    const close = text.indexOf(TEXT_CLOSE, open);
    if (close === -1) throw new InputError('malformed', `has a <text> value opened at line ${this.line} (tag ${this.tag}) that is never closed with </text>`, { line: this.line });
    // Another opener before the close means this one was left open and would swallow the tags between.
    const reopened = text.indexOf(TEXT_OPEN, open);
    if (reopened !== -1 && reopened < close) {
      throw new InputError('malformed', `has a <text> value opened at line ${this.line} (tag ${this.tag}) that is not closed before the next <text>`, { line: this.line });
    }
    const value = text.slice(open, close).trim();
    this.value = value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
    for (let i = text.indexOf('\n', open); i !== -1 && i < close; i = text.indexOf('\n', i + 1)) this.nextLine++;
    const after = text.indexOf('\n', close);
    this.pos = after === -1 ? text.length : after + 1;
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

/** Package tags whose value is copied as is into the JSON key of the same meaning. */
const PACKAGE_FIELDS = {
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
} as const;

type CopiedField = (typeof PACKAGE_FIELDS)[keyof typeof PACKAGE_FIELDS];

/** File and snippet tags, by the JSON key they fill; `list` keys gather every line. */
const FILE_FIELDS: ReadonlyMap<string, { key: string; list?: true }> = new Map([
  ['FileName', { key: 'fileName' }],
  ['FileChecksum', { key: 'checksums', list: true }],
  ['LicenseConcluded', { key: 'licenseConcluded' }],
  ['SnippetLicenseConcluded', { key: 'licenseConcluded' }],
  ['LicenseInfoInFile', { key: 'licenseInfoInFiles', list: true }],
  ['LicenseInfoInSnippet', { key: 'licenseInfoInSnippets', list: true }],
  ['FileCopyrightText', { key: 'copyrightText' }],
  ['SnippetCopyrightText', { key: 'copyrightText' }],
  ['FileComment', { key: 'comment' }],
  ['SnippetComment', { key: 'comment' }],
  ['FileNotice', { key: 'noticeText' }],
  ['FileContributor', { key: 'fileContributors', list: true }],
  ['SnippetName', { key: 'name' }],
  ['SnippetFromFileSPDXID', { key: 'snippetFromFile' }],
]);

/** What a tag does: starts a section, is a relationship, or sets a field of the section it is in. */
type Role =
  | 'package'
  | 'file'
  | 'snippet'
  /** A section other than a package or file (licence, annotation): what follows describes neither. */
  | 'other'
  | 'relationship'
  | 'id'
  | 'documentName'
  | 'documentNamespace'
  | 'externalRef'
  | 'checksum'
  | 'licenseFromFiles'
  | CopiedField;

/** One hash look-up per line rather than comparing the tag with each name in turn. Tags not listed are ignored. */
const ROLES = new Map<string, Role>([
  ['PackageName', 'package'],
  ['FileName', 'file'],
  ['SnippetSPDXID', 'snippet'],
  ['LicenseID', 'other'],
  ['Annotator', 'other'],
  ['Relationship', 'relationship'],
  ['SPDXID', 'id'],
  ['DocumentName', 'documentName'],
  ['DocumentNamespace', 'documentNamespace'],
  ['ExternalRef', 'externalRef'],
  ['PackageChecksum', 'checksum'],
  ['PackageLicenseInfoFromFiles', 'licenseFromFiles'],
  ...Object.entries(PACKAGE_FIELDS),
]);

/**
 * A package in the SPDX JSON shape. Every key is present from the start (undefined reads as absent), so all
 * packages share one object shape; lists stay undefined until a line adds to them.
 */
type Draft = { name: string; SPDXID: string | undefined; externalRefs: Obj[] | undefined; checksums: Obj[] | undefined; licenseInfoFromFiles: string[] | undefined } & Record<CopiedField, string | undefined>;

function newDraft(name: string): Draft {
  return {
    name,
    SPDXID: undefined,
    versionInfo: undefined,
    supplier: undefined,
    originator: undefined,
    downloadLocation: undefined,
    homepage: undefined,
    licenseConcluded: undefined,
    licenseDeclared: undefined,
    copyrightText: undefined,
    summary: undefined,
    description: undefined,
    comment: undefined,
    sourceInfo: undefined,
    primaryPackagePurpose: undefined,
    packageFileName: undefined,
    externalRefs: undefined,
    checksums: undefined,
    licenseInfoFromFiles: undefined,
  };
}

function addPackageField(d: Draft, role: Exclude<Role, 'package' | 'file' | 'snippet' | 'other' | 'relationship'>, value: string): void {
  switch (role) {
    case 'id':
      d.SPDXID = value;
      return;
    case 'externalRef': {
      const r = externalRef(value);
      if (r) d.externalRefs = append(d.externalRefs, r);
      return;
    }
    case 'checksum': {
      const c = checksum(value);
      if (c) d.checksums = append(d.checksums, c);
      return;
    }
    case 'licenseFromFiles':
      d.licenseInfoFromFiles = append(d.licenseInfoFromFiles, value);
      return;
    case 'documentName':
    case 'documentNamespace':
      return;
    default:
      d[role] = value;
  }
}

/**
 * A tag-value document read one pair at a time. Each package is handed to the SPDX reader as soon as its
 * section ends, so its draft dies young instead of every draft living until the end of a large document.
 */
class TagValueDocument {
  private readonly doc: Record<string, unknown> = {};
  private readonly relationships: Obj[] = [];
  private readonly files: Obj[] = [];
  private readonly snippets: Obj[] = [];
  private readonly reader = new SpdxReader();
  private current: Draft | undefined;
  private currentLine = 0;
  /** The file or snippet being read, in the JSON shape. */
  private fileDraft: Record<string, unknown> | undefined;
  private fileLine = 0;
  /** What the lines since the last section start describe: only packages take package tags. */
  private section: 'document' | 'package' | 'file' | 'snippet' | 'other' = 'document';

  /** `withLines`: give each package the line of its PackageName (not for documents taken out of a wrapper). */
  constructor(private readonly withLines: boolean) {}

  add(tag: string, value: string, line: number): void {
    const role = ROLES.get(tag);
    if (this.fileDraft && role !== 'file' && role !== 'snippet' && this.addFileField(tag, value)) return;
    switch (role) {
      case undefined:
        return;
      case 'package':
        this.endPackage();
        this.endFile();
        this.current = newDraft(value);
        this.currentLine = line;
        this.section = 'package';
        return;
      case 'file':
        this.startOther('file');
        this.fileDraft = { fileName: value };
        this.fileLine = line;
        return;
      case 'other':
        this.startOther(role);
        return;
      case 'snippet':
        this.startOther('snippet');
        this.fileDraft = { SPDXID: value };
        this.fileLine = line;
        this.snippets.push({ SPDXID: value });
        return;
      case 'relationship': {
        const r = relationship(value);
        if (r) this.relationships.push(r);
        return;
      }
    }
    if (this.section === 'document') this.addDocumentField(role, value);
    // Files are not counted components; their ids also tell relationships to files from dangling ones.
    else if (this.section === 'file') {
      if (role === 'id') {
        this.files.push({ SPDXID: value });
        if (this.fileDraft) this.fileDraft['SPDXID'] = value;
      }
    } else if (this.current) addPackageField(this.current, role, value);
  }

  /** A tag of the file or snippet being read; false when the tag is not one. */
  private addFileField(tag: string, value: string): boolean {
    const field = FILE_FIELDS.get(tag);
    const draft = this.fileDraft;
    if (!field || !draft) return false;
    const v = tag === 'FileChecksum' ? checksum(value) : value;
    if (v === undefined) return true;
    if (field.list) {
      const list = draft[field.key];
      if (Array.isArray(list)) list.push(v);
      else draft[field.key] = [v];
    } else draft[field.key] = v;
    return true;
  }

  private endFile(): void {
    if (!this.fileDraft) return;
    this.reader.addFileLike(this.fileDraft, this.section === 'snippet' ? 'snippet' : 'file', this.withLines ? this.fileLine : undefined);
    this.fileDraft = undefined;
  }

  finish(specVersion: string): SbomDocument {
    this.endPackage();
    this.endFile();
    const shape: Obj = { ...this.doc, files: this.files, snippets: this.snippets, relationships: this.relationships };
    return this.reader.finish(shape, 'spdx-tag-value', specVersion);
  }

  /** A section other than a package: what follows no longer describes the package before it. */
  private startOther(section: 'file' | 'snippet' | 'other'): void {
    this.endPackage();
    this.endFile();
    this.section = section;
  }

  private endPackage(): void {
    if (!this.current) return;
    this.reader.addPackage(this.current, this.withLines ? this.currentLine : undefined);
    this.current = undefined;
  }

  private addDocumentField(role: Role, value: string): void {
    if (role === 'id') this.doc['SPDXID'] = value;
    else if (role === 'documentName') this.doc['name'] = value;
    else if (role === 'documentNamespace') this.doc['documentNamespace'] = value;
  }
}

export const spdxTagValue: SbomParser = {
  format: 'spdx-tag-value',
  description: 'SPDX 2.x tag-value',
  detect: (input) => detectSpdxText(input, VERSION_LINE),
  parse(input, detection) {
    requireSpdx2(detection.specVersion, 'tag-value');
    const text = lfLineEnds(input.text);
    const scanner = new PairScanner(text);
    const doc = new TagValueDocument(!input.nested);
    while (scanner.next()) doc.add(scanner.tag, scanner.value, scanner.line);
    const result = doc.finish(detection.specVersion);
    // A document that names packages must yield them: reading none would pass it as clean.
    if (result.components.length === 0 && PACKAGE_LINE.test(text)) throw new InputError('malformed', 'has PackageName lines but no package could be read from them');
    const warnings = [...result.warnings];
    if (scanner.strayCount > 0) warnings.push(`${scanner.strayCount} line(s) that are not "Tag: Value" were ignored (first at line ${scanner.firstStray ?? 0})`);
    const odd = versionWarning(detection.specVersion);
    if (odd) warnings.unshift(odd);
    return { ...result, warnings };
  },
};
