// --verify-key: a signed attestation is verified before its SBOM is scanned; a bad signature is an error, never a silent scan.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { pae } from '../../src/sbom/wrappers.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-dsse-'));
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keyFile = path.join(dir, 'cosign.pub');
writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
const otherKey = path.join(dir, 'other.pub');
writeFileSync(otherKey, other.publicKey.export({ type: 'spki', format: 'pem' }));

function envelope(body: string, signer = privateKey): string {
  const payloadType = 'application/vnd.in-toto+json';
  const sig = sign('sha256', pae(payloadType, Buffer.from(body)), signer);
  return JSON.stringify({ payloadType, payload: Buffer.from(body).toString('base64'), signatures: [{ keyid: '', sig: sig.toString('base64') }] });
}

const statement = JSON.stringify({
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'registry.acme.example/gateway', digest: { sha256: 'a'.repeat(64) } }],
  predicateType: 'https://cyclonedx.org/bom',
  predicate: JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.cdx.json'), 'utf8')),
});

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('scan --verify-key', () => {
  it('scans a correctly signed attestation', async () => {
    const r = await cli(['scan', file('good.att.json', envelope(statement)), '--verify-key', keyFile, '-f', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout).documents[0];
    expect(doc).toMatchObject({ error: null, format: 'cyclonedx-json', components: 28, wrappers: ['dsse', 'in-toto'] });
  });

  it('refuses a tampered payload, a foreign key and an unsigned document, with exit 2', async () => {
    const good = JSON.parse(envelope(statement));
    const tampered = JSON.stringify({ ...good, payload: Buffer.from(statement.replace('kesl', 'kesx')).toString('base64') });
    for (const [name, text, key] of [
      ['tampered.att.json', tampered, keyFile],
      ['foreign.att.json', envelope(statement, other.privateKey), keyFile],
      ['plain.cdx.json', readFileSync(path.join(PACKAGE_ROOT, 'sbom-samples/acme-secure-gateway.cdx.json'), 'utf8'), otherKey],
    ] as const) {
      const r = await cli(['scan', file(name, text), '--verify-key', key, '-f', 'json']);
      expect(r.code, name).toBe(2);
      const doc = JSON.parse(r.stdout).documents[0];
      expect(doc.errorCode, name).toBe('signature');
      expect(doc.error, name).toContain(name);
      expect(JSON.parse(r.stdout).findings, name).toEqual([]);
    }
  });
});
