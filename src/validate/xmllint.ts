// CycloneDX XML against its XSD with libxml2's xmllint (Debian: libxml2-utils), fed through standard input.
import { spawn } from 'node:child_process';
import { ValidatorError, type SchemaIssue, type XsdCheck } from './types.js';

/** More issues than this per document are counted, not kept. */
export const MAX_ISSUES = 1000;

const LOCATED = /^-:(\d+): (.*)$/;
const SCHEMA_ERROR = /^(?:element [^:]*: )?Schemas validity error : (.*)$/;
const PARSER_ERROR = /^(?:[^:]*: )?(?:parser|namespace) error : (.*)$/;

/** `'{http://cyclonedx.org/schema/bom/1.6}component'` reads better as `'component'`. */
function tidy(message: string): string {
  return message.replace(/\{[^}\s]*\}(?=[A-Za-z_])/g, '');
}

/** The value xmllint names in a message, when it names one. */
function valueOf(message: string): string | undefined {
  const m = /[Tt]he value '([^']*)'/.exec(message) ?? /^Element '[^']*'(?:, attribute '[^']*')?: '([^']*)' is not a valid value/.exec(message);
  return m?.[1] === undefined ? undefined : JSON.stringify(m[1]);
}

/** A document xmllint could not parse at all: not a schema question. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Turn xmllint's standard error into issues; throws XmlSyntaxError for a document that is not well-formed. */
export function parseXmllintOutput(stderr: string): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const raw of stderr.split('\n')) {
    const located = LOCATED.exec(raw);
    if (!located) continue;
    const line = Number(located[1]);
    const rest = located[2] ?? '';
    const parser = PARSER_ERROR.exec(rest);
    if (parser) throw new XmlSyntaxError(`is not well-formed XML at line ${line}: ${parser[1] ?? rest}`, line);
    const schema = SCHEMA_ERROR.exec(rest);
    if (!schema) continue;
    const message = tidy(schema[1] ?? rest);
    const value = valueOf(message);
    issues.push({ line, message, ...(value !== undefined && { value }) });
  }
  return issues;
}

/** Run `xmllint --schema XSD --noout --nonet -` on the text. Rejects with ValidatorError when xmllint is missing or the schema does not compile. */
export const xmllintCheck: XsdCheck = (xml, xsdPath) =>
  new Promise((resolve, reject) => {
    // --huge lifts libxml2's depth limit (256) that deep cyclonedx-npm trees reach; DTDs never get here.
    const child = spawn('xmllint', ['--noout', '--nonet', '--huge', '--schema', xsdPath, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stderr.on('data', (b: Buffer) => {
      // Enough for MAX_ISSUES messages; the rest is counted as lines only by the caller's cap.
      if (size < 16 * 1024 * 1024) chunks.push(b);
      size += b.length;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new ValidatorError(
          e.code === 'ENOENT'
            ? 'CycloneDX XML validation needs xmllint, which is not installed (Debian/Ubuntu: apt-get install libxml2-utils; Alpine: apk add libxml2-utils; macOS ships it)'
            : `xmllint could not be started: ${e.message}`,
        ),
      );
    });
    // xmllint may exit before reading everything (a parse error early on): that is not our error.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      const stderr = Buffer.concat(chunks).toString('utf8');
      if (code === 5 || /failed to compile|Schemas parser error/.test(stderr)) {
        reject(new ValidatorError(`xmllint could not compile the schema ${xsdPath}: ${stderr.split('\n')[0] ?? ''}`));
        return;
      }
      try {
        const issues = parseXmllintOutput(stderr);
        if (code !== 0 && issues.length === 0) {
          reject(new ValidatorError(`xmllint failed (exit code ${code ?? 'signal'}): ${stderr.trim().split('\n')[0] ?? ''}`));
          return;
        }
        resolve(issues);
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(xml, 'utf8');
  });
