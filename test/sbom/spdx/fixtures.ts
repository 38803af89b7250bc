// One small SPDX 2.3 document in the four SPDX 2 encodings, so tests can check that each reads the same.

export const TAG_VALUE = `# written by hand for ictscan tests
## Document Creation Information
SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: example-app
DocumentNamespace: https://example.com/spdx/example-app-1
Creator: Tool: hand
Created: 2024-01-01T00:00:00Z

##### Package: example-app

PackageName: example-app
SPDXID: SPDXRef-app
PackageVersion: 2.0
PackageSupplier: Organization: Example Corp (oss@example.com)
PackageDownloadLocation: NOASSERTION
FilesAnalyzed: false
PackageLicenseConcluded: NOASSERTION
PackageLicenseDeclared: Apache-2.0
PackageCopyrightText: NOASSERTION

FileName: ./bin/app
SPDXID: SPDXRef-file-app
FileChecksum: SHA1: 85ed0817af83a24ad8da68c2b5094de69833983c
LicenseConcluded: NOASSERTION

##### Package: libfoo

PackageName: libfoo
SPDXID: SPDXRef-libfoo
PackageVersion: 1.10
PackageOriginator: Person: Jane Doe <jane@example.org>
PackageDownloadLocation: https://example.org/libfoo-1.10.tar.gz
PackageHomePage: https://example.org/libfoo
FilesAnalyzed: false
PackageChecksum: SHA256: 11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd
PackageLicenseConcluded: MIT
PackageLicenseDeclared: (MIT OR Apache-2.0)
PackageCopyrightText: <text>Copyright 2020
Jane Doe</text>
PackageSummary: <text>A library</text>
PackageDescription: <text>Does foo.
Over two lines.</text>
PackageComment: <text>found at pkg:deb/debian/libfoo@1.10 in the image</text>
ExternalRef: SECURITY cpe23Type cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*
ExternalRef: PACKAGE_MANAGER purl pkg:generic/libfoo@1.10

##### Package: libbar

PackageName: libbar
SPDXID: SPDXRef-libbar
PackageDownloadLocation: NONE
FilesAnalyzed: false
PrimaryPackagePurpose: LIBRARY

##### Relationships

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app
Relationship: SPDXRef-app DEPENDS_ON SPDXRef-libfoo
Relationship: SPDXRef-libbar DEPENDENCY_OF SPDXRef-libfoo
Relationship: SPDXRef-app CONTAINS SPDXRef-file-app
Relationship: SPDXRef-libbar DEPENDS_ON NONE
`;

const packages = [
  {
    SPDXID: 'SPDXRef-app',
    name: 'example-app',
    versionInfo: '2.0',
    supplier: 'Organization: Example Corp (oss@example.com)',
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'Apache-2.0',
    copyrightText: 'NOASSERTION',
  },
  {
    SPDXID: 'SPDXRef-libfoo',
    name: 'libfoo',
    versionInfo: '1.10',
    originator: 'Person: Jane Doe <jane@example.org>',
    downloadLocation: 'https://example.org/libfoo-1.10.tar.gz',
    homepage: 'https://example.org/libfoo',
    filesAnalyzed: false,
    checksums: [{ algorithm: 'SHA256', checksumValue: '11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd' }],
    licenseConcluded: 'MIT',
    licenseDeclared: '(MIT OR Apache-2.0)',
    copyrightText: 'Copyright 2020\nJane Doe',
    summary: 'A library',
    description: 'Does foo.\nOver two lines.',
    comment: 'found at pkg:deb/debian/libfoo@1.10 in the image',
    externalRefs: [
      { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*' },
      { referenceCategory: 'PACKAGE_MANAGER', referenceType: 'purl', referenceLocator: 'pkg:generic/libfoo@1.10' },
    ],
  },
  { SPDXID: 'SPDXRef-libbar', name: 'libbar', downloadLocation: 'NONE', filesAnalyzed: false, primaryPackagePurpose: 'LIBRARY' },
];

const relationships = [
  { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app' },
  { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-libfoo' },
  { spdxElementId: 'SPDXRef-libbar', relationshipType: 'DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-libfoo' },
  { spdxElementId: 'SPDXRef-app', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-file-app' },
  { spdxElementId: 'SPDXRef-libbar', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'NONE' },
];

export const JSON_DOC = {
  spdxVersion: 'SPDX-2.3',
  dataLicense: 'CC0-1.0',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'example-app',
  documentNamespace: 'https://example.com/spdx/example-app-1',
  creationInfo: { creators: ['Tool: hand'], created: '2024-01-01T00:00:00Z' },
  packages,
  files: [{ SPDXID: 'SPDXRef-file-app', fileName: './bin/app', checksums: [{ algorithm: 'SHA1', checksumValue: '85ed0817af83a24ad8da68c2b5094de69833983c' }] }],
  relationships,
};

/** Written out by hand (not by a YAML library) so the test reads what a generator writes. */
export const YAML = `---
spdxVersion: "SPDX-2.3"
dataLicense: "CC0-1.0"
SPDXID: "SPDXRef-DOCUMENT"
name: "example-app"
documentNamespace: "https://example.com/spdx/example-app-1"
creationInfo:
  creators:
  - "Tool: hand"
  created: "2024-01-01T00:00:00Z"
packages:
- SPDXID: "SPDXRef-app"
  name: "example-app"
  versionInfo: "2.0"
  supplier: "Organization: Example Corp (oss@example.com)"
  downloadLocation: "NOASSERTION"
  filesAnalyzed: false
  licenseConcluded: "NOASSERTION"
  licenseDeclared: "Apache-2.0"
  copyrightText: "NOASSERTION"
- SPDXID: "SPDXRef-libfoo"
  name: libfoo
  versionInfo: 1.10
  originator: "Person: Jane Doe <jane@example.org>"
  downloadLocation: "https://example.org/libfoo-1.10.tar.gz"
  homepage: "https://example.org/libfoo"
  filesAnalyzed: false
  checksums:
  - algorithm: "SHA256"
    checksumValue: "11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd"
  licenseConcluded: "MIT"
  licenseDeclared: "(MIT OR Apache-2.0)"
  copyrightText: |-
    Copyright 2020
    Jane Doe
  summary: "A library"
  description: "Does foo.\\nOver two lines."
  comment: "found at pkg:deb/debian/libfoo@1.10 in the image"
  externalRefs:
  - referenceCategory: "SECURITY"
    referenceType: "cpe23Type"
    referenceLocator: "cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*"
  - referenceCategory: "PACKAGE_MANAGER"
    referenceType: "purl"
    referenceLocator: "pkg:generic/libfoo@1.10"
- SPDXID: "SPDXRef-libbar"
  name: "libbar"
  downloadLocation: "NONE"
  filesAnalyzed: false
  primaryPackagePurpose: "LIBRARY"
files:
- SPDXID: "SPDXRef-file-app"
  fileName: "./bin/app"
relationships:
- spdxElementId: "SPDXRef-DOCUMENT"
  relationshipType: "DESCRIBES"
  relatedSpdxElement: "SPDXRef-app"
- spdxElementId: "SPDXRef-app"
  relationshipType: "DEPENDS_ON"
  relatedSpdxElement: "SPDXRef-libfoo"
- spdxElementId: "SPDXRef-libbar"
  relationshipType: "DEPENDENCY_OF"
  relatedSpdxElement: "SPDXRef-libfoo"
- spdxElementId: "SPDXRef-app"
  relationshipType: "CONTAINS"
  relatedSpdxElement: "SPDXRef-file-app"
- spdxElementId: "SPDXRef-libbar"
  relationshipType: "DEPENDS_ON"
  relatedSpdxElement: "NONE"
`;

const NS = 'https://example.com/spdx/example-app-1';

export const RDF_XML = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:spdx="http://spdx.org/rdf/terms#" xmlns:doap="http://usefulinc.com/ns/doap#">
  <spdx:SpdxDocument rdf:about="${NS}#SPDXRef-DOCUMENT">
    <spdx:specVersion>SPDX-2.3</spdx:specVersion>
    <spdx:name>example-app</spdx:name>
    <spdx:relationship>
      <spdx:Relationship>
        <spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_describes"/>
        <spdx:relatedSpdxElement>
          <spdx:Package rdf:about="${NS}#SPDXRef-app">
            <spdx:name>example-app</spdx:name>
            <spdx:versionInfo>2.0</spdx:versionInfo>
            <spdx:supplier>Organization: Example Corp (oss@example.com)</spdx:supplier>
            <spdx:downloadLocation rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
            <spdx:licenseConcluded rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
            <spdx:licenseDeclared rdf:resource="http://spdx.org/licenses/Apache-2.0"/>
            <spdx:copyrightText rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
            <spdx:relationship>
              <spdx:Relationship>
                <spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_dependsOn"/>
                <spdx:relatedSpdxElement rdf:resource="${NS}#SPDXRef-libfoo"/>
              </spdx:Relationship>
            </spdx:relationship>
            <spdx:relationship>
              <spdx:Relationship>
                <spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_contains"/>
                <spdx:relatedSpdxElement>
                  <spdx:File rdf:about="${NS}#SPDXRef-file-app"><spdx:fileName>./bin/app</spdx:fileName></spdx:File>
                </spdx:relatedSpdxElement>
              </spdx:Relationship>
            </spdx:relationship>
          </spdx:Package>
        </spdx:relatedSpdxElement>
      </spdx:Relationship>
    </spdx:relationship>
  </spdx:SpdxDocument>
  <spdx:Package rdf:about="${NS}#SPDXRef-libfoo">
    <spdx:name>libfoo</spdx:name>
    <spdx:versionInfo>1.10</spdx:versionInfo>
    <spdx:originator>Person: Jane Doe &lt;jane@example.org&gt;</spdx:originator>
    <spdx:downloadLocation>https://example.org/libfoo-1.10.tar.gz</spdx:downloadLocation>
    <doap:homepage>https://example.org/libfoo</doap:homepage>
    <spdx:checksum>
      <spdx:Checksum>
        <spdx:algorithm rdf:resource="http://spdx.org/rdf/terms#checksumAlgorithm_sha256"/>
        <spdx:checksumValue>11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd</spdx:checksumValue>
      </spdx:Checksum>
    </spdx:checksum>
    <spdx:licenseConcluded rdf:resource="http://spdx.org/licenses/MIT"/>
    <spdx:licenseDeclared>
      <spdx:DisjunctiveLicenseSet>
        <spdx:member rdf:resource="http://spdx.org/licenses/MIT"/>
        <spdx:member rdf:resource="http://spdx.org/licenses/Apache-2.0"/>
      </spdx:DisjunctiveLicenseSet>
    </spdx:licenseDeclared>
    <spdx:copyrightText>Copyright 2020
Jane Doe</spdx:copyrightText>
    <spdx:summary>A library</spdx:summary>
    <spdx:description>Does foo.
Over two lines.</spdx:description>
    <rdfs:comment>found at pkg:deb/debian/libfoo@1.10 in the image</rdfs:comment>
    <spdx:externalRef>
      <spdx:ExternalRef>
        <spdx:referenceCategory rdf:resource="http://spdx.org/rdf/terms#referenceCategory_security"/>
        <spdx:referenceType rdf:resource="http://spdx.org/rdf/references/cpe23Type"/>
        <spdx:referenceLocator>cpe:2.3:a:example:libfoo:1.10:*:*:*:*:*:*:*</spdx:referenceLocator>
      </spdx:ExternalRef>
    </spdx:externalRef>
    <spdx:externalRef>
      <spdx:ExternalRef>
        <spdx:referenceCategory rdf:resource="http://spdx.org/rdf/terms#referenceCategory_packageManager"/>
        <spdx:referenceType rdf:resource="http://spdx.org/rdf/references/purl"/>
        <spdx:referenceLocator>pkg:generic/libfoo@1.10</spdx:referenceLocator>
      </spdx:ExternalRef>
    </spdx:externalRef>
  </spdx:Package>
  <spdx:Package rdf:about="${NS}#SPDXRef-libbar">
    <spdx:name>libbar</spdx:name>
    <spdx:downloadLocation rdf:resource="http://spdx.org/rdf/terms#none"/>
    <spdx:primaryPackagePurpose rdf:resource="http://spdx.org/rdf/terms#purpose_library"/>
    <spdx:relationship>
      <spdx:Relationship>
        <spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_dependencyOf"/>
        <spdx:relatedSpdxElement rdf:resource="${NS}#SPDXRef-libfoo"/>
      </spdx:Relationship>
    </spdx:relationship>
    <spdx:relationship>
      <spdx:Relationship>
        <spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_dependsOn"/>
        <spdx:relatedSpdxElement rdf:resource="http://spdx.org/rdf/terms#none"/>
      </spdx:Relationship>
    </spdx:relationship>
  </spdx:Package>
</rdf:RDF>
`;
