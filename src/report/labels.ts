// Display names of input formats.
export const FORMAT_LABELS: Readonly<Record<string, string>> = {
  'cyclonedx-json': 'CycloneDX JSON',
  'cyclonedx-xml': 'CycloneDX XML',
  'spdx-json': 'SPDX JSON',
  'spdx-tag-value': 'SPDX tag-value',
  'spdx-yaml': 'SPDX YAML',
  'spdx-rdf': 'SPDX RDF/XML',
  'spdx3-jsonld': 'SPDX 3 JSON-LD',
  'syft-json': 'Syft JSON',
};
