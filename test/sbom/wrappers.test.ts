// Attestation wrappers: DSSE envelopes, in-toto statements, Sigstore bundles, JSON Lines, and signature checks.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pae, verifyDsse, type DsseEnvelope } from '../../src/sbom/wrappers.js';
import { gzip, read, readError } from './helpers.js';

const CDX = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  components: [
    { type: 'library', 'bom-ref': 'a', name: 'a', version: '1', purl: 'pkg:npm/a@1' },
    { type: 'library', 'bom-ref': 'b', name: 'b', version: '2', purl: 'pkg:npm/b@2' },
  ],
};
const SPDX = { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-p', name: 'p' }] };

function statement(predicate: unknown, predicateType = 'https://cyclonedx.org/bom'): Record<string, unknown> {
  return { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'registry.example.com/app', digest: { sha256: 'ab'.repeat(32) } }], predicateType, predicate };
}

type Signer = (data: Buffer) => Buffer;

function envelope(payload: unknown, signers: Signer[] = [], payloadType = 'application/vnd.in-toto+json'): DsseEnvelope {
  const body = Buffer.from(JSON.stringify(payload));
  const data = pae(payloadType, body);
  return { payloadType, payload: body.toString('base64'), signatures: signers.map((s, i) => ({ keyid: `key-${i}`, sig: s(data).toString('base64') })) };
}

function keys(type: 'ec' | 'ed25519' | 'rsa'): { pem: string; signer: Signer; privateKey: KeyObject } {
  const pair =
    type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const signer: Signer = (data) => sign(type === 'ed25519' ? null : 'sha256', data, pair.privateKey);
  return { pem, signer, privateKey: pair.privateKey };
}

describe('peeling wrappers', () => {
  it('reads a CycloneDX document inside an in-toto statement inside a DSSE envelope', () => {
    const doc = read(JSON.stringify(envelope(statement(CDX))));
    expect(doc.format).toBe('cyclonedx-json');
    expect(doc.components).toHaveLength(2);
    expect(doc.wrappers).toEqual(['dsse', 'in-toto']);
  });

  it('reads a predicate given as a JSON string, and cosign\'s {Data, Timestamp} predicate', () => {
    expect(read(JSON.stringify(envelope(statement(JSON.stringify(CDX))))).components).toHaveLength(2);
    expect(read(JSON.stringify(envelope(statement({ Data: CDX, Timestamp: '2024-01-01T00:00:00Z' })))).components).toHaveLength(2);
    expect(read(JSON.stringify(envelope(statement({ Data: JSON.stringify(SPDX), Timestamp: 'x' }, 'https://spdx.dev/Document')))).format).toBe('spdx-json');
  });

  it('reads a bare in-toto statement and a Sigstore bundle', () => {
    expect(read(JSON.stringify(statement(SPDX, 'https://spdx.dev/Document/v2.3'))).wrappers).toEqual(['in-toto']);
    const bundle = { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: {}, dsseEnvelope: envelope(statement(CDX)) };
    expect(read(JSON.stringify(bundle)).wrappers).toEqual(['sigstore-bundle', 'dsse', 'in-toto']);
  });

  it('reads the SBOM attestation out of JSON Lines (cosign download attestation)', () => {
    const provenance = envelope(statement({ buildType: 'x' }, 'https://slsa.dev/provenance/v0.2'));
    const text = `${JSON.stringify(provenance)}\n${JSON.stringify(envelope(statement(CDX)))}\n`;
    const doc = read(text, {}, 'attestations.jsonl');
    expect(doc.components).toHaveLength(2);
    expect(doc.wrappers).toEqual(['jsonl', 'dsse', 'in-toto']);
    expect(doc.warnings).toContainEqual(expect.stringContaining('read the attestation on line 2'));
  });

  it('counts gzip as the outermost wrapper', () => {
    expect(read(gzip(JSON.stringify(envelope(statement(CDX))))).wrappers).toEqual(['gzip', 'dsse', 'in-toto']);
  });

  it('says what the predicate was when it is not an SBOM', () => {
    const e = readError(JSON.stringify(envelope(statement({ buildType: 'x' }, 'https://slsa.dev/provenance/v0.2'))));
    expect(e.code).toBe('not-an-sbom');
    expect(e.message).toContain('inside a DSSE envelope > an in-toto statement');
    expect(e.message).toContain('https://slsa.dev/provenance/v0.2');
  });

  it('rejects a payload that is not base64', () => {
    expect(readError(JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: '{not base64}', signatures: [] })).code).toBe('malformed');
  });
});

describe('verifying DSSE signatures', () => {
  for (const type of ['ec', 'ed25519', 'rsa'] as const) {
    it(`accepts a good ${type} signature and reads the document`, () => {
      const k = keys(type);
      const doc = read(JSON.stringify(envelope(statement(CDX), [k.signer])), { verifyKey: k.pem });
      expect(doc.components).toHaveLength(2);
    });
  }

  it('rejects a signature made with another key, never reading the document', () => {
    const signer = keys('ec');
    const other = keys('ec');
    const e = readError(JSON.stringify(envelope(statement(CDX), [signer.signer])), { verifyKey: other.pem });
    expect(e.code).toBe('signature');
    expect(e.message).toMatch(/none of the DSSE envelope's 1 signature\(s\) verifies/);
  });

  it('rejects a payload changed after signing', () => {
    const k = keys('ed25519');
    const env = envelope(statement(CDX), [k.signer]);
    const tampered = { ...env, payload: Buffer.from(JSON.stringify(statement({ ...CDX, components: [] }))).toString('base64') };
    expect(readError(JSON.stringify(tampered), { verifyKey: k.pem }).code).toBe('signature');
  });

  it('accepts any one good signature among several', () => {
    const good = keys('rsa');
    const bad = keys('ec');
    expect(read(JSON.stringify(envelope(statement(CDX), [bad.signer, good.signer])), { verifyKey: good.pem }).components).toHaveLength(2);
  });

  it('rejects unsigned input when a key is given', () => {
    const k = keys('ec');
    const plain = readError(JSON.stringify(CDX), { verifyKey: k.pem });
    expect(plain.code).toBe('signature');
    expect(plain.message).toContain('no DSSE envelope to verify');
    expect(readError(JSON.stringify(statement(CDX)), { verifyKey: k.pem }).code).toBe('signature');
    expect(readError(JSON.stringify(envelope(statement(CDX), [])), { verifyKey: k.pem }).message).toContain('no signatures');
  });

  it('rejects a key that is not PEM', () => {
    const e = readError(JSON.stringify(envelope(statement(CDX), [keys('ec').signer])), { verifyKey: 'not a key' });
    expect(e.code).toBe('signature');
    expect(e.message).toContain('not a PEM public key');
  });

  it('verifyDsse accepts ECDSA signatures in the fixed-size r||s encoding too', () => {
    const k = keys('ec');
    const body = Buffer.from(JSON.stringify(statement(CDX)));
    const type = 'application/vnd.in-toto+json';
    const sig = sign('sha256', pae(type, body), { key: k.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifyDsse({ payloadType: type, payload: body.toString('base64'), signatures: [{ keyid: 'k', sig: sig.toString('base64') }] }, k.pem)).toEqual({ ok: true, keyid: 'k' });
  });

  it('builds the DSSE v1 pre-authentication encoding', () => {
    expect(pae('application/x', Buffer.from('hello')).toString()).toBe('DSSEv1 13 application/x 5 hello');
  });
});

describe('JSON Lines detection (found by review)', () => {
  it('parses a one-line attestation after leading blank lines once, not first as JSON Lines', () => {
    const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ 'bom-ref': 'a', name: 'a' }] };
    const text = `\n\n${JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'https://cyclonedx.org/bom', predicate: bom })}`;
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
      calls++;
      return parse(...args);
    }) as typeof JSON.parse;
    try {
      expect(read(text).components.map((c) => c.ref)).toEqual(['a']);
    } finally {
      JSON.parse = parse;
    }
    expect(calls).toBe(1);
  });
});
