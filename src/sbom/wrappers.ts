// Attestation wrappers around an SBOM: DSSE envelopes, in-toto statements, Sigstore bundles, JSON Lines of them.
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { InputError } from './errors.js';
import { decode } from './read.js';
import { arr, obj, str, type Obj } from './untrusted.js';
import { TextInput } from './view.js';

/** A DSSE envelope (https://github.com/secure-systems-lab/dsse), as `cosign attest` writes it. */
export interface DsseEnvelope {
  readonly payloadType: string;
  /** Base64 of the payload bytes. */
  readonly payload: string;
  readonly signatures: readonly { readonly keyid?: string; readonly sig: string }[];
}

export type DsseVerification = { readonly ok: true; readonly keyid?: string } | { readonly ok: false; readonly reason: string };

/** What peeling found: the innermost document, the layers taken off (outermost first), and the envelope. */
export interface Peeled {
  readonly view: TextInput;
  readonly wrappers: readonly string[];
  readonly warnings: readonly string[];
  readonly envelope?: DsseEnvelope;
  /** The in-toto predicate type, for messages when the predicate is not an SBOM. */
  readonly predicateType?: string;
}

const IN_TOTO = /^https:\/\/in-toto\.io\/Statement\/v/;
const SBOM_PREDICATE = /cyclonedx|spdx|syft/i;
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;
/** Wrappers nest (a bundle holds an envelope holds a statement); more layers than this is not a real file. */
const MAX_LAYERS = 6;

/** The envelope in a parsed value, or undefined when it is not one. */
export function asDsseEnvelope(v: unknown): DsseEnvelope | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const payloadType = str(o['payloadType']);
  const payload = typeof o['payload'] === 'string' ? o['payload'] : undefined;
  if (payloadType === undefined || payload === undefined) return undefined;
  const signatures = arr(o['signatures']).flatMap((s) => {
    const so = obj(s);
    const sig = so && str(so['sig']);
    if (!so || !sig) return [];
    const keyid = str(so['keyid']);
    return [keyid ? { keyid, sig } : { sig }];
  });
  return { payloadType, payload, signatures };
}

function isStatement(o: Obj): boolean {
  return IN_TOTO.test(str(o['_type']) ?? '') && 'predicate' in o;
}

function isBundle(o: Obj): boolean {
  return obj(o['dsseEnvelope']) !== undefined && /sigstore/i.test(str(o['mediaType']) ?? '');
}

function decodePayload(payload: string, maxSize: number): string {
  const compact = payload.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new InputError('malformed', 'is a DSSE envelope whose payload is not base64');
  return decode(Buffer.from(compact, 'base64'), maxSize).text;
}

/** cosign's older predicates wrap the document as `{ "Data": …, "Timestamp": … }`. */
function unwrapCosignPredicate(p: unknown): unknown {
  const o = obj(p);
  if (!o || !('Data' in o)) return p;
  const keys = Object.keys(o);
  return keys.every((k) => k === 'Data' || k === 'Timestamp') ? o['Data'] : p;
}

interface Layered {
  view: TextInput;
  wrappers: string[];
  envelope?: DsseEnvelope;
  predicateType?: string;
}

function peelValue(source: string, value: Obj, maxSize: number, start: Layered): Layered {
  let current: unknown = value;
  const out = start;
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const o = obj(current);
    if (!o) return out;
    if (isBundle(o)) {
      out.wrappers.push('sigstore-bundle');
      current = o['dsseEnvelope'];
      continue;
    }
    const envelope = asDsseEnvelope(o);
    if (envelope) {
      out.wrappers.push('dsse');
      out.envelope ??= envelope;
      const text = decodePayload(envelope.payload, maxSize);
      out.view = new TextInput(source, text, { nested: true });
      current = out.view.json();
      continue;
    }
    if (isStatement(o)) {
      out.wrappers.push('in-toto');
      const predicateType = str(o['predicateType']);
      if (predicateType !== undefined) out.predicateType = predicateType;
      const predicate = unwrapCosignPredicate(o['predicate']);
      // A predicate given as a string is the document's own text (any SBOM encoding).
      out.view = typeof predicate === 'string' ? new TextInput(source, predicate, { nested: true }) : new TextInput(source, undefined, { value: predicate, nested: true });
      current = typeof predicate === 'string' ? out.view.json() : predicate;
      continue;
    }
    return out;
  }
  throw new InputError('malformed', `nests attestation wrappers more than ${MAX_LAYERS} deep`);
}

function looksWrapped(line: string): boolean {
  return line.includes('"payloadType"') || line.includes('"_type"') || line.includes('"dsseEnvelope"');
}

/** One JSON value per line (`cosign download attestation`): the lines that parse as objects. */
function jsonLines(view: TextInput): { line: number; value: Obj }[] | undefined {
  const text = view.text;
  const first = text.trimStart();
  const lead = text.length - first.length;
  const nl = view.firstNewline;
  const after = nl === -1 || nl >= lead ? nl : text.indexOf('\n', lead);
  const end = after === -1 ? -1 : after - lead;
  if (end === -1 || !looksWrapped(first.slice(0, end)) || first.slice(end).trim() === '') return undefined;
  const out: { line: number; value: Obj }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (l === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      return undefined;
    }
    const o = obj(v);
    if (!o) return undefined;
    out.push({ line: i + 1, value: o });
  }
  return out.length > 1 ? out : undefined;
}

/** Take attestation wrappers off a document; a document without any comes back as it was. */
export function peelWrappers(view: TextInput, maxSize: number): Peeled {
  if (view.head !== '{') return { view, wrappers: [], warnings: [] };
  const lines = jsonLines(view);
  if (lines) {
    const peeled = lines.map((l) => ({ line: l.line, result: peelValue(view.source, l.value, maxSize, { view, wrappers: [] }) }));
    const sboms = peeled.filter((p) => p.result.wrappers.length > 0 && SBOM_PREDICATE.test(p.result.predicateType ?? ''));
    const chosen = sboms[0] ?? peeled[0];
    if (!chosen) return { view, wrappers: [], warnings: [] };
    const warnings = peeled.length > 1 ? [`the file holds ${peeled.length} JSON lines; read the attestation on line ${chosen.line}${sboms.length > 1 ? ` (${sboms.length - 1} further SBOM attestation(s) were not read)` : ''}`] : [];
    return { ...chosen.result, wrappers: ['jsonl', ...chosen.result.wrappers], warnings };
  }
  const value = obj(view.json());
  if (!value) return { view, wrappers: [], warnings: [] };
  return { ...peelValue(view.source, value, maxSize, { view, wrappers: [] }), warnings: [] };
}

/** DSSE's pre-authentication encoding: what the signature is made over. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

const CURVE_HASH: Readonly<Record<string, string>> = { prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' };

function verifyOne(key: KeyObject, data: Buffer, sig: Buffer): boolean {
  try {
    switch (key.asymmetricKeyType) {
      case 'ed25519':
      case 'ed448':
        return verify(null, data, key, sig);
      case 'ec': {
        const hash = CURVE_HASH[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? 'sha256';
        // cosign writes DER signatures; some signers use the fixed-size r||s form.
        return verify(hash, data, { key, dsaEncoding: 'der' }, sig) || verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig);
      }
      case 'rsa':
        return verify('sha256', data, key, sig) || verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig);
      case 'rsa-pss':
        return verify('sha256', data, key, sig);
      default:
        return false;
    }
  } catch {
    // A malformed signature is a signature that does not verify.
    return false;
  }
}

/** Check a DSSE envelope's signatures over the PAE with a PEM public key (ECDSA, Ed25519 or RSA). */
export function verifyDsse(envelope: DsseEnvelope, publicKeyPem: string): DsseVerification {
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch (e) {
    return { ok: false, reason: `the verification key is not a PEM public key (${(e as Error).message})` };
  }
  if (envelope.signatures.length === 0) return { ok: false, reason: 'the DSSE envelope carries no signatures' };
  const data = pae(envelope.payloadType, Buffer.from(envelope.payload.replace(/\s+/g, ''), 'base64'));
  for (const s of envelope.signatures) {
    if (verifyOne(key, data, Buffer.from(s.sig, 'base64'))) return s.keyid ? { ok: true, keyid: s.keyid } : { ok: true };
  }
  return { ok: false, reason: `none of the DSSE envelope's ${envelope.signatures.length} signature(s) verifies with the given ${key.asymmetricKeyType ?? ''} key` };
}
