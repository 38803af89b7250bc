// Size limits: --max-size end to end (files, directories, standard input, gzip, attestation payloads), and files that are never read into memory.
import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../../src/scan.js';
import { InputError } from '../../src/sbom/errors.js';
import { decode, readBytes } from '../../src/sbom/read.js';
import { cli } from '../helpers/cli.js';
import { cyclonedx, expectContract, scanOne } from './helpers.js';

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-size-'));
const SBOM = cyclonedx([{ name: 'kaspersky-endpoint-security', 'bom-ref': 'k' }]);

function file(name: string, body: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  return p;
}

/** A sparse file: its size is `bytes`, but it takes no disk space and reading it would be slow. */
function sparse(name: string, bytes: number): string {
  const p = path.join(dir, name);
  const fd = openSync(p, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

function json(out: string): { documents: { source: string; error: string | null; errorCode: string | null; components: number }[] } {
  return JSON.parse(out) as { documents: { source: string; error: string | null; errorCode: string | null; components: number }[] };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the default limit', () => {
  it('is 256 MiB, the README value', () => {
    expect(DEFAULTS.maxSize).toBe(256 * MiB);
  });

  it('a 1 GB file is refused from its size, before a single byte of it is read', async () => {
    const big = sparse('huge.cdx.json', 1024 * MiB);
    const probe = await open(big, 'r');
    const read = vi.spyOn(Object.getPrototypeOf(probe) as { read: (...a: unknown[]) => unknown }, 'read');
    const readFile = vi.spyOn(Object.getPrototypeOf(probe) as { readFile: (...a: unknown[]) => unknown }, 'readFile');
    await probe.close();
    const e = await rejection(readBytes(big, DEFAULTS.maxSize));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe(`is ${1024 * MiB} bytes, larger than the --max-size limit of ${256 * MiB} bytes`);
    expect(read).not.toHaveBeenCalled();
    expect(readFile).not.toHaveBeenCalled();
  });

  it('through the CLI: exit 2, the file named in the report, the other inputs still scanned', async () => {
    const big = sparse('huge2.cdx.json', 1024 * MiB);
    const small = file('small.cdx.json', SBOM);
    const r = await cli(['scan', big, small, '--format', 'json', '-q', '-j', '1']);
    expect(r.code).toBe(2);
    const docs = json(r.stdout).documents;
    expect(docs.find((d) => d.source === big)).toMatchObject({ errorCode: 'too-large', error: expect.stringMatching(/^.*huge2\.cdx\.json: is 1073741824 bytes, larger than the --max-size limit/) as unknown });
    expect(docs.find((d) => d.source === small)).toMatchObject({ error: null, components: 1 });
  });
});

describe('--max-size', () => {
  it('refuses a larger file and reads one at the limit', async () => {
    const p = file('limit.cdx.json', SBOM);
    const over = await cli(['scan', p, '--max-size', String(SBOM.length - 1), '--format', 'json', '-q', '-j', '1']);
    expect(over.code).toBe(2);
    expect(json(over.stdout).documents[0]).toMatchObject({ errorCode: 'too-large', error: expect.stringContaining(`limit.cdx.json: is ${SBOM.length} bytes, larger than the --max-size limit of ${SBOM.length - 1} bytes`) as unknown });
    const at = await cli(['scan', p, '--max-size', String(SBOM.length), '--format', 'json', '-q', '-j', '1']);
    expect(at.code).toBe(1);
  });

  it('takes only a positive number of bytes', async () => {
    for (const bad of ['0', '-5', 'abc']) {
      const r = await cli(['scan', file('any.cdx.json', SBOM), '--max-size', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--max-size must be a positive number of bytes/);
    }
  });

  it('applies to standard input', async () => {
    const r = await cli(['scan', '-', '--max-size', '100', '--format', 'json', '-q', '-j', '1'], { stdin: SBOM.padEnd(200, ' ') });
    expect(r.code).toBe(2);
    expect(json(r.stdout).documents[0]).toMatchObject({ source: 'stdin', errorCode: 'too-large', error: expect.stringMatching(/^stdin: standard input is larger than the --max-size limit of 100 bytes/) as unknown });
    expect((await cli(['scan', '-', '--max-size', '1000', '-q'], { stdin: SBOM })).code).toBe(1);
  });

  it('passes the limit to the reader of standard input, so that it can stop early', async () => {
    const reader = vi.fn(async (max: number) => Buffer.alloc(Math.min(max + 1, 10)));
    await expect(readBytes('-', 5, reader)).rejects.toThrow(/larger than the --max-size limit of 5 bytes/);
    expect(reader).toHaveBeenCalledWith(5);
  });

  it('stops a pipe or a device at the limit instead of reading without end', async () => {
    const e = await rejection(readBytes('/dev/zero', MiB));
    expect(e).toMatchObject({ code: 'too-large', message: `is larger than the --max-size limit of ${MiB} bytes` });
    const r = await cli(['scan', '/dev/zero', '--max-size', String(MiB), '--format', 'json', '-q', '-j', '1']);
    expect(json(r.stdout).documents[0]?.errorCode).toBe('too-large');
  });
});

describe('gzip bombs stop at the same limit', () => {
  const zeros = Buffer.alloc(64 * MiB);
  const bomb = gzipSync(zeros);
  const nested = gzipSync(gzipSync(zeros));

  it('a 64 MiB bomb in a small file, once or twice compressed: too large under a 1 MiB limit', () => {
    expect(bomb.length).toBeLessThan(MiB);
    for (const b of [bomb, nested]) {
      try {
        decode(b, MiB);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect(e).toMatchObject({ code: 'too-large', message: `decompresses to more than the --max-size limit of ${MiB} bytes` });
      }
    }
  });

  it('the same data decompresses under a limit that allows it: the limit, not the format, decides', () => {
    expect(decode(bomb, 64 * MiB).text).toHaveLength(64 * MiB);
  });

  it('through the CLI, as a file and on standard input', async () => {
    const p = file('bomb.cdx.json.gz', nested);
    const r = await cli(['scan', p, '--max-size', String(MiB), '--format', 'json', '-q', '-j', '1']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).documents[0]).toMatchObject({ errorCode: 'too-large', error: expect.stringContaining('bomb.cdx.json.gz: decompresses to more than') as unknown });
    const s = await cli(['scan', '-', '--max-size', String(MiB), '--format', 'json', '-q', '-j', '1'], { stdin: bomb });
    expect(json(s.stdout).documents[0]?.errorCode).toBe('too-large');
  });

  it('a gzip bomb inside a DSSE envelope payload', () => {
    const envelope = JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: bomb.toString('base64'), signatures: [] });
    const r = scanOne('bomb.intoto.json', Buffer.from(envelope), { maxSize: MiB });
    expectContract('bomb.intoto.json', r);
    expect(r.document?.errorCode).toBe('too-large');
  });

  it('text that would pass V8\u2019s string limit is a too-large input, not a crash', () => {
    vi.spyOn(Buffer.prototype, 'toString').mockImplementationOnce(() => {
      throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    });
    expect(() => decode(Buffer.from(SBOM), 1024 * MiB)).toThrow(/too large to decode as text/);
  });
});

describe('directories', () => {
  it('a file over the limit found by walking is reported; the rest of the tree is scanned', async () => {
    const tree = mkdtempSync(path.join(tmpdir(), 'ictscan-size-tree-'));
    writeFileSync(path.join(tree, 'a.cdx.json'), SBOM);
    writeFileSync(path.join(tree, 'b.cdx.json'), SBOM.padEnd(5000, ' '));
    const r = await cli(['scan', tree, '--max-size', '1000', '--format', 'json', '-q', '-j', '1']);
    expect(r.code).toBe(2);
    const docs = json(r.stdout).documents;
    expect(docs.map((d) => [path.basename(d.source), d.errorCode])).toEqual([
      ['a.cdx.json', null],
      ['b.cdx.json', 'too-large'],
    ]);
  });
});
