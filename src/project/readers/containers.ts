// Containers: Dockerfile FROM lines and package installs (apt-get/apt, yum/dnf/microdnf, apk), and the images of
// docker-compose files.
import type { SbomDocument } from '../../model/document.js';
import { ProjectBuilder, type PackageSpec } from '../build.js';
import { splitLines } from '../lines.js';
import { type ProjectReader } from '../reader.js';

/** `registry/namespace/name:tag@sha256:...` to a docker purl's parts. */
export function imageSpec(ref: string, line: number): PackageSpec {
  const [withTag, digest] = ref.split('@');
  const slash = (withTag as string).lastIndexOf('/');
  const colon = (withTag as string).lastIndexOf(':');
  const tag = colon > slash ? (withTag as string).slice(colon + 1) : undefined;
  const repo = colon > slash ? (withTag as string).slice(0, colon) : (withTag as string);
  const parts = repo.split('/');
  // A first part with a dot or a colon, or `localhost`, is a registry.
  const registry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0] as string) ? parts.shift() : undefined;
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

/** Compose files: every `image:` value. */
function readCompose(source: string, text: string): SbomDocument {
  const b = new ProjectBuilder('container-manifest', 'compose', source);
  splitLines(text).forEach((l, i) => {
    const m = /^\s*-?\s*image:\s*["']?([^\s"'#]+)/.exec(l);
    if (m && !(m[1] as string).includes('${')) b.add(`image:${m[1] as string}:${i + 1}`, imageSpec(m[1] as string, i + 1));
  });
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
