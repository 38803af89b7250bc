// Which files of a scanned directory are read as a project: a directory of SBOMs keeps the SBOM reading, a project
// tree (or a folder of a portfolio that holds lockfiles or manifests) reports its code references and hides plain files.
import path from 'node:path';

interface Fallback {
  readonly document?: { readonly format: string | null };
  readonly skipped?: unknown;
}

interface Settled {
  document?: Fallback['document'];
  skipped?: Fallback['skipped'];
  findings: readonly unknown[];
  belowConfidence: number;
  project?: { readonly kind: 'manifest' | 'references' | 'plain'; readonly fallback?: Fallback };
}

/**
 * Settle the results of project files in place. A root is read as a project when it yielded no SBOM, when
 * `--input-format project` forced it, or, file by file, below a folder holding a lockfile or manifest. There, files
 * with references are documents and plain files are left out of the report; elsewhere each takes back the result it
 * would have had as an SBOM input (a skip, or an error for a broken JSON or XML file). `fallbackOf` works that out
 * for a plain file whose result carries none (the screen let it off without reading it as an SBOM). Returns, per
 * scanned root, how many plain files were searched for references and found to hold none.
 */
export function settleProjectResults(results: { source: string; root: string; result: Settled }[], forced: boolean, fallbackOf?: (source: string) => Fallback | undefined): Map<string, number> {
  const searched = new Map<string, number>();
  const sbomRoots = new Set<string>();
  const manifestDirs = new Set<string>();
  for (const { source, root, result } of results) {
    if (result.project?.kind === 'manifest') manifestDirs.add(path.dirname(source));
    else if (!result.project && result.document && result.document.format !== null) sbomRoots.add(root);
  }
  const inManifestDir = (file: string, root: string) => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (manifestDirs.has(dir)) return true;
      if (dir === root || dir === path.dirname(dir) || path.relative(root, dir).startsWith('..')) return false;
    }
  };
  const kept: typeof results = [];
  for (const entry of results) {
    const { source, root, result } = entry;
    const p = result.project;
    if (!p || p.kind === 'manifest') {
      kept.push(entry);
      continue;
    }
    const asProject = forced || !sbomRoots.has(root) || inManifestDir(source, root);
    // A file named like an SBOM that failed to read as one stays an error even in a project tree.
    const brokenSbom = p.fallback?.document !== undefined && SBOM_NAME.test(path.basename(source));
    if (asProject && !brokenSbom) {
      if (p.kind === 'references') kept.push(entry);
      else searched.set(root, (searched.get(root) ?? 0) + 1);
      continue;
    }
    // A plain file let off by the screen has no fallback yet: it is read again, only here.
    const fallback = p.fallback ?? (p.kind === 'plain' ? fallbackOf?.(source) : undefined);
    const back: Settled = { findings: [], belowConfidence: 0 };
    if (fallback?.document) back.document = fallback.document;
    if (fallback?.skipped) back.skipped = fallback.skipped;
    kept.push({ source, root, result: back });
  }
  results.length = 0;
  for (const e of kept) results.push(e);
  return searched;
}

const SBOM_NAME = /(^|[._-])(s?bom|cdx|cyclonedx|spdx|syft)([._-]|$)/i;
