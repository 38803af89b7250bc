// From an inventory's hosts to documents of the common model: one document per host, one component per item.
import type { Component, Party, Property, RelatedIdentity } from '../model/component.js';
import type { HostInfo, SbomDocument, SbomFormat } from '../model/document.js';
import { makeComponent } from '../sbom/builder.js';
import { hostNotes } from './migration.js';
import type { InventoryHost, InventoryItem } from './types.js';

/** CycloneDX component types for each kind of item, so reports say what was found. */
const TYPES: Readonly<Record<InventoryItem['kind'], string>> = {
  program: 'application',
  package: 'application',
  app: 'application',
  driver: 'device-driver',
  service: 'application',
  certificate: 'cryptographic-asset',
  'system-extension': 'device-driver',
};

const NO_RELATED: readonly RelatedIdentity[] = [];

export function itemComponent(item: InventoryItem, ref: string, platform: string): Component {
  const parties: Party[] = [];
  if (item.publisher !== undefined && item.publisher.trim() !== '') {
    parties.push({ role: 'publisher', name: item.publisher.trim(), ...(item.publisherEmail !== undefined && { email: item.publisherEmail }) });
  } else if (item.publisherEmail !== undefined) {
    parties.push({ role: 'publisher', name: '', email: item.publisherEmail });
  }
  // Identifiers (bundle ids, driver files, service names, package ids) are tested by the name rules, like a second name.
  const related: RelatedIdentity[] = [];
  for (const id of item.identifiers ?? []) {
    if (id !== '' && id !== item.name) related.push({ via: `${item.kind}.identifier`, name: id, cpes: [], parties: [], externalRefs: [] });
  }
  const texts = [...(item.path ? [`installed at ${item.path}`] : []), ...(item.texts ?? []).filter((t) => t !== '')];
  const properties: Property[] = [
    { name: 'ictscan:inventory:kind', value: item.kind },
    { name: 'ictscan:inventory:platform', value: platform },
    ...(item.path ? [{ name: 'ictscan:inventory:path', value: item.path }] : []),
  ];
  return makeComponent({
    ref,
    name: item.name,
    version: item.version === '' ? undefined : item.version,
    type: TYPES[item.kind],
    purl: item.purl,
    parties,
    description: texts.length > 0 ? texts.join('\n') : undefined,
    properties,
    related: related.length > 0 ? related : NO_RELATED,
    line: item.line,
  });
}

/** One host to one document. `fallbackName` names a host its file does not name (the file's base name). */
export function hostDocument(host: InventoryHost, format: SbomFormat, specVersion: string, fallbackName: string, warnings: readonly string[]): SbomDocument {
  const counters = new Map<string, number>();
  const items = host.items.map((item) => {
    const n = (counters.get(item.kind) ?? 0) + 1;
    counters.set(item.kind, n);
    return itemComponent(item, `${item.kind}:${n}`, host.platform);
  });
  const facts = hostNotes(items);
  // The plan for each component depends on the host: with a Network Agent, removal goes through Kaspersky Security Center.
  const components = facts.networkAgent ? items.map((c) => ({ ...c, properties: [...c.properties, { name: 'ictscan:inventory:managed-by', value: 'kaspersky-security-center' }] })) : items;
  const info: HostInfo = {
    name: host.name ?? fallbackName,
    named: host.name !== undefined,
    ...(host.client !== undefined && host.client !== '' && { client: host.client }),
    platform: host.platform,
    ...facts,
  };
  return {
    format,
    specVersion,
    components,
    services: [],
    edges: new Map(),
    warnings: [...warnings, ...info.notes.map((n) => `note: ${n}`)],
    host: info,
  };
}
