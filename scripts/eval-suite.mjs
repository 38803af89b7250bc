// The labelled evaluation suite (issue 4): Kaspersky components in many disguises, each labelled with the rule that
// must flag it, and real look-alikes that must stay clean. Written in every format by scripts/make-samples.mjs into
// sbom-samples/eval/, with the labels in sbom-samples/eval/labels.json; `npm run eval` scores ictscan against them.
//
// Identifiers of positives come from ../shared/research/kaspersky-facts.md; a component named `acme-*` or given a
// neutral name is a hypothetical carrier for such an identifier (the disguise says which). Negatives are real
// packages from the npm and PyPI name lists, with the versions listed there, and in-house tools that only mention
// Kaspersky. `via` names the fields a case relies on: a format that cannot carry them leaves the case out.
import { CAPABILITIES, cyclonedxName, flatten, OUTPUTS, qualifiedName, unsupported } from './sbom-writers.mjs';

const APP = {
  ref: 'acme-eval-gateway',
  name: 'acme-eval-gateway',
  version: '1.0.0',
  type: 'application',
  purl: 'pkg:generic/acme-eval-gateway@1.0.0',
  supplier: 'Acme Gateways Inc.',
};

/** A positive: the rule (or `category:NAME`) that must flag it at the default confidence. */
const pos = (expect, disguise, c) => ({ ...c, label: { expect, disguise } });
/** A negative: must not be flagged at the default confidence. */
const neg = (disguise, c) => ({ ...c, label: { expect: 'clean', disguise } });
/**
 * A known gap: a case ictscan misses today for a reason outside the rule data. It is listed by the evaluation but
 * not scored, and the evaluation fails once it passes, so that the mark is removed with the fix.
 */
// Use as gap(pos(...), 'why') when a case must be recorded before the fix lands.
export const gap = (c, why) => ({ ...c, label: { ...c.label, knownGap: why } });

const POSITIVES = [
  // --- CPE only
  pos('KL-SDK-001', 'cpe-2.3-only', { ref: 'av-core', name: 'av-core', version: '8.9.2.595', cpe: 'cpe:2.3:a:kaspersky:antivirus_engine:8.9.2.595:*:*:*:*:*:*:*' }),
  pos('KL-PRD-014', 'cpe-2.2-only (legacy vendor kaspersky_lab)', { ref: 'desktop-av-suite', name: 'desktop-av-suite', version: '6.0.4.1424', cpe: 'cpe:/a:kaspersky_lab:kaspersky_anti-virus:6.0.4.1424' }),
  pos('KL-PRD-015', 'cpe-2.3-only', { ref: 'vault-app', name: 'vault-app', version: '9.0.2', cpe: 'cpe:2.3:a:kaspersky:password_manager:9.0.2:*:*:*:*:*:*:*' }),
  pos('KL-PRD-021', 'cpe-2.3-only, product without a specific rule (catch-all, review)', { ref: 'management-console', name: 'management-console', version: '14.2', cpe: 'cpe:2.3:a:kaspersky:security_center:14.2:*:*:*:*:*:*:*' }),
  pos('KL-PRD-014', 'cpe-2.2-only with vendor kaspersky (Greenbone style)', { ref: 'home-suite-2016', name: 'home-suite', version: '16.0.0.614', cpe: 'cpe:/a:kaspersky:total_security_2016:16.0.0.614' }),
  pos('KL-PRD-008', 'cpe-2.2-only: legacy anti-spam', { ref: 'mail-filter', name: 'mail-filter', version: '3.0', cpe: 'cpe:/a:kaspersky_lab:kaspersky_anti-spam:3.0' }),
  pos('KL-PRD-005', 'cpe-2.3-only: Anti-Virus for Linux Server', { ref: 'server-av', name: 'server-av', version: '8.0', cpe: 'cpe:2.3:a:kaspersky:anti-virus_for_linux_server:8.0:*:*:*:*:*:*:*' }),
  pos('KL-PRD-016', 'cpe-2.3-only: VPN Secure Connection', { ref: 'vpn-client', name: 'vpn-client', version: '21.5', cpe: 'cpe:2.3:a:kaspersky:vpn_secure_connection:21.5:*:*:*:*:*:*:*' }),
  // --- parties only
  pos('KL-ENT-001', 'US subsidiary Kaspersky Lab, Inc. (named party of the Final Determination) as supplier', { ref: 'us-agent', name: 'us-agent', version: '10.1.2-1', purl: 'pkg:rpm/redhat/us-agent@10.1.2-1?arch=x86_64', supplier: 'Kaspersky Lab, Inc.', via: ['supplier'] }),
  pos('KL-ENT-001', 'word-order variant "Kaspersky Lab AO" in a PE copyright (.NET Company)', { ref: 'ui-helper-dll', name: 'UiHelper.dll', version: '1.0.0', type: 'file', copyright: 'Copyright (c) Kaspersky Lab AO 2012-2025', via: ['copyright'] }),
  pos('KL-ENT-001', 'supplier-only (AO Kaspersky Lab), generic name', { ref: 'security-agent-core', name: 'security-agent-core', version: '12.0.0-6672', purl: 'pkg:deb/debian/security-agent-core@12.0.0-6672?arch=amd64', supplier: 'AO Kaspersky Lab', via: ['supplier'] }),
  pos('KL-ENT-006', 'Cyrillic supplier (АО «Лаборатория Касперского»)', { ref: 'agent-updater', name: 'agent-updater', version: '11.4.0-1', purl: 'pkg:rpm/redhat/agent-updater@11.4.0-1?arch=x86_64', supplier: 'АО «Лаборатория Касперского»', via: ['supplier'] }),
  pos('KL-ENT-001', 'mixed-script supplier (Latin "Kaspersky Lab" with a Cyrillic "а")', { ref: 'netscan-probe', name: 'netscan-probe', version: '2.1.0-3', purl: 'pkg:deb/ubuntu/netscan-probe@2.1.0-3?arch=amd64', supplier: 'K\u0430spersky Lab', via: ['supplier'] }),
  pos('KL-ENT-001', 'legal form ZAO, in the copyright line only', { ref: 'mac-av-engine', name: 'mac-av-engine', version: '8.0', purl: 'pkg:generic/mac-av-engine@8.0', copyright: '© 1997-2009 Kaspersky Lab ZAO', via: ['copyright'] }),
  pos('KL-ENT-001', 'legal form JSC, as supplier', { ref: 'removal-helper', name: 'removal-helper', version: '1.2.0-1', purl: 'pkg:rpm/redhat/removal-helper@1.2.0-1?arch=x86_64', supplier: 'Kaspersky Lab JSC', via: ['supplier'] }),
  pos('KL-ENT-001', 'legal form Ltd., as npm author', { ref: 'firewall-cvp-plugin', name: 'firewall-cvp-plugin', version: '5.5.0', purl: 'pkg:npm/firewall-cvp-plugin@5.5.0', author: 'Kaspersky Lab Ltd.', via: ['author'] }),
  pos('KL-ENT-002', 'Entity List: Kaspersky Labs Limited (UK) as supplier', { ref: 'holding-telemetry', name: 'holding-telemetry', version: '3.1.0-2', purl: 'pkg:deb/debian/holding-telemetry@3.1.0-2?arch=amd64', supplier: 'Kaspersky Labs Limited', via: ['supplier'] }),
  pos('KL-ENT-002', 'Entity List: OOO Kaspersky Group as supplier', { ref: 'group-sync', name: 'group-sync', version: '1.0.4-1', purl: 'pkg:rpm/redhat/group-sync@1.0.4-1?arch=x86_64', supplier: 'OOO Kaspersky Group', via: ['supplier'] }),
  pos('KL-ENT-003', 'subsidiary Kaspersky Lab Switzerland GmbH as supplier', { ref: 'zurich-collector', name: 'zurich-collector', version: '2.0.1-1', purl: 'pkg:deb/debian/zurich-collector@2.0.1-1?arch=amd64', supplier: 'Kaspersky Lab Switzerland GmbH', via: ['supplier'] }),
  pos('KL-ENT-004', 'Kaspersky Labs GmbH in a copyright line (mwcollectd)', { ref: 'mwcollectd', name: 'mwcollectd', version: '4.0.0', purl: 'pkg:generic/mwcollectd@4.0.0', license: 'LGPL-2.1-only', copyright: 'Copyright 2009 Georg Wicherski, Kaspersky Labs GmbH', via: ['copyright'] }),
  pos('KL-ENT-005', 'brand KasperskyLab (CEF device vendor) as npm author', { ref: 'cef-forwarder', name: 'cef-forwarder', version: '1.3.0', purl: 'pkg:npm/cef-forwarder@1.3.0', author: 'KasperskyLab', via: ['author'] }),
  pos('KL-ENT-005', 'brand "Kaspersky" alone as supplier', { ref: 'brand-bundle', name: 'protection-bundle', version: '21.3.10-1', purl: 'pkg:rpm/redhat/protection-bundle@21.3.10-1?arch=x86_64', supplier: 'Kaspersky', via: ['supplier'] }),
  pos('KL-ENT-007', 'author e-mail only (@kaspersky.com), no name', { ref: 'tinycheck', name: 'tinycheck', version: '0.2.0', purl: 'pkg:pypi/tinycheck@0.2.0', authorEmail: 'tinycheck@kaspersky.com', via: ['authorEmail'] }),
  // --- hosts only
  pos('KL-NET-002', 'update host only (homepage http://dnl-01.geo.kaspersky.com/)', { ref: 'av-bases-mirror', name: 'av-bases-mirror', version: '1.0.0', purl: 'pkg:npm/av-bases-mirror@1.0.0', homepage: 'http://dnl-01.geo.kaspersky.com/', via: ['homepage'] }),
  pos('KL-NET-001', 'KSN host only (homepage)', { ref: 'reputation-client', name: 'reputation-client', version: '0.3.1', purl: 'pkg:npm/reputation-client@0.3.1', homepage: 'https://ksn-url-geo.kaspersky-labs.com/', via: ['homepage'] }),
  pos('KL-NET-001', 'KSN host only, a subdomain of geoksn.kaspersky.com (homepage)', { ref: 'verdict-cache', name: 'verdict-cache', version: '1.1.0', purl: 'pkg:npm/verdict-cache@1.1.0', homepage: 'https://ksn-dc1.geoksn.kaspersky.com/', via: ['homepage'] }),
  pos('KL-NET-003', 'distribution host only (download location products.s.kaspersky-labs.com)', { ref: 'linux-fileserver-av', name: 'linux-fileserver-av', version: '8.0.4-312', purl: 'pkg:generic/linux-fileserver-av@8.0.4-312', download: 'https://products.s.kaspersky-labs.com/multilanguage/file_servers/kavlinuxserver8.0/kav4fs_8.0.4-312_i386.deb', via: ['download'] }),
  pos('KL-PRD-017', 'KVRT download URL only (devbuilds.s.kaspersky-labs.com/devbuilds/KVRT/)', { ref: 'rescue-scanner', name: 'rescue-scanner', type: 'application', download: 'https://devbuilds.s.kaspersky-labs.com/devbuilds/KVRT/latest/full/KVRT.exe', via: ['download'] }),
  pos('KL-NET-005', 'Kaspersky web domain only (support.kaspersky.com homepage)', { ref: 'engine-docs', name: 'engine-docs', version: '2.1.0', purl: 'pkg:npm/engine-docs@2.1.0', homepage: 'https://support.kaspersky.com/ScanEngine/docker_2.1/en-US/193817.htm', via: ['homepage'] }),
  pos('KL-NET-003', 'purl qualifier download_url only', { ref: 'scan-bundle', name: 'scan-bundle', version: '2.1.0', purl: 'pkg:generic/scan-bundle@2.1.0?download_url=https%3A%2F%2Fproducts.s.kaspersky-labs.com%2Fmultilanguage%2Fscan-bundle-2.1.0.tar.gz' }),
  pos('KL-NET-003', 'purl qualifier repository_url only', { ref: 'bases-sync', group: 'com.example.av', name: 'bases-sync', version: '1.0.0', purl: 'pkg:maven/com.example.av/bases-sync@1.0.0?repository_url=https%3A%2F%2Fdevbuilds.s.kaspersky-labs.com%2Fmaven2' }),
  // --- structure: nested, pedigree, evidence, properties
  pos('KL-OSS-007', 'pedigree ancestor: upstream grpc 1.48.0 descended from KasperskyLab/grpc-kos', { ref: 'grpc', name: 'grpc', version: '1.48.0', purl: 'pkg:github/grpc/grpc@v1.48.0', license: 'Apache-2.0', pedigree: [{ name: 'grpc-kos', version: '1.48.0', purl: 'pkg:github/kasperskylab/grpc-kos@1.48.0' }], via: ['pedigree'] }),
  pos('KL-OSS-007', 'upstream name protobuf, VCS URL of KasperskyLab/protobuf-kos only', { ref: 'protobuf-port', name: 'protobuf', version: '3.21.12', purl: 'pkg:generic/protobuf@3.21.12', vcs: 'git+https://github.com/KasperskyLab/protobuf-kos.git', via: ['vcs'] }),
  pos('KL-SDK-003', 'evidence.identity only (purl concluded by binary analysis)', { ref: 'scanner-runtime', name: 'scanner-runtime', version: '2.1.0', evidence: [{ field: 'purl', concludedValue: 'pkg:docker/kaspersky/scanengine_httpd@2.1.0', confidence: 0.8 }], via: ['evidence'] }),
  pos('KL-PRD-001', 'CPE in a property only (syft:cpe23)', { ref: 'vendor-endpoint-agent', name: 'vendor-endpoint-agent', version: '11.10.0', properties: [{ name: 'syft:cpe23', value: 'cpe:2.3:a:kaspersky:endpoint_security:11.10.0:*:*:*:*:*:*:*' }], via: ['properties'] }),
  pos('KL-OSS-001', 'purl in a property only', { ref: 'icons-vendored', name: 'icons-vendored', version: '2.6.11', properties: [{ name: 'acme:vendored:purl', value: 'pkg:npm/%40kaspersky/hexa-ui-icons@2.6.11' }], via: ['properties'] }),
  // --- OEM and white label (per the oem rules' conditions)
  pos('KL-OEM-001', 'Junos with the UTM full antivirus engine (kaspersky-lab-engine in the description)', { ref: 'junos-12', name: 'junos', version: '12.1X46-D10', purl: 'pkg:generic/junos@12.1X46-D10', supplier: 'Juniper Networks', description: 'Junos OS for SRX240 with UTM full file-based antivirus (anti-virus type kaspersky-lab-engine)', via: ['description'] }),
  pos('KL-OEM-001', 'the Junos engine package itself', { ref: 'kaspersky-lab-engine', name: 'kaspersky-lab-engine', purl: 'pkg:generic/kaspersky-lab-engine' }),
  pos('KL-OEM-003', 'ZyWALL with ZyNOS 4.x named in its description', { ref: 'zywall-70', name: 'zywall-70', type: 'firmware', supplier: 'ZyXEL', description: 'ZyWALL 70 UTM appliance firmware, ZyNOS V4.04', via: ['description'] }),
  pos('KL-OEM-003', 'ZyWALL UTM on ZyNOS 4.x (name and version)', { ref: 'zywall-70-utm', name: 'zywall-70-utm', version: '4.04', purl: 'pkg:generic/zywall-70-utm@4.04', supplier: 'ZyXEL' }),
  pos('KL-OEM-003', 'ZyNOS 4.x firmware of a ZyWALL', { ref: 'zynos', name: 'zynos', version: '4.04', type: 'firmware', purl: 'pkg:generic/zynos@4.04', description: 'ZyNOS firmware for the ZyWALL 70 UTM', via: ['description'] }),
  pos('KL-OEM-004', 'Netgear ProSecure STM300', { ref: 'prosecure-stm300', name: 'netgear-prosecure-stm300', type: 'firmware', purl: 'pkg:generic/netgear-prosecure-stm300', supplier: 'NETGEAR, Inc.' }),
  pos('KL-OEM-005', 'F-Secure Anti-Virus with the AVP engine', { ref: 'f-secure-anti-virus', name: 'f-secure-anti-virus', type: 'application', supplier: 'F-Secure Corporation', description: 'F-Secure Anti-Virus with the F-Prot and AVP scanning engines', via: ['description'] }),
  pos('KL-OEM-006', 'G Data AntiVirenKit with the Kaspersky engine', { ref: 'antivirenkit', name: 'g-data-antivirenkit', type: 'application', description: 'G DATA AntiVirenKit, scanning with the Kaspersky engine', via: ['description'] }),
  pos('KL-OEM-007', 'Forefront Security for Exchange Server (Kaspersky one of its engines)', { ref: 'forefront-exchange', name: 'microsoft-forefront-security-for-exchange-server', type: 'application', supplier: 'Microsoft Corporation', description: 'Multi-engine scanning for Exchange; licensed engines include Kaspersky', via: ['description'] }),
  pos('KL-OEM-008', 'third-party image tabledevil/kaspersky', { ref: 'tabledevil-kaspersky', group: 'tabledevil', name: 'kaspersky', type: 'container', purl: 'pkg:docker/tabledevil/kaspersky@latest' }),
  // --- every registry of the rules
  pos('KL-OSS-001', 'npm scope @kaspersky', { ref: 'hexa-ui-core', group: '@kaspersky', name: 'hexa-ui-core', version: '0.9.12', purl: 'pkg:npm/%40kaspersky/hexa-ui-core@0.9.12', license: 'Apache-2.0', author: 'AO Kaspersky Lab', description: 'Tokens for Kaspersky Hexa UI Design system: colors, fonts and typography' }),
  pos('KL-API-001', 'PyPI opentip (Kaspersky-authored OpenTIP client)', { ref: 'opentip', name: 'opentip', version: '1.2', purl: 'pkg:pypi/opentip@1.2', license: 'Apache-2.0', author: 'Kaspersky Lab', authorEmail: 'igosha@kaspersky.com', homepage: 'https://github.com/KasperskyLab/OpenTIP-scanner' }),
  pos('KL-OSS-002', 'PyPI triangle-check under its import name (triangle_check), name only canonicalized by purl rules', { ref: 'triangle-check-import', name: 'triangle_check', version: '1.1', purl: 'pkg:pypi/triangle_check@1.1' }),
  pos('KL-API-005', 'PyPI kasperskytip in mixed case (purl names are case-insensitive on PyPI)', { ref: 'kasperskytip-case', name: 'KasperskyTIP', version: '1.0', purl: 'pkg:pypi/KasperskyTIP@1.0' }),
  pos('KL-OSS-002', 'PyPI triangle-check', { ref: 'triangle-check', name: 'triangle-check', version: '1.1', purl: 'pkg:pypi/triangle-check@1.1', author: 'Kaspersky Lab', authorEmail: 'triangulation@kaspersky.com' }),
  pos('KL-API-005', 'PyPI kasperskytip (third-party TIP client)', { ref: 'kasperskytip', name: 'kasperskytip', version: '1.0', purl: 'pkg:pypi/kasperskytip@1.0', description: 'Kaspersky TIP unofficial API for Python' }),
  pos('KL-API-005', 'PyPI opentip-cli (third-party OpenTIP client)', { ref: 'opentip-cli', name: 'opentip-cli', version: '0.1.0', purl: 'pkg:pypi/opentip-cli@0.1.0', description: 'Python library and CLI for the Kaspersky OpenTIP (Threat Intelligence Portal) API' }),
  pos('KL-API-006', 'PyPI pykumaapi (KUMA SIEM client)', { ref: 'pykumaapi', name: 'pykumaapi', version: '0.0.2', purl: 'pkg:pypi/pykumaapi@0.0.2', description: 'A package to connect KUMA (SIEM)' }),
  pos('KL-API-006', 'PyPI kuma-api (KUMA SIEM client)', { ref: 'kuma-api', name: 'kuma-api', version: '3.0.3', purl: 'pkg:pypi/kuma-api@3.0.3', description: 'SDK для работы с API SIEM Kuma' }),
  pos('KL-PRD-003', 'KlAkOAPI installed from the KSC folder (not PyPI)', { ref: 'klakoapi', name: 'KlAkOAPI', version: '1.0.0.0', purl: 'pkg:pypi/klakoapi@1.0.0.0' }),
  pos('KL-API-002', 'Kaspersky Feeds for OpenCTI connector', { ref: 'feeds-opencti', name: 'kaspersky-feeds-for-opencti', vcs: 'git+https://github.com/KasperskyLab/threat-intelligence.git', purl: 'pkg:github/kasperskylab/threat-intelligence' }),
  pos('KL-OSS-004', 'Maven com.kaspersky.android-components (Kaspresso)', { ref: 'kaspresso', group: 'com.kaspersky.android-components', name: 'kaspresso', purl: 'pkg:maven/com.kaspersky.android-components/kaspresso' }),
  pos('KL-OSS-004', 'Maven com.kaspersky.android-components (AdbServer)', { ref: 'adb-server-device', group: 'com.kaspersky.android-components', name: 'adb-server-device', purl: 'pkg:maven/com.kaspersky.android-components/adb-server-device' }),
  pos('KL-OSS-005', 'Go module github.com/KasperskyLab/klogga', { ref: 'klogga', name: 'github.com/KasperskyLab/klogga', purl: 'pkg:golang/github.com/KasperskyLab/klogga' }),
  pos('KL-OSS-006', 'NuGet Kaspersky.CaptchaMixer', { ref: 'captchamixer', name: 'Kaspersky.CaptchaMixer', version: '1.0.0-beta1', purl: 'pkg:nuget/Kaspersky.CaptchaMixer@1.0.0-beta1' }),
  pos('KL-SDK-003', 'Docker image kaspersky/scanengine_httpd', { ref: 'scanengine-httpd', group: 'kaspersky', name: 'scanengine_httpd', version: '2.1.0', type: 'container', purl: 'pkg:docker/kaspersky/scanengine_httpd@2.1.0' }),
  pos('KL-PRD-002', 'deb klnagent64', { ref: 'klnagent64', name: 'klnagent64', version: '14.0.0-4490', purl: 'pkg:deb/debian/klnagent64@14.0.0-4490?arch=amd64' }),
  pos('KL-PRD-004', 'deb kess', { ref: 'kess', name: 'kess', purl: 'pkg:deb/debian/kess?arch=amd64' }),
  pos('KL-PRD-001', 'rpm kesl-gui', { ref: 'kesl-gui', name: 'kesl-gui', version: '12.0.0-6672', purl: 'pkg:rpm/redhat/kesl-gui@12.0.0-6672?arch=x86_64' }),
  pos('KL-PRD-005', 'deb kav4fs (legacy)', { ref: 'kav4fs', name: 'kav4fs', version: '8.0.4-312', purl: 'pkg:deb/debian/kav4fs@8.0.4-312?arch=i386' }),
  pos('KL-OSS-007', 'GitHub KasperskyLab/boringssl-kos', { ref: 'boringssl-kos', name: 'boringssl-kos', purl: 'pkg:github/kasperskylab/boringssl-kos' }),
  pos('KL-PRD-018', 'GitHub KasperskyLab/shim (UEFI shim fork)', { ref: 'kl-shim', name: 'shim', version: '15', purl: 'pkg:github/kasperskylab/shim@15' }),
  pos('KL-OSS-008', 'GitHub KasperskyLab/klara (any repository of the organisation)', { ref: 'klara-kl', name: 'klara', purl: 'pkg:github/kasperskylab/klara' }),
  pos('KL-OSS-003', 'Kaspersky Neuromorphic Platform (knp) with supplier AO Kaspersky Lab', { ref: 'knp', name: 'knp', version: '1.0.0', purl: 'pkg:deb/ubuntu/knp@1.0.0?arch=amd64', supplier: 'AO Kaspersky Lab', via: ['supplier'] }),
  pos('KL-INT-002', 'Assemblyline service-kaspersky (ICAP client of Kaspersky Scan Engine)', { ref: 'al-service-kaspersky', name: 'assemblyline-service-kaspersky', purl: 'pkg:github/jredi-jedi/assemblyline-service-kaspersky' }),
  pos('KL-INT-003', 'Quarkslab IRMA probe KasperskyFileServer', { ref: 'irma-probe', name: 'KasperskyFileServer' }),
  pos('KL-PRD-019', 'versioned driver folder K4W-21-25', { ref: 'k4w-folder', name: 'K4W-21-25', type: 'file' }),
  pos('KL-PRD-001', 'KES for Windows installer file', { ref: 'keswin', name: 'keswin_11.10.0.399_en_aes256.exe', type: 'file' }),
  pos('KL-PRD-017', 'KVRT executable', { ref: 'kvrt-exe', name: 'KVRT.exe', type: 'file' }),
  pos('KL-SDK-003', 'Scan Engine ICAP daemon binary', { ref: 'kavicapd', name: 'kavicapd', type: 'file' }),
  pos('KL-PRD-012', 'CyberTrace feed utility configuration', { ref: 'kl-feed-util', name: 'kl_feed_util.conf', type: 'file' }),
  pos('KL-PRD-002', 'rpm klnagent (32-bit Network Agent)', { ref: 'klnagent', name: 'klnagent', version: '14.0.0-4490', purl: 'pkg:rpm/redhat/klnagent@14.0.0-4490?arch=i386' }),
  pos('KL-PRD-020', 'root CA written as a distinguished name', { ref: 'kl-web-ca', name: 'CN=Kaspersky Web Anti-Virus Certification Authority, O=AO Kaspersky Lab', type: 'cryptographic-asset' }),
  pos('KL-PRD-019', 'Windows kernel driver from a disk image', { ref: 'klif', name: 'klif.sys', type: 'file' }),
  pos('KL-PRD-020', 'TLS-interception root CA in an image trust store', { ref: 'kl-root-ca', name: 'Kaspersky Anti-Virus Personal Root Certificate', type: 'cryptographic-asset' }),
  pos('KL-PRD-013', 'KasperskyOS Community Edition SDK (review)', { ref: 'kos-ce', name: 'KasperskyOS-Community-Edition', version: '1.3.0', type: 'application' }),
  pos('KL-PRD-012', 'CyberTrace installer package file', { ref: 'cybertrace-rpm', name: 'Kaspersky_CyberTrace-Linux-x86_64-4.2.0.rpm', type: 'file' }),
  // --- issue 13: what makes a component Kaspersky's, however it is written
  pos('KL-VID-002', 'NuGet id Kaspersky.<Anything> beyond the known packages', { ref: 'nuget-kl-licensing', name: 'Kaspersky.Licensing.Client', version: '3.1.0', purl: 'pkg:nuget/Kaspersky.Licensing.Client@3.1.0' }),
  pos('KL-VID-002', 'Maven group com.kaspersky.* beyond android-components', { ref: 'maven-kl-scan-core', group: 'com.kaspersky.security', name: 'scan-core', version: '2.0.1', purl: 'pkg:maven/com.kaspersky.security/scan-core@2.0.1' }),
  pos('KL-VID-002', 'PyPI name starting with kaspersky as a separate word', { ref: 'pypi-kl-scan-client', name: 'kaspersky-scan-client', version: '0.4.0', purl: 'pkg:pypi/kaspersky-scan-client@0.4.0' }),
  pos('KL-OSS-008', 'Go module under KasperskyLab in upper case, a major-version path', { ref: 'go-kl-upper', name: 'github.com/KASPERSKYLAB/tinycheck/v2', version: 'v2.0.0', purl: 'pkg:golang/github.com/KASPERSKYLAB/tinycheck/v2@v2.0.0' }),
  pos('KL-VID-001', 'Docker repository under kaspersky/ beyond the known images', { ref: 'docker-kl-proxy', group: 'kaspersky', name: 'web-gateway-proxy', version: '6.1', type: 'container', purl: 'pkg:docker/kaspersky/web-gateway-proxy@6.1' }),
  pos('KL-SDK-003', 'pkg:oci with the repository in repository_url (private registry)', { ref: 'oci-scanengine-icapd', name: 'scanengine_icapd', version: '2.1.0', type: 'container', purl: 'pkg:oci/scanengine_icapd@sha256%3A9f8e7d6c?repository_url=registry.acme.example%2Fkaspersky%2Fscanengine_icapd&tag=2.1.0' }),
  pos('KL-OEM-008', 'pkg:oci of the third-party image tabledevil/kaspersky', { ref: 'oci-tabledevil', name: 'kaspersky', version: 'latest', type: 'container', purl: 'pkg:oci/kaspersky@sha256%3A1a2b3c4d?repository_url=docker.io%2Ftabledevil%2Fkaspersky' }),
  pos('KL-LIC-001', "licence only: a LicenseRef naming Kaspersky's EULA", { ref: 'eula-only', name: 'scan-bases-loader', version: '1.0.0', purl: 'pkg:generic/scan-bases-loader@1.0.0', license: 'LicenseRef-Kaspersky-EULA' }),
  pos('KL-OEM-002', 'Junos in the Kaspersky era by CPE only (cpe:2.3:o:juniper:junos:9.6:r4)', { ref: 'junos-cpe-9', name: 'branch-gateway-os', version: '9.6R4', type: 'firmware', cpe: 'cpe:2.3:o:juniper:junos:9.6:r4:*:*:*:*:*:*' }),
  pos('KL-OEM-002', 'Junos with a name suffix, version in Junos syntax (12.1X44-D10)', { ref: 'junos-os-firmware', name: 'junos-os-firmware', version: '12.1X44-D10', type: 'firmware', purl: 'pkg:generic/junos-os-firmware@12.1X44-D10' }),
  pos('KL-OEM-003', 'ZyNOS 4.x by CPE 2.2 only (cpe:/o:zyxel:zynos:4.03)', { ref: 'zynos-cpe', name: 'utm-firmware', version: '4.03', type: 'firmware', cpe: 'cpe:/o:zyxel:zynos:4.03' }),
  pos('KL-OEM-003', 'ZyNOS version in ZyNOS syntax (4.03(XL.0)), name with a suffix', { ref: 'zynos-xl', name: 'zyxel-zynos-firmware', version: '4.03(XL.0)', type: 'firmware' }),
  pos('KL-OEM-004', 'ProSecure STM600 with a name suffix', { ref: 'stm600-firmware', name: 'prosecure-stm600-firmware', type: 'firmware', supplier: 'NETGEAR, Inc.' }),
  pos('KL-ENT-008', 'German subsidiary Kaspersky Labs GmbH as supplier', { ref: 'de-agent', name: 'de-agent', version: '1.0.0-1', purl: 'pkg:deb/debian/de-agent@1.0.0-1?arch=amd64', supplier: 'Kaspersky Labs GmbH', via: ['supplier'] }),
  pos('KL-ENT-002', 'Kaspersky Labs Limited in a copyright line only', { ref: 'uk-holding-lib', name: 'holding-lib', version: '1.0', purl: 'pkg:generic/holding-lib@1.0', copyright: '© 2023 Kaspersky Labs Limited', via: ['copyright'] }),
  pos('KL-PRD-003', 'product code KSC as the whole name, with a Kaspersky supplier', { ref: 'ksc-code', name: 'KSC', version: '14.2', supplier: 'AO Kaspersky Lab', via: ['supplier'] }),
  pos('KL-SDK-001', 'product code "KAV SDK" with a Kaspersky homepage', { ref: 'kav-sdk-host', name: 'KAV SDK', version: '8.9.2.595', homepage: 'https://support.kaspersky.com/ScanEngine/1.0/en-US/179679.htm', via: ['homepage'] }),
  pos('KL-PRD-020', 'certificate issued by a Kaspersky CA (issuer O=AO Kaspersky Lab)', { ref: 'kl-issued-cert', name: 'CN=proxy.acme.example, O=AO Kaspersky Lab', type: 'cryptographic-asset' }),
  // --- nested: a vendor appliance that carries KESL inside (the child is flagged, the parent is not)
  pos('KL-PRD-001', 'nested inside a vendor appliance component (rpm kesl)', { ref: 'nested-kesl', name: 'kesl', version: '11.4.0-5099', purl: 'pkg:rpm/redhat/kesl@11.4.0-5099?arch=x86_64', parent: 'mail-appliance' }),
];

const NEGATIVES = [
  // npm look-alikes (npm.tsv)
  neg('npm: kaspa (cryptocurrency)', { ref: 'n-kaspa-wasm', name: 'kaspa-wasm', version: '0.13.0', purl: 'pkg:npm/kaspa-wasm@0.13.0', description: 'KASPA WASM bindings' }),
  neg('npm: kaspa (cryptocurrency)', { ref: 'n-kaspa-core-lib', group: '@kaspa', name: 'core-lib', version: '1.6.5', purl: 'pkg:npm/%40kaspa/core-lib@1.6.5', description: 'JavaScript Kaspa library.' }),
  neg('npm: kaspa (cryptocurrency)', { ref: 'n-dfns-kaspa-wasm', group: '@dfns', name: 'kaspa-wasm', version: '0.14.1', purl: 'pkg:npm/%40dfns/kaspa-wasm@0.14.1', description: 'KASPA WASM bindings' }),
  neg('npm: kaspa (cryptocurrency)', { ref: 'n-onekeyfe-kaspa-wasm', group: '@onekeyfe', name: 'kaspa-wasm', version: '1.0.2', purl: 'pkg:npm/%40onekeyfe/kaspa-wasm@1.0.2', description: 'KASPA WASM bindings' }),
  neg('npm: kaspa (cryptocurrency)', { ref: 'n-ledgerhq-hw-app-kaspa', group: '@ledgerhq', name: 'hw-app-kaspa', version: '1.7.7', purl: 'pkg:npm/%40ledgerhq/hw-app-kaspa@1.7.7' }),
  neg('npm: kaspa (cryptocurrency)', { ref: 'n-okxweb3-coin-kaspa', group: '@okxweb3', name: 'coin-kaspa', version: '1.1.0', purl: 'pkg:npm/%40okxweb3/coin-kaspa@1.1.0', description: 'A Kaspa SDK for building Web3 wallets and applications.' }),
  neg('npm: kasper prefix (scope @kaspernj)', { ref: 'n-kaspernj-api-maker', group: '@kaspernj', name: 'api-maker', version: '1.0.2110', purl: 'pkg:npm/%40kaspernj/api-maker@1.0.2110', description: 'My new module' }),
  neg('npm: casper family', { ref: 'n-casperjs', name: 'casperjs', version: '1.1.4', purl: 'pkg:npm/casperjs@1.1.4', description: 'A navigation scripting & testing utility for PhantomJS and SlimerJS' }),
  neg('npm: casper family', { ref: 'n-casper-js-sdk', name: 'casper-js-sdk', version: '5.0.12', purl: 'pkg:npm/casper-js-sdk@5.0.12', description: 'SDK to interact with the Casper blockchain' }),
  neg('npm: casper family', { ref: 'n-casper', name: 'casper', version: '0.1.1', purl: 'pkg:npm/casper@0.1.1', description: 'Helpers and handlers for building APIs in express.' }),
  neg('npm: casper family', { ref: 'n-zondax-ledger-casper', group: '@zondax', name: 'ledger-casper', version: '2.7.0', purl: 'pkg:npm/%40zondax/ledger-casper@2.7.0' }),
  neg('npm: KAV abbreviation (kava test runner)', { ref: 'n-kava', name: 'kava', version: '7.9.0', purl: 'pkg:npm/kava@7.9.0', description: 'Kava has been powering accurate test suites for Node.js and Web Browsers since 2012.' }),
  neg('npm: KAV prefix (kavenegar SMS SDK)', { ref: 'n-kavenegar', name: 'kavenegar', version: '2.0.2', purl: 'pkg:npm/kavenegar@2.0.2', description: 'Kavenegar Nodejs SDk' }),
  neg('npm: KUMA (Kuma UI CSS-in-JS)', { ref: 'n-kuma-ui-core', group: '@kuma-ui', name: 'core', version: '1.6.4', purl: 'pkg:npm/%40kuma-ui/core@1.6.4' }),
  neg('npm: KlAk (jp.keijiro.klak.*)', { ref: 'n-klak-hap', name: 'jp.keijiro.klak.hap', version: '1.0.0', purl: 'pkg:npm/jp.keijiro.klak.hap@1.0.0', description: 'HAP video player' }),
  // PyPI look-alikes (pypi.tsv)
  neg('PyPI: kasper prefix', { ref: 'p-kasper', name: 'kasper', version: '0.1.1', purl: 'pkg:pypi/kasper@0.1.1' }),
  neg('PyPI: kasper prefix', { ref: 'p-kasper-cache', name: 'kasper-cache', version: '0.1.0', purl: 'pkg:pypi/kasper-cache@0.1.0' }),
  neg('PyPI: kasper prefix', { ref: 'p-kasperdb', name: 'kasperdb', version: '1.7.2', purl: 'pkg:pypi/kasperdb@1.7.2' }),
  neg('PyPI: kasper prefix', { ref: 'p-kasperl', name: 'kasperl', version: '0.0.3', purl: 'pkg:pypi/kasperl@0.0.3' }),
  neg('PyPI: "kaspers" substring (BBC micro:bit)', { ref: 'p-kaspersmicrobit', name: 'kaspersmicrobit', version: '0.7.0', purl: 'pkg:pypi/kaspersmicrobit@0.7.0' }),
  neg('PyPI: kaspa (cryptocurrency)', { ref: 'p-kaspa', name: 'kaspa', version: '2.1.0', purl: 'pkg:pypi/kaspa@2.1.0' }),
  neg('PyPI: kaspa (cryptocurrency)', { ref: 'p-kaspy', name: 'kaspy', version: '0.0.13', purl: 'pkg:pypi/kaspy@0.0.13' }),
  neg('PyPI: kaspa (cryptocurrency)', { ref: 'p-kaspad-client', name: 'kaspad-client', version: '1.0.6', purl: 'pkg:pypi/kaspad-client@1.0.6' }),
  neg('PyPI: kasp prefix', { ref: 'p-kaspian', name: 'kaspian', version: '0.0.1', purl: 'pkg:pypi/kaspian@0.0.1' }),
  neg('PyPI: kasp prefix (KASP genotyping)', { ref: 'p-kaspioneer', name: 'kaspioneer', version: '1.0.0', purl: 'pkg:pypi/kaspioneer@1.0.0' }),
  neg('PyPI: kaspi (Kaspi.kz)', { ref: 'p-kaspi-offers-py', name: 'kaspi-offers-py', version: '0.2.2', purl: 'pkg:pypi/kaspi-offers-py@0.2.2' }),
  neg('PyPI: casper family', { ref: 'p-casperlabs-client', name: 'casperlabs-client', version: '0.20.3', purl: 'pkg:pypi/casperlabs-client@0.20.3' }),
  neg('PyPI: casper family', { ref: 'p-casperfpga', name: 'casperfpga', version: '0.1.3', purl: 'pkg:pypi/casperfpga@0.1.3' }),
  neg('PyPI: KICS abbreviation', { ref: 'p-kics', name: 'kics', version: '3.8.1', purl: 'pkg:pypi/kics@3.8.1' }),
  neg('PyPI: KATA abbreviation', { ref: 'p-kata', name: 'kata', version: '1.1.0', purl: 'pkg:pypi/kata@1.1.0' }),
  neg('PyPI: KSC abbreviation', { ref: 'p-ksc', name: 'ksc', version: '1.4', purl: 'pkg:pypi/ksc@1.4' }),
  neg('PyPI: KTS abbreviation', { ref: 'p-kts', name: 'kts', version: '0.4.0', purl: 'pkg:pypi/kts@0.4.0' }),
  neg('PyPI: KPM abbreviation', { ref: 'p-kpm', name: 'kpm', version: '0.25.0', purl: 'pkg:pypi/kpm@0.25.0' }),
  neg('PyPI: KSOS abbreviation', { ref: 'p-ksos', name: 'ksos', version: '4.12.1', purl: 'pkg:pypi/ksos@4.12.1' }),
  neg('PyPI: KIS abbreviation', { ref: 'p-kis', name: 'kis', version: '0.10.0', purl: 'pkg:pypi/kis@0.10.0' }),
  neg('PyPI: kl prefix (keylogger)', { ref: 'p-kl', name: 'kl', version: '4.0.2', purl: 'pkg:pypi/kl@4.0.2' }),
  neg('PyPI: AVP abbreviation', { ref: 'p-avp', name: 'avp', version: '0.6.2', purl: 'pkg:pypi/avp@0.6.2' }),
  neg('PyPI: klara (not KasperskyLab/klara)', { ref: 'p-klara', name: 'klara', version: '0.6.3', purl: 'pkg:pypi/klara@0.6.3' }),
  neg('PyPI: klak (not KlAkOAPI)', { ref: 'p-klak', name: 'klak', version: '0.4.3', purl: 'pkg:pypi/klak@0.4.3' }),
  neg('PyPI: knp-utils (Japanese parser KNP)', { ref: 'p-knp-utils', name: 'knp-utils', version: '0.42', purl: 'pkg:pypi/knp-utils@0.42' }),
  neg('PyPI: KES abbreviation', { ref: 'p-kes-rhdhv', name: 'kes-rhdhv', version: '1.dev14', purl: 'pkg:pypi/kes-rhdhv@1.dev14' }),
  neg('PyPI: kess (the name of a Kaspersky deb, on PyPI)', { ref: 'p-kess', name: 'kess', version: '0.14.0', purl: 'pkg:pypi/kess@0.14.0' }),
  neg('PyPI: KAV prefix', { ref: 'p-kav-distributions', name: 'kav-distributions', version: '1', purl: 'pkg:pypi/kav-distributions@1' }),
  neg('PyPI: KAV prefix', { ref: 'p-kava-privacy', name: 'kava-privacy', version: '1.0.0', purl: 'pkg:pypi/kava-privacy@1.0.0' }),
  neg('PyPI: KSN abbreviation', { ref: 'p-ksns', name: 'ksns', version: '0.0.5', purl: 'pkg:pypi/ksns@0.0.5' }),
  neg('PyPI: KSC prefix', { ref: 'p-kscanner', name: 'kscanner', version: '1.0.0', purl: 'pkg:pypi/kscanner@1.0.0' }),
  neg('PyPI: KUMA (Uptime Kuma)', { ref: 'p-kuma-scout', name: 'kuma-scout', version: '0.2.1', purl: 'pkg:pypi/kuma-scout@0.2.1' }),
  neg('PyPI: KUMA (Uptime Kuma)', { ref: 'p-kumacli', name: 'kumacli', version: '0.1.0', purl: 'pkg:pypi/kumacli@0.1.0' }),
  neg('PyPI: kas (bitbake setup tool)', { ref: 'p-kas', name: 'kas', version: '5.5', purl: 'pkg:pypi/kas@5.5' }),
  // tools that only mention Kaspersky
  neg('mentions Kaspersky OpenTIP in its description only', { ref: 'p-ioc-triage', name: 'ioc-triage', version: '0.3.2', purl: 'pkg:pypi/ioc-triage@0.3.2', description: 'Bulk IOC triage CLI: VirusTotal, AbuseIPDB, Kaspersky OpenTIP, URLhaus, ThreatFox, MalwareBazaar' }),
  neg('mentions Kaspersky Password Manager in its description only', { ref: 'p-kpm-treatment', name: 'kpm-treatment', version: '0.2.0', purl: 'pkg:pypi/kpm-treatment@0.2.0', description: 'Kaspersky Password Manager (KPM) treatment tooling' }),
  neg('mentions Kaspersky password manager exports in its description only', { ref: 'p-password-converter', name: 'password-converter', version: '0.3.0', purl: 'pkg:pypi/password-converter@0.3.0', description: 'Convert Kaspersky password manager exports to Apple Password format' }),
  neg('mentions Kaspr, not Kaspersky', { ref: 'p-midstream-platform', name: 'midstream-platform', version: '1.0.0rc3', purl: 'pkg:pypi/midstream-platform@1.0.0rc3', description: 'Midstream: a streaming platform on Kaspr that materializes Kafka topics into Iceberg' }),
  neg('Kaspersky named as a detector in a description (in-house rules)', { ref: 'acme-yara-rules', name: 'acme-yara-rules', version: '2026.10', purl: 'pkg:generic/acme-yara-rules@2026.10', description: 'YARA rules; each rule records the detection names of other engines (Kaspersky, ESET, Microsoft) for the same sample' }),
  neg('Kaspersky named as the CVE assigner in a description (in-house patch)', { ref: 'acme-cve-backports', name: 'acme-cve-backports', version: '1.4.0', purl: 'pkg:generic/acme-cve-backports@1.4.0', description: 'Backports of upstream fixes ("stable" & <lts> branches); the record of CVE-2022-27534 was assigned by the Kaspersky CNA (vulnerability@kaspersky.com)' }),
  // names that contain "kaspersky" but are not Kaspersky
  neg('GitHub user KasperSkytte (contains "kaspersky"), author Kasper Skytte Andersen', { ref: 'g-ampvis2', name: 'ampvis2', purl: 'pkg:github/kasperskytte/ampvis2', author: 'Kasper Skytte Andersen', vcs: 'git+https://github.com/KasperSkytte/ampvis2.git' }),
  neg('Docker image of user kasperskytte', { ref: 'd-kaspbeerypi', group: 'kasperskytte', name: 'kaspbeerypi', type: 'container', purl: 'pkg:docker/kasperskytte/kaspbeerypi' }),
  neg('GitHub Financial-Times/ft-kaspersky (sponsored microsite)', { ref: 'g-ft-kaspersky', name: 'ft-kaspersky', purl: 'pkg:github/financial-times/ft-kaspersky', vcs: 'https://github.com/Financial-Times/ft-kaspersky' }),
  neg('GitHub user "kaspersky" (game-engine code, not Kaspersky Lab)', { ref: 'g-gengine', name: 'gengine', purl: 'pkg:github/kaspersky/gengine', vcs: 'https://github.com/kaspersky/gengine' }),
  // product abbreviations where a second signal is missing
  neg('distribution shim (not KasperskyLab/shim)', { ref: 'deb-shim', name: 'shim', purl: 'pkg:deb/debian/shim?arch=amd64', description: 'boot loader to chain-load signed boot loaders under Secure Boot' }),
  neg('Netgear ProSecure UTM line (Kaspersky technology was in the STM line, not the UTM line)', { ref: 'prosecure-utm10', name: 'netgear-prosecure-utm10', type: 'firmware', purl: 'pkg:generic/netgear-prosecure-utm10', supplier: 'NETGEAR, Inc.' }),
  neg('Junos before the Kaspersky era (8.5R1)', { ref: 'junos-8', name: 'junos', version: '8.5R1', purl: 'pkg:generic/junos@8.5R1', supplier: 'Juniper Networks' }),
  neg('Junos CPE after the Kaspersky era (21.4R3)', { ref: 'junos-cpe-21', name: 'core-router-os', version: '21.4R3', type: 'firmware', cpe: 'cpe:2.3:o:juniper:junos:21.4:r3:*:*:*:*:*:*' }),
  neg('ZyNOS 3.x, before the Kaspersky era', { ref: 'zynos-3', name: 'zynos', version: '3.90', purl: 'pkg:generic/zynos@3.90' }),
  neg('product code KUMA without a second signal (Uptime Kuma)', { ref: 'kuma-uptime', name: 'KUMA', version: '1.23.0', supplier: 'Uptime Kuma' }),
  neg('NuGet id whose first segment only starts with "kaspersky"', { ref: 'nuget-kasperskytte', name: 'Kasperskytte.Tools', version: '1.0.0', purl: 'pkg:nuget/Kasperskytte.Tools@1.0.0' }),
  neg('OCI image of the ClamAV replacement', { ref: 'oci-clamav', name: 'clamav', version: '1.4', type: 'container', purl: 'pkg:oci/clamav@sha256%3A5e6f7a8b?repository_url=docker.io%2Fclamav%2Fclamav' }),
  neg('Junos after the move to Sophos and Avira engines (21.4)', { ref: 'junos-21', name: 'junos', version: '21.4R3', purl: 'pkg:generic/junos@21.4R3', supplier: 'Juniper Networks', description: 'Junos OS for SRX Series' }),
];

/** A vendor appliance that carries a Kaspersky package inside (nested), itself clean. */
const APPLIANCE = neg('vendor appliance carrying a nested Kaspersky package (the parent itself is clean)', {
  ref: 'mail-appliance',
  name: 'acme-mail-appliance',
  version: '4.2.0',
  type: 'firmware',
  purl: 'pkg:generic/acme-mail-appliance@4.2.0',
  supplier: 'Acme Gateways Inc.',
});

function assemble() {
  const nested = POSITIVES.filter((c) => c.parent);
  const top = [...POSITIVES.filter((c) => !c.parent), { ...APPLIANCE, components: nested.map(({ parent: _parent, ...c }) => c) }, ...NEGATIVES];
  return top;
}

const COMPONENTS = assemble();

const SERVICES = [
  { ref: 'svc-ksn', name: 'KSN URL reputation', provider: 'AO Kaspersky Lab', endpoints: ['https://ksn-url-geo.kaspersky-labs.com/'], description: 'URL reputation look-ups', label: { expect: 'KL-NET-001', disguise: 'service endpoint: KSN' } },
  { ref: 'svc-updates', name: 'signature updates', provider: 'Acme Gateways Inc.', endpoints: ['https://ds.kaspersky.com/', 'http://dnl-03.geo.kaspersky.com/'], description: 'Anti-virus base updates for the scanning container', label: { expect: 'KL-NET-002', disguise: 'service endpoint: update servers, non-Kaspersky provider' } },
  { ref: 'svc-activation', name: 'licence activation', provider: 'Acme Gateways Inc.', endpoints: ['https://activation-v2.kaspersky.com/'], description: 'Licence key activation', label: { expect: 'KL-NET-004', disguise: 'service endpoint: activation host' } },
  { ref: 'svc-opentip', name: 'hash look-ups', provider: 'Acme Gateways Inc.', endpoints: ['https://opentip.kaspersky.com/api/v1/search/hash'], description: 'Threat-intelligence hash look-ups', label: { expect: 'KL-API-001', disguise: 'service endpoint: OpenTIP (threat intelligence, review)' } },
  { ref: 'svc-taxii', name: 'threat data feeds', provider: 'Acme Gateways Inc.', endpoints: ['https://taxii.tip.kaspersky.com/v2'], description: 'TAXII 2.1 collection of indicators', label: { expect: 'KL-API-002', disguise: 'service endpoint: TIP TAXII (threat intelligence, review)' } },
  { ref: 'svc-virustotal', name: 'VirusTotal file reports', provider: 'VirusTotal', endpoints: ['https://www.virustotal.com/api/v3/files'], description: 'File reports aggregating many engines, Kaspersky among them', label: { expect: 'clean', disguise: 'service of another vendor that mentions Kaspersky' } },
  { ref: 'svc-urlhaus', name: 'URLhaus look-ups', provider: 'abuse.ch', endpoints: ['https://urlhaus-api.abuse.ch/v1/url/'], description: 'Malware URL look-ups', label: { expect: 'clean', disguise: 'threat-intelligence service of another vendor' } },
];

/** The evaluation suite in the writers' model shape (labels stripped by the writers, which ignore unknown keys). */
export const EVAL_MODEL = {
  app: APP,
  components: COMPONENTS,
  direct: COMPONENTS.map((c) => c.ref),
  services: SERVICES,
  created: '2026-11-21T08:00:00Z',
  serial: 'urn:uuid:6b1f3c2e-8d4a-4f5e-9c7b-2a1d0e9f8c3b',
  namespace: 'https://sbom.acme.example/spdx/acme-eval-gateway-1.0.0',
};

/** The labels file: what each component and service must be flagged as (rule id) or `clean`, and where it is absent. */
export function evalLabels() {
  const formats = OUTPUTS.map((o) => o.format);
  const components = flatten(COMPONENTS).map(({ c, parent }) => {
    const absent = {};
    for (const f of formats) {
      const why = unsupported(f, c) ?? (parent && unsupported(f, parent));
      if (why) absent[f] = why;
    }
    const names = [...new Set([cyclonedxName(c), qualifiedName(c)])];
    return {
      ref: c.ref,
      names,
      ...(c.purl && { purl: c.purl }),
      expect: c.label.expect,
      disguise: c.label.disguise,
      ...(parent && { nestedIn: parent.ref }),
      ...(c.label.knownGap && { knownGap: c.label.knownGap }),
      ...(Object.keys(absent).length > 0 && { absentFrom: absent }),
    };
  });
  const services = SERVICES.map((s) => ({
    ref: s.ref,
    names: [s.name],
    expect: s.label.expect,
    disguise: s.label.disguise,
    absentFrom: Object.fromEntries(formats.filter((f) => !CAPABILITIES[f].services).map((f) => [f, `${f} has no services`])),
  }));
  return {
    description: 'Labels of the ictscan evaluation suite: for every component and service of eval-suite.*, the rule id that must flag it at the default confidence, or "clean". Generated by scripts/make-samples.mjs from scripts/eval-suite.mjs.',
    files: Object.fromEntries(OUTPUTS.map((o) => [o.format, `eval-suite.${o.suffix}`])),
    components,
    services,
  };
}
