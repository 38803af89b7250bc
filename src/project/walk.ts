// Which files of a walked directory belong to the project: not in a vendored folder, not ignored by .gitignore.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders of other people's code, installed or copied in: their manifests are not the project's. */
export const VENDORED = new Set(['node_modules', 'vendor', 'bower_components', 'jspm_packages', '.git', '.hg', '.svn', 'Pods', '__pypackages__']);

/**
 * The files under `root` that are not the project's own: inside a vendored folder, or ignored by a .gitignore of
 * `root` or a folder below it. Each .gitignore is read once; the rest is a pass over the paths.
 */
export async function outsideProject(root: string, files: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const rules = new Map<string, Promise<Ignore | undefined>>();
  const rulesOf = (dir: string) => {
    let r = rules.get(dir);
    if (!r) {
      r = readFile(path.join(dir, '.gitignore'), 'utf8').then(
        (text) => ignore().add(text),
        () => undefined,
      );
      rules.set(dir, r);
    }
    return r;
  };
  for (const file of files) {
    const rel = path.relative(root, file);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const parts = rel.split(path.sep);
    if (parts.slice(0, -1).some((p) => VENDORED.has(p))) {
      out.add(file);
      continue;
    }
    let dir = root;
    for (let i = 0; i < parts.length; i++) {
      const ig = await rulesOf(dir);
      if (ig && ig.ignores(parts.slice(i).join('/'))) {
        out.add(file);
        break;
      }
      dir = path.join(dir, parts[i] as string);
    }
  }
  return out;
}
