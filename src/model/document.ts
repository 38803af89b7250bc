// A parsed SBOM: its components, services and dependency graph, format-independent.
import type { Component } from './component.js';

export type SbomFormat =
  | 'cyclonedx-json'
  | 'cyclonedx-xml'
  | 'spdx-json'
  | 'spdx-tag-value'
  | 'spdx-yaml'
  | 'spdx-rdf'
  | 'spdx3-jsonld'
  | 'syft-json'
  | InventoryFormat;

/** Installed-software inventories of hosts (src/inventory): one document per host. */
export const INVENTORY_FORMATS = [
  'dpkg-status',
  'dpkg-list',
  'rpm-list',
  'apk-installed',
  'winget-export',
  'windows-uninstall-json',
  'powershell-package',
  'system-profiler',
  'osquery',
  'inventory-csv',
] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** The host an inventory document describes. */
export interface HostInfo {
  readonly name: string;
  /** false when the file did not name its host and the file's name stands for it. */
  readonly named: boolean;
  readonly client?: string;
  readonly platform: 'windows' | 'linux' | 'macos' | 'unknown';
  /** Information about the host as a whole (a migration to UltraAV, a Network Agent): never a finding. */
  readonly notes: readonly string[];
  readonly migratedTo: readonly string[];
  /** Kaspersky Security Center's Network Agent is installed: removal goes through KSC. */
  readonly networkAgent: boolean;
}

/** Lockfiles, manifests and code of a project tree, read without an SBOM (src/project). */
export type ProjectFormat =
  | 'npm-lock'
  | 'npm-manifest'
  | 'yarn-lock'
  | 'pnpm-lock'
  | 'pip-requirements'
  | 'poetry-lock'
  | 'pipfile-lock'
  | 'uv-lock'
  | 'pyproject'
  | 'go-mod'
  | 'go-sum'
  | 'maven-pom'
  | 'gradle-lockfile'
  | 'gradle-catalog'
  | 'gradle-build'
  | 'nuget-lock'
  | 'nuget-project'
  | 'nuget-packages-config'
  | 'cargo-lock'
  | 'composer-lock'
  | 'gemfile-lock'
  | 'dockerfile'
  | 'container-manifest'
  | 'code-references';

export type DocumentFormat = SbomFormat | ProjectFormat;

export interface SbomDocument {
  readonly format: DocumentFormat;
  readonly specVersion: string;
  /** Ref of the document's subject (metadata.component / DESCRIBES), when it has one. */
  readonly rootRef?: string;
  /** The subject itself; not counted among `components`. */
  readonly root?: Component;
  /** Counted components: CycloneDX components at any depth, SPDX packages. */
  readonly components: readonly Component[];
  readonly services: readonly Component[];
  /**
   * Software elements read and matched but not counted among `components` (the corpus contract counts those):
   * SPDX files and snippets, SPDX 3 AI and dataset packages and other software artifacts, CycloneDX tools,
   * formulation, declaration targets, annotations and the BOM's own makers. Absent when there are none.
   */
  readonly elements?: readonly Component[];
  /** from ref -> refs it depends on or contains. */
  readonly edges: ReadonlyMap<string, readonly string[]>;
  /** Information lost or repaired while reading. */
  readonly warnings: readonly string[];
  /**
   * Warnings that count against coverage: what the reader saw but could not check (an element kind it does not
   * understand, an identifier it could not read). The report lists them and never calls such a document clean.
   */
  readonly unchecked?: readonly string[];
  /**
   * The source line of a component by ref, for formats that find it only on demand (JSON): computed on the
   * first call, so that a document without findings never pays for it.
   */
  readonly lineOf?: (ref: string) => number | undefined;
  /** Set for an installed-software inventory: the host it describes. */
  readonly host?: HostInfo;
  /** Wrappers peeled off to reach the document (gzip, dsse, in-toto). */
  readonly wrappers?: readonly string[];
  /** For a project file: the manifest a person edits to remove a dependency, and the ecosystem's command. */
  readonly project?: ProjectInfo;
}

export interface ProjectInfo {
  /** Path of the manifest to edit (the lockfile's package.json, pyproject.toml, go.mod ...), as found beside the file. */
  readonly manifest: string;
  /** The command that removes a dependency and re-locks, with NAME where the package name goes. */
  readonly command?: string;
}
