// Containers: Dockerfile FROM lines and package installs (apt-get/apt, yum/dnf/microdnf, apk), and the images of
// docker-compose files.
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { splitLines } from '../lines.js';
import { type ProjectReader } from '../reader.js';
import { addReferences } from '../references.js';

/** `registry/namespace/name:tag@sha256:...` to a docker purl's parts. */
export function imageSpec(ref: string, line: number): PackageSpec {
  const [withTag, digest] = ref.split('@');
  const slash = (withTag as string).lastIndexOf('/');
  const colon = (withTag as string).lastIndexOf(':');
  const tag = colon > slash ? (withTag as string).slice(colon + 1) : undefined;
  const repo = colon > slash ? (withTag as string).slice(0, colon) : (withTag as string);
  const parts = repo.split('/');
  // A first part with a dot or a colon, or `localhost`, is a registry.
  const named = parts.length > 1 && /[.:]|^localhost$/.test(parts[0] as string) ? parts.shift() : undefined;
  // Docker Hub is the default registry of a docker purl: named or not, it is the same image.
  const registry = named !== undefined && /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i.test(named) ? undefined : named;
  const name = parts.pop() as string;
  return {
    type: 'docker',
    ...(parts.length > 0 && { namespace: parts.join('/') }),
    name,
    ...((digest ?? tag) && { version: digest ?? tag }),
    ...(registry && { qualifiers: { repository_url: registry } }),
    line,
  };
}

const INSTALLERS: readonly { re: RegExp; type: string }[] = [
  { re: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b([^;&|]*)/g, type: 'deb' },
  { re: /\b(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*install\b([^;&|]*)/g, type: 'rpm' },
  { re: /\bapk\s+(?:-\S+\s+|--\S+\s+)*add\b([^;&|]*)/g, type: 'apk' },
];

function readDockerfile(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('dockerfile', '1', source);
  const raw = splitLines(text);
  const stages = new Set<string>();
  const args = new Map<string, string>();
  for (let i = 0; i < raw.length; i++) {
    const first = i + 1;
    let l = raw[i] as string;
    while (/\\\s*$/.test(l) && i + 1 < raw.length) l = l.replace(/\\\s*$/, ' ') + (raw[++i] as string).replace(/^\s*#.*$/, '');
    const m = /^\s*(\w+)\s+(.*)$/.exec(l);
    if (!m) continue;
    const verb = (m[1] as string).toUpperCase();
    const rest = (m[2] as string).trim();
    if (verb === 'ARG') {
      const a = /^(\w+)=("?)([^"\s]*)\2/.exec(rest);
      if (a) args.set(a[1] as string, a[3] as string);
    } else if (verb === 'FROM') {
      const tokens = rest.split(/\s+/).filter((t) => !t.startsWith('--'));
      const image = (tokens[0] ?? '').replace(/\$\{?(\w+)\}?/g, (s, k: string) => args.get(k) ?? s);
      const alias = tokens[1]?.toUpperCase() === 'AS' ? tokens[2] : undefined;
      if (image && image !== 'scratch' && !stages.has(image.toLowerCase())) b.add(`image:${image}:${first}`, imageSpec(image, first));
      if (alias) stages.add(alias.toLowerCase());
    } else if (verb === 'RUN') {
      for (const { re, type } of INSTALLERS) {
        for (const hit of rest.matchAll(re)) {
          for (const word of (hit[1] as string).split(/\s+/)) {
            if (!word || word.startsWith('-') || word.includes('$') || word.includes('/')) continue;
            const [name, version] = type === 'deb' ? word.split('=') : type === 'apk' ? word.split(/[=~<>]+/) : [word, undefined];
            if (!name || !/^[A-Za-z0-9][\w.+-]*$/.test(name)) continue;
            b.add(`${type}:${name}:${first}`, { type, name, ...(version && { version }), line: first, description: `installed by RUN at line ${first}` });
          }
        }
      }
    }
  }
  return b.build({ manifest: source, command: 'remove NAME from the FROM or RUN line, then rebuild the image' });
}

/** A key whose value is an image: `image`, and Helm values' `sidecarImage`, `initImage`, ... */
const IMAGE_KEY = /^(\s*)(?:-\s+)?["']?(\w*[Ii]mage)["']?\s*:(?:\s+(.*?))?\s*$/;
/** A reference as written (no template left in it: `{{ .Values.x }}`, `${TAG}` are not images yet). */
const IMAGE_REF = /^[\w][\w.\-/:@]*$/;
const unquote = (v: string) => v.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');

/**
 * Every image of a YAML file, at its line: `image: ref` (Kubernetes manifests, compose files, Helm values) and image
 * maps (`image:` with `repository`, and `registry`, `tag` or `digest`: Helm values, Bitnami charts), block or flow.
 */
export function addYamlImages(b: ProjectBuilder, text: string): number {
  const lines = splitLines(text);
  let added = 0;
  const add = (ref: string, line: number) => {
    if (!IMAGE_REF.test(ref)) return;
    b.direct(b.add(`image:${ref}:${line}`, imageSpec(ref, line)));
    added++;
  };
  const fromMap = (m: Readonly<Record<string, string>>, line: number) => {
    const repo = m['repository'];
    if (!repo) return;
    const withRegistry = m['registry'] ? `${m['registry']}/${repo}` : repo;
    add(`${withRegistry}${m['tag'] ? `:${m['tag']}` : ''}${m['digest'] ? `@${m['digest']}` : ''}`, line);
  };
  for (let i = 0; i < lines.length; i++) {
    const m = IMAGE_KEY.exec(lines[i] as string);
    if (!m) continue;
    const value = unquote(m[3] ?? '');
    if (value.startsWith('{')) {
      const map = Object.fromEntries([...value.matchAll(/(\w+)\s*:\s*["']?([^,"'}\s]+)/g)].map((e) => [e[1], e[2]]));
      fromMap(map, i + 1);
    } else if (value !== '' && !/^[|>&*!]/.test(value)) {
      add(value, i + 1);
    } else if (value === '') {
      // A block map below the key: its direct children, until the indentation comes back.
      const keyColumn = (lines[i] as string).indexOf(m[2] as string);
      const map: Record<string, string> = {};
      let at = i + 1;
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j] as string;
        if (/^\s*(#.*)?$/.test(l)) continue;
        if (l.length - l.trimStart().length <= keyColumn) break;
        const kv = /^\s*(registry|repository|tag|digest)\s*:\s*(.*)$/.exec(l);
        if (kv) {
          map[kv[1] as string] = unquote(kv[2] as string);
          if (kv[1] === 'repository') at = j + 1;
        }
      }
      fromMap(map, at);
    }
  }
  return added;
}

/** Compose files: every image. */
function readCompose(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('container-manifest', 'compose', source);
  addYamlImages(b, text);
  addReferences(source, text, b);
  return b.build({ manifest: source, command: 'remove or replace the image NAME' });
}

/** A YAML file that may hold image references (Kubernetes manifests, Helm values and charts): worth a full read. */
export const mayHoldImages = (source: string, text: string) => /\.ya?ml$/i.test(source) && /image/i.test(text);

/** Kubernetes manifests and Helm values: a document of their images and references, or undefined when there is no image. */
export function readYamlImages(source: string, text: string): SbomDocument | undefined {
  const b = new ProjectBuilder('container-manifest', 'kubernetes', source);
  if (addYamlImages(b, text) === 0) return undefined;
  addReferences(source, text, b);
  return b.build({ manifest: source, command: 'remove or replace the image NAME' });
}

export const dockerfile: ProjectReader = {
  format: 'dockerfile',
  description: 'Dockerfile / Containerfile (FROM images; apt-get, apt, yum, dnf, microdnf, apk installs)',
  claims: (n) => /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/i.test(n),
  read: readDockerfile,
};
export const composeFile: ProjectReader = {
  format: 'container-manifest',
  description: 'docker-compose / compose files (image references)',
  claims: (n) => /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i.test(n),
  read: readCompose,
};
