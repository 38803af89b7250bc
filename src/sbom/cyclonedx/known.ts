// The keys each CycloneDX 1.2-1.7 JSON object may have, from the union of the specification's schemas: a key not
// listed is one the reader does not understand, and is reported rather than dropped in silence.

export const BOM_KEYS: ReadonlySet<string> = new Set([
  '$schema', 'bomFormat', 'specVersion', 'serialNumber', 'version', 'metadata', 'components', 'services',
  'externalReferences', 'dependencies', 'compositions', 'vulnerabilities', 'signature', 'annotations', 'formulation',
  'properties', 'declarations', 'definitions', 'citations',
]);

export const COMPONENT_KEYS: ReadonlySet<string> = new Set([
  'type', 'mime-type', 'bom-ref', 'supplier', 'author', 'publisher', 'group', 'name', 'version', 'description', 'scope',
  'hashes', 'licenses', 'copyright', 'cpe', 'purl', 'swid', 'modified', 'pedigree', 'externalReferences', 'components',
  'evidence', 'properties', 'releaseNotes', 'signature', 'modelCard', 'data', 'manufacturer', 'authors', 'omniborId',
  'swhid', 'cryptoProperties', 'tags', 'versionRange', 'isExternal', 'patentAssertions',
]);

export const SERVICE_KEYS: ReadonlySet<string> = new Set([
  'bom-ref', 'provider', 'group', 'name', 'version', 'description', 'endpoints', 'authenticated', 'x-trust-boundary',
  'data', 'licenses', 'externalReferences', 'services', 'properties', 'releaseNotes', 'signature', 'trustZone', 'tags',
  'patentAssertions',
]);

export const METADATA_KEYS: ReadonlySet<string> = new Set([
  'timestamp', 'tools', 'authors', 'component', 'manufacture', 'supplier', 'licenses', 'properties', 'lifecycles',
  'manufacturer', 'distributionConstraints',
]);
