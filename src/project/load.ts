// One project file from bytes to a document: a lockfile or manifest by its reader, any other text for references.
import type { SbomDocument } from '../model/document.js';
import { InputError } from '../sbom/errors.js';
import { decode } from '../sbom/read.js';
import { ProjectBuilder } from './build.js';
import { scanReferences } from './references.js';
import { readerFor } from './registry.js';
import { mayHoldImages, readYamlImages } from './readers/containers.js';

export type ProjectOutcome =
  | { readonly kind: 'manifest'; readonly document: SbomDocument }
  | { readonly kind: 'references'; readonly document: SbomDocument }
  | { readonly kind: 'error'; readonly error: InputError }
  /** Text without references, or a binary file: nothing to report. */
  | { readonly kind: 'plain'; readonly reason: string };

/** Bytes that hold a NUL in their first 8 KiB are binary (git's rule): not searched for references. */
export function isBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  // UTF-16 text has NULs too: its byte-order mark says it is text.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  return head.includes(0);
}

/**
 * Read one file of a project tree. `references`: search text that no reader claims for Kaspersky hosts, SDK imports
 * and engine configuration (false for a file given by name that is not a manifest: it stays an SBOM question).
 */
export function loadProjectFile(source: string, bytes: Buffer, options: { maxSize: number; references: boolean; explicit?: boolean; root?: string }): ProjectOutcome | undefined {
  const reader = readerFor(source);
  if (!reader && !options.references) return undefined;
  if (!reader && isBinary(bytes)) return { kind: 'plain', reason: 'binary file' };
  try {
    const { text } = decode(bytes, options.maxSize);
    if (reader) {
      const document = reader.read(source, text, { ...(options.root !== undefined && { root: options.root }), maxSize: options.maxSize });
      if (reader.emptyIsPlain && document.components.length === 0 && document.services.length === 0) return { kind: 'plain', reason: 'declares no dependencies' };
      return { kind: 'manifest', document };
    }
    // A YAML file with images (Kubernetes manifests, Helm values) is a manifest of them; its references go with them.
    const images = mayHoldImages(source, text) ? readYamlImages(source, text) : undefined;
    if (images) return { kind: 'manifest', document: images };
    const document = scanReferences(source, text) ?? (options.explicit ? emptyReferences(source) : undefined);
    return document ? { kind: 'references', document } : { kind: 'plain', reason: 'no Kaspersky reference' };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'error', error: e };
    if (e instanceof RangeError) return { kind: 'error', error: new InputError('malformed', `could not be read: ${e.message}`) };
    throw e;
  }
}

function emptyReferences(source: string): SbomDocument {
  return new ProjectBuilder('code-references', '1', source).build();
}
