// CycloneDX XML against its XSD in this process: libxml2 compiled to WebAssembly (libxml2-wasm), so no system binary is needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Libxml2 from 'libxml2-wasm';
import type * as Libxml2Binding from 'libxml2-wasm/lib/libxml2.mjs';
import { ValidatorError, XmlSyntaxError, type SchemaIssue, type XsdCheck } from './types.js';

/** libxml2's xmlErrorLevel: 1 warning, 2 error, 3 fatal. Schema warnings are not schema errors. */
const XML_ERR_ERROR = 2;

/** `'{http://cyclonedx.org/schema/bom/1.6}component'` reads better as `'component'`. */
export function tidy(message: string): string {
  return message.trim().replace(/\{[^}\s]*\}(?=[A-Za-z_])/g, '');
}

/** The value libxml2 names in a message, when it names one. */
export function valueOf(message: string): string | undefined {
  const m = /[Tt]he value '([^']*)'/.exec(message) ?? /^Element '[^']*'(?:, attribute '[^']*')?: '([^']*)' is not a valid value/.exec(message);
  return m?.[1] === undefined ? undefined : JSON.stringify(m[1]);
}

/** One schema error as ictscan reports it. */
export function schemaIssue(line: number, raw: string): SchemaIssue {
  const message = tidy(raw);
  const value = valueOf(message);
  return { ...(line > 0 && { line }), message, ...(value !== undefined && { value }) };
}

type Binding = typeof Libxml2Binding & {
  /** Emscripten's runtime export (not in the package's typings): turns a JS function into a wasm table entry. */
  readonly addFunction: (f: (data: number, error: number) => void, signature: 'vii') => number;
};

interface Engine {
  readonly lib: typeof Libxml2;
  readonly binding: Binding;
  /** A wasm error callback that hands each error to `sink`. */
  readonly collector: number;
  /** Compiled schemas by XSD path: the 1.6 XSD takes ~100 ms to compile, a document ~1 ms per 20 KB to check. */
  readonly validators: Map<string, Libxml2.XsdValidator>;
  /** Folders whose XSDs were asked for: the only files libxml2 may open (the XSDs import spdx.SNAPSHOT.xsd beside them). */
  readonly schemaDirs: Set<string>;
}

let sink: ((error: number) => void) | undefined;
let engine: Promise<Engine> | undefined;

/**
 * libxml2 reaches no file of its own (the WebAssembly module has no host file system): an XSD's imports are
 * served from memory, and only from the folders of the XSDs ictscan itself picked. A document cannot make
 * libxml2 read anything (DTDs are refused before, XInclude is off, schema location hints are not followed).
 */
function registerSchemaReader(lib: typeof Libxml2, schemaDirs: Set<string>): void {
  const open = new Map<number, { bytes: Buffer; at: number }>();
  let next = 1;
  const local = (name: string): string | undefined => {
    const file = name.startsWith('file://') ? decodeURIComponent(new URL(name).pathname) : name;
    return path.isAbsolute(file) && path.normalize(file) === file && schemaDirs.has(path.dirname(file)) && file.endsWith('.xsd') ? file : undefined;
  };
  lib.xmlRegisterInputProvider({
    match: (name) => local(name) !== undefined,
    open: (name) => {
      const file = local(name);
      if (file === undefined) return undefined;
      try {
        open.set(next, { bytes: readFileSync(file), at: 0 });
      } catch {
        return undefined;
      }
      return next++;
    },
    read: (fd, buf) => {
      const f = open.get(fd);
      if (!f) return -1;
      const n = Math.min(buf.byteLength, f.bytes.length - f.at);
      buf.set(f.bytes.subarray(f.at, f.at + n));
      f.at += n;
      return n;
    },
    close: (fd) => open.delete(fd),
  });
}

/** Loaded on first use: the WebAssembly module takes ~60 ms to start, which `scan` without XML never pays. */
async function load(): Promise<Engine> {
  const lib = await import('libxml2-wasm');
  const binding = (await import('libxml2-wasm/lib/libxml2.mjs')) as Binding;
  if (typeof binding.addFunction !== 'function' || typeof binding.error?.errorCollector !== 'number') {
    throw new ValidatorError('libxml2-wasm does not offer the error callback ictscan uses (an incompatible version is installed)');
  }
  const collector = binding.addFunction((_data, error) => sink?.(error), 'vii');
  const schemaDirs = new Set<string>();
  registerSchemaReader(lib, schemaDirs);
  return { lib, binding, collector, validators: new Map(), schemaDirs };
}

function compiled(e: Engine, xsdPath: string): Libxml2.XsdValidator {
  const known = e.validators.get(xsdPath);
  if (known) return known;
  e.schemaDirs.add(path.dirname(xsdPath));
  let bytes: Buffer;
  try {
    bytes = readFileSync(xsdPath);
  } catch (err) {
    throw new ValidatorError(`the schema ${xsdPath} could not be read: ${(err as Error).message}`);
  }
  try {
    // The schema document stays alive with its validator (it is never disposed, like the validator).
    const xsd = e.lib.XmlDocument.fromBuffer(bytes, { url: xsdPath });
    const validator = e.lib.XsdValidator.fromDoc(xsd);
    e.validators.set(xsdPath, validator);
    return validator;
  } catch (err) {
    throw new ValidatorError(`libxml2 could not compile the schema ${xsdPath}: ${tidy((err as Error).message).split('\n')[0] ?? ''}`);
  }
}

/**
 * Run the validator with ictscan's own error callback in place of the library's: the library computes an
 * XPath for every error, which walks the element's siblings, so 20,000 errors among siblings took minutes.
 * The callback keeps the first `maxIssues` and counts the rest.
 */
function validate(e: Engine, validator: Libxml2.XsdValidator, doc: Libxml2.XmlDocument, maxIssues: number): { issues: SchemaIssue[]; omitted: number } {
  const issues: SchemaIssue[] = [];
  let omitted = 0;
  const { XmlErrorStruct } = e.binding;
  const libraryCollector = e.binding.error.errorCollector;
  sink = (error) => {
    if (XmlErrorStruct.level(error) < XML_ERR_ERROR) return;
    if (issues.length < maxIssues) issues.push(schemaIssue(XmlErrorStruct.line(error), XmlErrorStruct.message(error)));
    else omitted++;
  };
  e.binding.error.errorCollector = e.collector;
  try {
    validator.validate(doc);
  } catch (err) {
    if (!(err instanceof e.lib.XmlValidateError)) throw new ValidatorError(`libxml2 could not validate the document: ${(err as Error).message}`);
    // The library saw errors; an error it did not hand over still makes the document invalid.
    if (issues.length === 0 && omitted === 0) issues.push({ message: 'does not match the CycloneDX XML schema' });
  } finally {
    e.binding.error.errorCollector = libraryCollector;
    sink = undefined;
  }
  return { issues, omitted };
}

/**
 * Check XML text against an XSD with libxml2 (WebAssembly). Throws XmlSyntaxError for a document that is not
 * well-formed, ValidatorError when the schema cannot be compiled or libxml2 fails.
 */
export const wasmXsdCheck: XsdCheck = async (xml, xsdPath, maxIssues) => {
  engine ??= load();
  let e: Engine;
  try {
    e = await engine;
  } catch (err) {
    engine = undefined;
    if (err instanceof ValidatorError) throw err;
    throw new ValidatorError(`libxml2-wasm could not be loaded: ${(err as Error).message}`);
  }
  const validator = compiled(e, xsdPath);
  const { ParseOption } = e.lib;
  let doc: Libxml2.XmlDocument;
  try {
    // HUGE lifts the depth limit (256) that deep cyclonedx-npm trees reach; BIG_LINES keeps line numbers past 65,535.
    doc = e.lib.XmlDocument.fromString(xml, {
      encoding: 'utf-8',
      option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NO_SYS_CATALOG | ParseOption.XML_PARSE_HUGE | ParseOption.XML_PARSE_BIG_LINES,
    });
  } catch (err) {
    if (err instanceof e.lib.XmlParseError) {
      const first = err.details.find((d) => d.level >= XML_ERR_ERROR) ?? err.details[0];
      const line = first && first.line > 0 ? first.line : undefined;
      throw new XmlSyntaxError(`is not well-formed XML${line === undefined ? '' : ` at line ${line}`}: ${tidy(first?.message ?? err.message)}`, line);
    }
    throw new ValidatorError(`libxml2 could not read the document: ${(err as Error).message}`);
  }
  try {
    return validate(e, validator, doc, maxIssues);
  } finally {
    doc.dispose();
  }
};
