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

export interface SbomDocument {
  readonly format: SbomFormat;
  readonly specVersion: string;
  /** Ref of the document's subject (metadata.component / DESCRIBES), when it has one. */
  readonly rootRef?: string;
  /** The subject itself; not counted among `components`. */
  readonly root?: Component;
  /** Counted components: CycloneDX components at any depth, SPDX packages. */
  readonly components: readonly Component[];
  readonly services: readonly Component[];
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
}
