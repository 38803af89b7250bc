// Which files of a walked directory belong to the project: not in a vendored folder, not ignored by .gitignore.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders of other people's code, installed or copied in: their manifests are not the project's. */
export const VENDORED = new Set(['node_modules', 'vendor', 'bower_components', 'jspm_packages', '.git', '.hg', '.svn', 'Pods', '__pypackages__']);

/**
 * The files under `root` that are not the project's own: inside a vendored folder, or ignored by a .gitignore of
 * `root` or a folder below it. Each .gitignore is read once, each folder decided once; the rest is a pass over the paths.
 */
export function outsideProject(root: string, files: readonly string[]): Set<string> {
  const out = new Set<string>();
  const rules = new Map<string, Ignore | undefined>();
  // Read in this thread: most folders have no .gitignore, and a failed asynchronous open per folder cost more than
  // the scan of a large tree's files (an existence check first: no error object made for each folder).
  const rulesOf = (dir: string) => {
    if (rules.has(dir)) return rules.get(dir);
    const file = path.join(dir, '.gitignore');
    let r: Ignore | undefined;
    try {
      if (existsSync(file)) r = ignore().add(readFileSync(file, 'utf8'));
    } catch {
      r = undefined;
    }
    rules.set(dir, r);
    return r;
  };
  // Each folder is decided once (vendored, ignored, or the rules that apply below it); a file is then one test
  // per .gitignore above it, whatever its depth.
  interface Folder {
    readonly outside: boolean;
    /** The .gitignore rules above and in this folder, each with this folder's path relative to the rules' folder. */
    readonly chain: readonly { readonly ig: Ignore; readonly prefix: string }[];
  }
  const folders = new Map<string, Folder>();
  const folderOf = (rel: string): Folder => {
    let f = folders.get(rel);
    if (f) return f;
    const cut = rel.lastIndexOf('/');
    const name = rel.slice(cut + 1);
    const parent = rel === '' ? undefined : folderOf(cut === -1 ? '' : rel.slice(0, cut));
    if (parent && (parent.outside || VENDORED.has(name) || parent.chain.some(({ ig, prefix }) => ig.ignores(`${prefix}${name}/`)))) f = { outside: true, chain: [] };
    else {
      const own = rulesOf(rel === '' ? root : path.join(root, ...rel.split('/')));
      const chain = parent ? parent.chain.map(({ ig, prefix }) => ({ ig, prefix: `${prefix}${name}/` })) : [];
      f = { outside: false, chain: own ? [...chain, { ig: own, prefix: '' }] : chain };
    }
    folders.set(rel, f);
    return f;
  };
  // Files come folder by folder: the folder of each is looked up by its path as given, path.relative once per folder.
  const relOf = new Map<string, string | undefined>();
  for (const file of files) {
    const cut = file.lastIndexOf(path.sep);
    const dir = cut === -1 ? '' : file.slice(0, cut);
    let rel = relOf.get(dir);
    if (!relOf.has(dir)) {
      const r = path.relative(root, dir === '' ? '.' : dir);
      rel = r.startsWith('..') || path.isAbsolute(r) ? undefined : r.split(path.sep).join('/');
      relOf.set(dir, rel);
    }
    if (rel === undefined || file === root) continue;
    const folder = folderOf(rel);
    const base = file.slice(cut + 1);
    if (folder.outside || folder.chain.some(({ ig, prefix }) => ig.ignores(`${prefix}${base}`))) out.add(file);
  }
  return out;
}
