// Where the package's own data lives (rules/, schemas/), whether run from src/ or from dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ictscan') return dir;
      } catch {
        // keep looking
      }
    }
    dir = path.dirname(dir);
  }
  throw new Error('ictscan: cannot find its own package directory');
}

export const PACKAGE_ROOT = findPackageRoot();
export const CURATED_RULES_DIR = path.join(PACKAGE_ROOT, 'rules');
export const SCHEMAS_DIR = path.join(PACKAGE_ROOT, 'schemas');

const MANIFEST = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; repository?: string | { url?: string }; homepage?: string };
export const VERSION: string = MANIFEST.version;

/**
 * The project's home as package.json names it (`homepage`, else `repository` as a browsable https URL), for reports
 * that link to the tool. Never a registry page: the package is not published, and a registry name is anyone's.
 */
export const REPOSITORY_URL: string | undefined = (() => {
  const raw = MANIFEST.homepage ?? (typeof MANIFEST.repository === 'string' ? MANIFEST.repository : MANIFEST.repository?.url);
  if (!raw) return undefined;
  const url = raw.replace(/^git\+/, '').replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '');
  return /^https:\/\//.test(url) ? url : undefined;
})();
