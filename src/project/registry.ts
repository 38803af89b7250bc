// The one list of project-file readers, by file name. A new ecosystem is a reader file registered here.
import type { ProjectFormat } from '../model/document.js';
import type { ProjectReader } from './reader.js';
import { npmLock } from './readers/npm.js';
import { gradleBuild, gradleCatalog } from './readers/gradle.js';
import { packageJson } from './readers/package-json.js';
import { yarnLock } from './readers/yarn.js';
import { pnpmLock } from './readers/pnpm.js';
import { goMod, goSum } from './readers/go.js';
import { cargoLock, composerLock, gemfileLock, gradleLockfile } from './readers/locks.js';
import { mavenPom, nugetLock, nugetProject, packagesConfig } from './readers/dotnet-java.js';
import { composeFile, dockerfile } from './readers/containers.js';
import { pipfileLock, pipRequirements, poetryLock, pyproject, uvLock } from './readers/python.js';

function registry(readers: readonly ProjectReader[]): ReadonlyMap<ProjectFormat, ProjectReader> {
  const map = new Map<ProjectFormat, ProjectReader>();
  for (const r of readers) {
    if (map.has(r.format)) throw new Error(`two project readers registered for ${r.format}`);
    map.set(r.format, r);
  }
  return map;
}

export const PROJECT_READERS = registry([
  npmLock,
  packageJson,
  yarnLock,
  pnpmLock,
  pipRequirements,
  poetryLock,
  pipfileLock,
  uvLock,
  pyproject,
  goMod,
  goSum,
  mavenPom,
  gradleLockfile,
  gradleCatalog,
  gradleBuild,
  nugetLock,
  nugetProject,
  packagesConfig,
  cargoLock,
  composerLock,
  gemfileLock,
  dockerfile,
  composeFile,
]);

/** The reader that claims a file by its name, if any (the first in registry order). */
export function readerFor(source: string): ProjectReader | undefined {
  const base = source.split(/[\\/]/).pop() ?? source;
  for (const r of PROJECT_READERS.values()) if (r.claims(base)) return r.applies === undefined || r.applies(source) ? r : undefined;
  return undefined;
}
