// The items of ../shared/research/kaspersky-facts.md that a rule can test, each as the component it describes.
// `ictscan rules coverage` runs the rules on each: the rule and condition that flags it, or "uncovered".
import type { ComponentDraft } from '../sbom/builder.js';

/** One item of the fact sheet: where it is, what it says, and a component carrying it (or none: a rule cannot see it). */
export interface FactItem {
  readonly section: string;
  readonly item: string;
  /** The component that carries the item; omitted for facts no SBOM field can carry (a registry key, a port). */
  readonly probe?: Omit<ComponentDraft, 'ref'>;
  /** `clean`: a decoy or replacement product of the sheet, which no rule may flag. Default: it must be flagged. */
  readonly expect?: 'clean';
}

const supplier = (name: string): Omit<ComponentDraft, 'ref'> => ({ name: 'generic-component', parties: [{ role: 'supplier', name }] });
const named = (name: string, extra: Partial<Omit<ComponentDraft, 'ref' | 'name'>> = {}): Omit<ComponentDraft, 'ref'> => ({ name, ...extra });
const purl = (p: string, name = decodeURIComponent(p.replace(/@[^@/]*$/, '').split('/').pop() ?? p)): Omit<ComponentDraft, 'ref'> => ({ name, purl: p });
const url = (u: string): Omit<ComponentDraft, 'ref'> => ({ name: 'generic-component', externalRefs: [{ type: 'website', url: u }] });
const cpe = (c: string): Omit<ComponentDraft, 'ref'> => ({ name: 'generic-component', cpes: [c] });
const withSupplier = (name: string, party = 'AO Kaspersky Lab'): Omit<ComponentDraft, 'ref'> => ({ name, parties: [{ role: 'supplier', name: party }] });

const ENTITIES = ['AO Kaspersky Lab', 'Kaspersky Lab AO', 'Kaspersky Lab ZAO', 'Kaspersky Lab Ltd', 'Kaspersky Lab JSC', 'Kaspersky Lab, Inc.', 'Kaspersky Labs Limited', 'OOO Kaspersky Group', 'Kaspersky Group LLC', 'Kaspersky Lab Switzerland GmbH', 'Kaspersky Labs GmbH', 'Kaspersky', 'Kaspersky Lab', 'KasperskyLab', 'Лаборатория Касперского'];
const CA_SUBJECTS = ['Kaspersky Anti-Virus Personal Root Certificate', 'Kaspersky Web Anti-Virus Certification Authority', 'Kaspersky Endpoint Security Personal Certification Authority'];
const DRIVERS = ['klif.sys', 'klhk.sys', 'klflt.sys', 'klids.sys', 'klbackupflt.sys', 'kldisk.sys', 'klgse.sys', 'klkbdflt.sys', 'klmouflt.sys', 'klpd.sys', 'klpnpflt.sys', 'klwtp.sys', 'kl1.sys', 'klam.sys'];
const CPES = ['cpe:2.3:a:kaspersky:anti-virus', 'cpe:2.3:a:kaspersky:endpoint_security', 'cpe:2.3:a:kaspersky:internet_security', 'cpe:2.3:a:kaspersky:total_security', 'cpe:2.3:a:kaspersky:security_cloud', 'cpe:2.3:a:kaspersky:small_office_security', 'cpe:2.3:a:kaspersky:vpn_secure_connection', 'cpe:2.3:a:kaspersky:antivirus_engine', 'cpe:2.3:a:kaspersky:password_manager', 'cpe:2.3:a:kaspersky:anti-virus_for_linux_server', 'cpe:2.3:a:kaspersky:secure_mail_gateway', 'cpe:/a:kaspersky_lab:kaspersky_anti-virus', 'cpe:/a:kaspersky_lab:kaspersky_anti-spam', 'cpe:/a:kaspersky_lab:kaspersky_internet_security', 'cpe:/a:kaspersky:total_security_2016', 'cpe:/a:kaspersky:passwordmanager'];
const HOSTS = ['kaspersky.com', 'kaspersky-labs.com', 'kaspersky.ru', 'kaspersky.co.uk', 'kaspersky.de', 'kaspersky.com.br', 'kaspersky.co.jp', 'kaspersky-lab.com', 'kasperskycontent.com', 'kasperskyapi.com', 'kasperskyupdate.com', 'kasperskylabs.net', 'kas.pr', 'securelist.com', 'os.kaspersky.com', 'click.kaspersky.com', 'support.kaspersky.com', 'forum.kaspersky.com'];
const SERVICE_HOSTS = ['ksn-info-geo.kaspersky-labs.com', 'ksn-url-geo.kaspersky-labs.com', 'ksn-dc1.geoksn.kaspersky.com', 'dc1.ksn.kaspersky-labs.com', 'mdr.ksn.kaspersky-labs.com', 'ds.kaspersky.com', 'dnl-01.geo.kaspersky.com', 'p05.upd.kaspersky.com', 's12.upd.kaspersky.com', 'edge.geo.kaspersky.com', 'activation-v2.kaspersky.com', 'activation-v2.geo.kaspersky.com', 'crl.kaspersky.com', 'opentip.kaspersky.com', 'tip.kaspersky.com', 'taxii.tip.kaspersky.com', 'products.s.kaspersky-labs.com', 'aes.kaspersky-labs.com', 'aes.s.kaspersky-labs.com', 'devbuilds.s.kaspersky-labs.com'];
const ABBREVIATIONS = ['KAV', 'KIS', 'KTS', 'KSOS', 'KES', 'KESL', 'KESS', 'KSC', 'KSN', 'KPSN', 'KSE', 'KSMG', 'KLMS', 'KWTS', 'KATA', 'KEDR', 'KUMA', 'KICS', 'KPM', 'KVRT', 'KISG', 'KOS', 'KCE', 'AVP'];

export const FACT_ITEMS: readonly FactItem[] = [
  ...ENTITIES.map((e): FactItem => ({ section: '2 entities', item: `supplier "${e}"`, probe: supplier(e) })),
  ...ENTITIES.map((e): FactItem => ({ section: '2 entities', item: `copyright "${e}"`, probe: { name: 'generic-component', parties: [{ role: 'copyright', name: `Copyright (c) 2024 ${e}` }] } })),
  { section: '2 entities', item: 'author e-mail @kaspersky.com', probe: { name: 'generic-component', parties: [{ role: 'author', name: 'Someone', email: 'someone@kaspersky.com' }] } },
  ...HOSTS.map((h): FactItem => ({ section: '2 domains', item: h, probe: url(`https://${h}/`) })),
  ...CA_SUBJECTS.map((s): FactItem => ({ section: '2 certificates', item: s, probe: named(s, { type: 'cryptographic-asset' }) })),
  ...CA_SUBJECTS.map((s): FactItem => ({ section: '2 certificates', item: `CN=${s}, O=AO Kaspersky Lab`, probe: named(`CN=${s}, O=AO Kaspersky Lab, C=RU`, { type: 'cryptographic-asset' }) })),
  { section: '2 CVE', item: 'CNA orgId e45d732a-… (never a match alone)', expect: 'clean', probe: named('acme-patch', { description: 'fix for CVE-2022-27534, assigned by the Kaspersky CNA' }) },
  { section: '3.1 engines', item: 'KAV SDK (with "Kaspersky" in the description)', probe: named('KAV SDK', { description: 'Kaspersky Anti-Virus SDK' }) },
  { section: '3.1 engines', item: 'Kaspersky Anti-Virus Engine', probe: named('Kaspersky Anti-Virus Engine') },
  { section: '3.1 engines', item: 'KAV UNIX SDK 5.x', probe: named('KAV UNIX SDK') },
  { section: '3.1 engines', item: 'Kaspersky Update System for Unix', probe: named('Kaspersky Update System for Unix') },
  ...['kavehost.exe', 'kavhttpd', 'kavicapd', 'kavhttp_client.exe', 'klScanEngineUI', 'kavhttpd.service', 'kavebase', 'kaspersky_scanengine_httpd.tar'].map((f): FactItem => ({ section: '3.1 Scan Engine', item: f, probe: named(f, { type: 'file' }) })),
  { section: '3.1 Scan Engine', item: 'image kaspersky/scanengine_httpd', probe: purl('pkg:docker/kaspersky/scanengine_httpd@2.0.0.1157') },
  { section: '3.1 Scan Engine', item: 'image kaspersky/scanengine_icapd', probe: purl('pkg:docker/kaspersky/scanengine_icapd@2.0.0.1157') },
  { section: '3.1 engines', item: 'Kaspersky Mobile Security SDK', probe: named('Kaspersky Mobile Security SDK') },
  { section: '3.1 engines', item: 'Kaspersky Anti-Spam SDK', probe: named('Kaspersky Anti-Spam SDK') },
  ...['kesl', 'kesl-gui', 'klnagent', 'klnagent64', 'kess', 'kess-gui'].map((p): FactItem => ({ section: '3.2 packages', item: `rpm ${p}`, probe: purl(`pkg:rpm/redhat/${p}@1.0-1`) })),
  ...['kesl-control', 'kav4fs', 'kav4fs-control', 'kav4proxy', 'KlAkOAPI', 'kl_feed_util.conf', 'kl_feed_info.conf', 'KVRT.exe', 'keswin_11.10.0.399_en_aes256.exe', 'Kaspersky_CyberTrace-Linux-x86_64-4.2.0.rpm', 'kasperskyos-starterkit', 'kasperskyos-sdk-kisg-platform', 'KasperskyOS-Community-Edition-1.3.0'].map((f): FactItem => ({ section: '3.2 files', item: f, probe: named(f, { type: 'file' }) })),
  ...['Kaspersky Endpoint Security for Linux', 'Kaspersky Security Center', 'Kaspersky Security Center Network Agent', 'Kaspersky Embedded Systems Security', 'Kaspersky Anti-Virus for Linux File Server', 'Kaspersky Anti-Virus for Proxy Server', 'Kaspersky Anti-Virus for Check Point FireWall-1', 'Kaspersky Linux Mail Security', 'Kaspersky Secure Mail Gateway', 'Kaspersky Web Traffic Security', 'Kaspersky NGFW', 'Kaspersky Anti Targeted Attack Platform', 'Kaspersky KEDR', 'Kaspersky KUMA', 'Kaspersky CyberTrace', 'KasperskyOS', 'Kaspersky Anti-Virus', 'Kaspersky Internet Security', 'Kaspersky Total Security', 'Kaspersky Small Office Security', 'Kaspersky Security Cloud', 'Kaspersky Plus', 'Kaspersky Password Manager', 'Kaspersky VPN Secure Connection', 'Kaspersky Virus Removal Tool', 'Kaspersky Research Sandbox', 'Kaspersky Private Security Network', 'Kaspersky Threat Lookup', 'Kaspersky Industrial CyberSecurity', 'Kaspersky Sandbox'].map((n): FactItem => ({ section: '3 products', item: n, probe: named(n) })),
  { section: '3.2 shim', item: 'KasperskyLab/shim (shimx64.efi)', probe: purl('pkg:github/kasperskylab/shim@15') },
  ...DRIVERS.map((d): FactItem => ({ section: '3.2 Windows', item: d, probe: named(d, { type: 'file' }) })),
  { section: '3.2 Windows', item: 'avp.exe', probe: named('avp.exe', { type: 'file' }) },
  { section: '3.2 Windows', item: 'K4W-21-25 driver folder', probe: named('K4W-21-25', { type: 'file' }) },
  { section: '3.2 Windows', item: 'registry key HKLM\\SOFTWARE\\KasperskyLab (no SBOM field carries it)' },
  { section: '3.2 Windows', item: 'ProgramData\\Kaspersky Lab\\AVP11\\ (no SBOM field carries it)' },
  { section: '3.2 KSC', item: 'KSN proxy ports 13111/15111/17111 (no SBOM field carries them)' },
  ...SERVICE_HOSTS.map((h): FactItem => ({ section: '3.3 services', item: h, probe: { name: 'generic-service', kind: 'service', endpoints: [`https://${h}/`] } })),
  { section: '4.1 npm', item: '@kaspersky/hexa-ui', probe: purl('pkg:npm/%40kaspersky/hexa-ui@6.198.2', 'hexa-ui') },
  ...['opentip', 'triangle-check', 'opentip-mcp', 'kasperskytip', 'opentip-cli', 'pykumaapi', 'kuma-api'].map((p): FactItem => ({ section: '4.2 PyPI', item: p, probe: purl(`pkg:pypi/${p}@1.0`) })),
  ...['ioc-triage', 'kpm-treatment', 'password-converter'].map((p): FactItem => ({ section: '4.2 PyPI', item: `${p} (only mentions Kaspersky)`, expect: 'clean', probe: purl(`pkg:pypi/${p}@1.0`) })),
  { section: '4.2 PyPI', item: 'knp (author AO Kaspersky Lab)', probe: withSupplier('knp') },
  { section: '4.3 Maven', item: 'com.kaspersky.android-components:kaspresso', probe: purl('pkg:maven/com.kaspersky.android-components/kaspresso@1.5.3', 'kaspresso') },
  { section: '4.3 Maven', item: 'com.kaspersky.android-components:adb-server-device', probe: purl('pkg:maven/com.kaspersky.android-components/adb-server-device@1.0', 'adb-server-device') },
  { section: '4.4 Go', item: 'github.com/KasperskyLab/klogga', probe: purl('pkg:golang/github.com/KasperskyLab/klogga@v1.0.0', 'klogga') },
  { section: '4.4 NuGet', item: 'Kaspersky.CaptchaMixer', probe: purl('pkg:nuget/Kaspersky.CaptchaMixer@1.0.0-beta1') },
  { section: '4.4 NuGet', item: 'Kaspirin.UI.Framework', probe: named('Kaspirin.UI.Framework') },
  { section: '4.4 Docker', item: 'tabledevil/kaspersky', probe: purl('pkg:docker/tabledevil/kaspersky@latest', 'kaspersky') },
  ...['uif', 'klara', 'TinyCheck', 'hrtng', 'BuildMigrator', 'iShutdown', 'grpc-kos', 'protobuf-kos', 'boringssl-kos', 'abseil-cpp-kos', 'c-ares-kos', 'jwt-kos', 'rabbitmq-c-kos', 'kos-ce-extra', 'shim-review'].map((r): FactItem => ({ section: '4.5 GitHub', item: `KasperskyLab/${r}`, probe: url(`https://github.com/KasperskyLab/${r}`) })),
  ...CPES.map((c): FactItem => ({ section: '5 CPE', item: c, probe: cpe(c.startsWith('cpe:2.3:') ? `${c}:1.0:*:*:*:*:*:*:*` : `${c}:1.0`) })),
  { section: '6 OEM', item: 'Junos kaspersky-lab-engine', probe: named('kaspersky-lab-engine') },
  { section: '6 OEM', item: 'Junos 9.6R4 (CPE)', probe: cpe('cpe:2.3:o:juniper:junos:9.6:r4:*:*:*:*:*:*') },
  { section: '6 OEM', item: 'Junos 12.1X44-D10 (name)', probe: named('junos', { version: '12.1X44-D10' }) },
  { section: '6 OEM', item: 'ZyWALL UTM on ZyNOS 4.04', probe: named('ZyWALL 70 UTM', { version: '4.04' }) },
  { section: '6 OEM', item: 'ZyNOS 4.03 (CPE)', probe: cpe('cpe:/o:zyxel:zynos:4.03') },
  { section: '6 OEM', item: 'Netgear ProSecure STM600', probe: named('ProSecure STM600 firmware') },
  { section: '6 OEM', item: 'Forefront Security for Exchange (Kaspersky engine)', probe: named('Forefront Security for Exchange Server', { description: 'engines: Kaspersky, AhnLab' }) },
  { section: '6 OEM', item: 'F-Secure Anti-Virus with AVP', probe: named('F-Secure Anti-Virus', { description: 'F-Prot and AVP engines' }) },
  { section: '6 OEM', item: 'G Data AntiVirenKit', probe: named('G Data AntiVirenKit', { description: 'Kaspersky engine' }) },
  { section: '6 OEM', item: 'rspamd configured for Kaspersky', probe: named('rspamd', { description: 'antivirus module: Kaspersky Scan Engine' }) },
  { section: '6 OEM', item: 'Assemblyline service-kaspersky', probe: named('assemblyline-service-kaspersky') },
  { section: '6 OEM', item: 'IRMA KasperskyFileServer', probe: named('KasperskyFileServer') },
  { section: '6 OEM', item: 'Junos 18.4R1 (Avira era)', expect: 'clean', probe: named('junos', { version: '18.4R1' }) },
  { section: '6 OEM', item: 'Netgear ProSecure UTM10 (not the STM line)', expect: 'clean', probe: named('netgear-prosecure-utm10') },
  ...ABBREVIATIONS.map((a): FactItem => ({ section: '8(a) product codes', item: `${a} with a Kaspersky supplier`, probe: withSupplier(a, 'Kaspersky') })),
  ...ABBREVIATIONS.map((a): FactItem => ({ section: '8(a) product codes', item: `${a} alone (never enough)`, expect: 'clean', probe: named(a) })),
  { section: '8(a) licence', item: 'LicenseRef-Kaspersky-EULA', probe: { name: 'generic-component', licenses: [{ text: 'LicenseRef-Kaspersky-EULA', ids: ['LicenseRef-Kaspersky-EULA'], parsed: true }] } },
  ...['KasperSkytte/ampvis2', 'kaspersky/gengine', 'Kasperskyy/tool', 'AlanKaspersky/tool', 'Financial-Times/ft-kaspersky'].map((r): FactItem => ({ section: '8(b) decoys', item: `GitHub ${r}`, expect: 'clean', probe: purl(`pkg:github/${r}@1.0`) })),
  ...['kasper', 'kaspersmicrobit', 'kaspa', 'kaspian', 'casper', 'kics', 'kata', 'ksc', 'kts', 'kpm', 'ksos', 'kis', 'kl', 'avp', 'klara', 'knp-utils', 'kes-rhdhv', 'kav-distributions', 'ksns', 'kuma-scout', 'klak'].map((p): FactItem => ({ section: '8(b) decoys', item: `PyPI ${p}`, expect: 'clean', probe: purl(`pkg:pypi/${p}@1.0`) })),
  ...['@kaspernj/api-maker', 'kava', '@kuma-ui/core', 'casperjs'].map((p): FactItem => ({ section: '8(b) decoys', item: `npm ${p}`, expect: 'clean', probe: purl(`pkg:npm/${p.replace('@', '%40')}@1.0`) })),
  { section: '7 replacements', item: 'UltraAV (Pango Group)', expect: 'clean', probe: withSupplier('UltraAV', 'Pango Group') },
  { section: '7 replacements', item: 'ClamAV', expect: 'clean', probe: { ...purl('pkg:deb/debian/clamav@1.4.1'), cpes: ['cpe:/a:clamav:clamav:1.4.1'] } },
  { section: '7 replacements', item: 'clamav/clamav image', expect: 'clean', probe: purl('pkg:docker/clamav/clamav@1.4') },
  { section: '7 replacements', item: 'Defender for Endpoint (mdatp)', expect: 'clean', probe: purl('pkg:deb/ubuntu/mdatp@101.24.0') },
  { section: '7 replacements', item: 'Sophos Anti-Virus', expect: 'clean', probe: withSupplier('Sophos Anti-Virus', 'Sophos Ltd') },
  { section: '7 replacements', item: 'Avira engine', expect: 'clean', probe: withSupplier('avira-savapi', 'Avira Operations GmbH & Co. KG') },
];
