// Directory walks fail closed: every entry that is not read is listed with its reason in every report format, and
// an entry that could hold an SBOM but was not read (a link out of the tree, an archive, an empty directory) exits 2.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveKind, decode, expandInputs } from '../../src/sbom/read.js';
import { InputError } from '../../src/sbom/errors.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli } from '../helpers/cli.js';

const KASPERSKY = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'application', name: 'kesl', version: '12.0.0', purl: 'pkg:deb/debian/kesl@12.0.0', supplier: { name: 'AO Kaspersky Lab' } }] });
const CLEAN = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }] });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ictscan-read-'));

interface Report {
  documents: { source: string; error: string | null; errorCode: string | null; findings: number }[];
  skipped: { source: string; reason: string }[];
  gate: { status: string };
}

async function scanJson(...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await cli(['scan', ...args, '-f', 'json', '-j', '1']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const reasonOf = (report: Report, name: string) => report.skipped.find((s) => path.basename(s.source) === name)?.reason;
const errorOf = (report: Report, name: string) => report.documents.find((d) => path.basename(d.source) === name);

/** `mkfifo` from the system: Node cannot make a named pipe itself. */
function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_MKFIFO = mkfifo(path.join(tmp(), 'probe'));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive holding one stored (uncompressed) file, as `zip -0` writes it. */
function zipOf(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(local.length + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

/** A POSIX (ustar) tar archive holding one file. */
function tarOf(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  const sum = header.reduce((n, b) => n + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(body);
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}

describe('walking a directory', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('lists a broken link, a link loop, a socket and hidden entries with their reasons, follows links inside the tree, and ends', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'clean.json'), CLEAN);
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'kaspersky.json'), KASPERSKY);
    symlinkSync(path.join(dir, 'sub', 'kaspersky.json'), path.join(dir, 'linked.json'));
    symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'broken.json'));
    symlinkSync(dir, path.join(dir, 'sub', 'up'));
    symlinkSync('self-a', path.join(dir, 'self-b'));
    symlinkSync('self-b', path.join(dir, 'self-a'));
    writeFileSync(path.join(dir, '.hidden.json'), KASPERSKY);
    const socket = path.join(dir, 'agent.sock');
    await new Promise<void>((resolve) => servers.push(createServer().listen(socket, resolve)));

    const { code, report } = await scanJson(dir);
    expect(report.documents.map((d) => path.relative(dir, d.source))).toEqual(['clean.json', 'linked.json', path.join('sub', 'kaspersky.json')]);
    expect(errorOf(report, 'linked.json')?.findings).toBeGreaterThan(0);
    expect(reasonOf(report, 'broken.json')).toMatch(/broken symbolic link/);
    expect(reasonOf(report, 'up')).toMatch(/directory already scanned/);
    expect(reasonOf(report, 'self-a')).toMatch(/symbolic link loop/);
    expect(reasonOf(report, 'agent.sock')).toMatch(/a socket/);
    expect(reasonOf(report, '.hidden.json')).toMatch(/hidden: not entered/);
    // The Kaspersky SBOM is found (exit 1); nothing in the list could hold an SBOM that was not read.
    expect(code).toBe(1);
  });

  it.skipIf(!HAS_MKFIFO)('lists a named pipe without opening it (skipped: mkfifo is not available)', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'clean.json'), CLEAN);
    mkfifo(path.join(dir, 'pipe.json'));
    const { code, report } = await scanJson(dir);
    expect(reasonOf(report, 'pipe.json')).toMatch(/named pipe \(FIFO\): not opened/);
    expect(code).toBe(0);
  });

  it('does not follow a link out of the tree: it is an error (exit 2), since what it leads to was not scanned', async () => {
    const outside = path.join(tmp(), 'vendor-sbom.json');
    writeFileSync(outside, KASPERSKY);
    const dir = tmp();
    writeFileSync(path.join(dir, 'clean.json'), CLEAN);
    symlinkSync(outside, path.join(dir, 'vendor.json'));
    const { code, report } = await scanJson(dir);
    expect(code).toBe(2);
    expect(report.gate.status).toBe('error');
    expect(errorOf(report, 'vendor.json')).toMatchObject({ errorCode: 'not-read', error: expect.stringMatching(/symbolic link leading out of the scanned directory.*not followed/) });
    // Named on the command line, the same file is read.
    expect((await scanJson(outside)).code).toBe(1);
  });

  it('names an archive or a compressed container it does not open, and exits 2: the SBOM inside was not scanned', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'clean.json'), CLEAN);
    writeFileSync(path.join(dir, 'vendor.zip'), zipOf('bom.json', Buffer.from(KASPERSKY)));
    writeFileSync(path.join(dir, 'vendor.tgz'), gzipSync(tarOf('bom.json', Buffer.from(KASPERSKY))));
    const { code, report } = await scanJson(dir);
    expect(code).toBe(2);
    expect(report.gate.status).toBe('error');
    expect(errorOf(report, 'vendor.zip')).toMatchObject({ errorCode: 'not-read', error: expect.stringMatching(/vendor\.zip: is a zip archive .*does not open archives/) });
    expect(errorOf(report, 'vendor.tgz')).toMatchObject({ errorCode: 'not-read', error: expect.stringMatching(/is a tar archive \(inside gzip\)/) });
    // Named, an archive is the same error.
    const named = await scanJson(path.join(dir, 'vendor.zip'));
    expect(named.code).toBe(2);
    expect(named.report.documents[0]?.errorCode).toBe('not-read');
  });

  it('an empty directory, or one with no SBOM in it, is an error in the report and in the exit code alike', async () => {
    const empty = tmp();
    const r = await scanJson(empty);
    expect(r.code).toBe(2);
    expect(r.report.gate.status).toBe('error');
    expect(r.report.documents).toMatchObject([{ source: empty, errorCode: 'not-an-sbom', error: expect.stringMatching(/no SBOM, lockfile or manifest found in this directory \(it holds no file\)/) }]);
    const table = await cli(['scan', empty, '-j', '1']);
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/Gate \(--fail-on info\): ERROR/);
    expect(table.stdout).not.toMatch(/PASS/);

    const notes = tmp();
    writeFileSync(path.join(notes, 'README.md'), '# not an SBOM\n');
    const n = await scanJson(notes);
    expect(n.code).toBe(2);
    expect(n.report.gate.status).toBe('error');
    // A folder without SBOMs is read as a project tree: the README was searched for references, and nothing else was there.
    expect(errorOf(n.report, path.basename(notes))?.error).toMatch(/no SBOM, lockfile or manifest found in this directory \(1 file searched for Kaspersky references, none found\)/);
  });

  it('lists every skipped entry with its reason in every report format', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'sbom.json'), KASPERSKY);
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    const out = tmp();
    const formats = ['table', 'json', 'markdown', 'sarif', 'junit', 'html', 'csv'];
    const r = await cli(['scan', dir, '-j', '1', ...formats.flatMap((f) => ['--output-format', `${f}=${path.join(out, f)}`])]);
    expect(r.code).toBe(1);
    for (const f of formats) {
      const text = readFileSync(path.join(out, f), 'utf8');
      expect(text, f).toMatch(/dangling/);
      expect(text, f).toMatch(/broken symbolic link/);
    }
  });
});

describe('expandInputs', () => {
  it('walks each directory once whatever links lead back into it, in a stable order', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'a', 'x.json'), CLEAN);
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
    symlinkSync(dir, path.join(dir, 'a', 'root'));
    const { files, errors, skipped, directories } = await expandInputs([dir]);
    expect(files.map((f) => path.relative(dir, f.source))).toEqual([path.join('a', 'x.json')]);
    expect(errors).toEqual([]);
    expect(skipped.map((s) => path.relative(dir, s.source))).toEqual([path.join('a', 'root'), 'b']);
    expect(directories).toEqual([dir]);
  });

  it('reads a named input whatever it is, and names one that does not exist', async () => {
    const { files, errors } = await expandInputs([path.join(PACKAGE_ROOT, 'sbom-samples', 'acme-secure-gateway.cdx.json'), '/nonexistent/x.json', '-']);
    expect(files.map((f) => f.walked)).toEqual([false, false]);
    expect(errors).toMatchObject([{ source: '/nonexistent/x.json', error: { code: 'not-found' } }]);
  });
});

describe('archiveKind', () => {
  it('knows the containers an SBOM travels in, and never mistakes SBOM text for one', () => {
    expect(archiveKind(zipOf('a', Buffer.from('x')))).toMatch(/zip/);
    expect(archiveKind(tarOf('a', Buffer.from('x')))).toMatch(/tar/);
    expect(archiveKind(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toMatch(/7-Zip/);
    expect(archiveKind(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0, 4]))).toMatch(/xz/);
    expect(archiveKind(Buffer.from('BZh91AY&SY'))).toMatch(/bzip2/);
    expect(archiveKind(Buffer.from('BZh9 is just text'))).toBeUndefined();
    expect(archiveKind(Buffer.from('!<arch>\ndebian-binary'))).toMatch(/ar archive/);
    for (const f of ['acme-secure-gateway.cdx.json', 'acme-secure-gateway.cdx.xml', 'acme-secure-gateway.spdx', 'acme-secure-gateway.spdx.yaml']) {
      expect(archiveKind(readFileSync(path.join(PACKAGE_ROOT, 'sbom-samples', f))), f).toBeUndefined();
    }
    // Text that carries "ustar" at the tar offset is not a tar header (no NUL after it).
    expect(archiveKind(Buffer.from(`${' '.repeat(257)}ustar text`))).toBeUndefined();
  });

  it('decode refuses an archive, also inside gzip, with the not-read code', () => {
    expect(() => decode(zipOf('a', Buffer.from(KASPERSKY)), 1 << 20)).toThrow(InputError);
    expect(() => decode(gzipSync(tarOf('a', Buffer.from(KASPERSKY))), 1 << 20)).toThrow(/tar archive \(inside gzip\)/);
    expect(decode(gzipSync(Buffer.from(KASPERSKY)), 1 << 20).text).toBe(KASPERSKY);
  });
});
