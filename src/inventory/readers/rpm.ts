// RPM: `rpm -qa` (NAME-VERSION-RELEASE[.ARCH], optionally followed by --qf columns such as the install time) and `rpm -qai`.
import type { InventoryReader } from '../reader.js';
import { headLines, splitLines } from '../reader.js';
import type { InventoryItem, RowError } from '../types.js';

const ARCHES = 'noarch|x86_64|i[3-6]86|aarch64|arm64|armv7hl|armv7l|armhfp|ppc64le|ppc64|ppc|s390x|s390|src|nosrc|riscv64|ia64|alpha|sparc64';
const NEVRA = new RegExp(`^([^\\s]+?)-((?:\\d+:)?[^-\\s]+)-([^-\\s]+?)(?:\\.(${ARCHES}))?(?:\\s+(.*))?$`);

function rpmPurl(name: string, version: string, release: string, arch: string | undefined): string {
  return `pkg:rpm/${encodeURIComponent(name)}@${encodeURIComponent(`${version}-${release}`)}${arch ? `?arch=${arch}` : ''}`;
}

export const rpmList: InventoryReader = {
  format: 'rpm-list',
  description: 'rpm -qa or rpm -qai output',
  detect(input) {
    const lines = headLines(input.text, 12);
    if (lines.length === 0) return undefined;
    if (/^Name\s+:\s*\S/.test(lines[0] ?? '') && lines.some((l) => /^Version\s+:/.test(l))) return { specVersion: 'rpm -qai' };
    const hits = lines.filter((l) => NEVRA.test(l.trim())).length;
    // A shell error before the list is tolerated (and reported); most lines must be packages.
    return hits >= Math.max(1, lines.length - 1) && !/^[{[<]/.test(lines[0] ?? '') ? { specVersion: 'rpm -qa' } : undefined;
  },
  read(input, detection) {
    const items: InventoryItem[] = [];
    const errors: RowError[] = [];
    const lines = splitLines(input.text);
    if (detection.specVersion === 'rpm -qai') {
      let f = new Map<string, string>();
      let at = 0;
      let inDescription = false;
      const flush = () => {
        const name = f.get('name');
        if (name) {
          const version = f.get('version') ?? '';
          const release = f.get('release') ?? '';
          const arch = f.get('architecture');
          items.push({ kind: 'package', name, version: release ? `${version}-${release}` : version, publisher: f.get('vendor'), texts: [f.get('summary') ?? '', f.get('packager') ?? ''], purl: rpmPurl(name, version, release, arch), line: at });
        }
        f = new Map();
      };
      lines.forEach((line, i) => {
        const m = /^([A-Z][A-Za-z ]*?)\s*:\s?(.*)$/.exec(line);
        // Each package starts with its Name line, also right after the previous package's free-text Description.
        if (m?.[1] === 'Name' && /^Name\s+:/.test(line)) {
          flush();
          at = i + 1;
          inDescription = false;
        }
        if (m?.[1] === 'Description') inDescription = true;
        if (m && !inDescription && m[1]) f.set(m[1].toLowerCase(), (m[2] ?? '').replace(/\s{2,}\S+\s*:.*$/, '').trim());
      });
      flush();
      return { hosts: [{ name: undefined, platform: 'linux', items }], errors, warnings: [], specVersion: 'rpm -qai' };
    }
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      const m = NEVRA.exec(line);
      if (!m?.[1] || !m[2] || !m[3]) {
        errors.push({ line: i + 1, message: `not a NAME-VERSION-RELEASE[.ARCH] line: ${JSON.stringify(line.slice(0, 60))}` });
        return;
      }
      items.push({ kind: 'package', name: m[1], version: `${m[2]}-${m[3]}`, ...(m[5] ? { texts: [m[5]] } : {}), purl: rpmPurl(m[1], m[2], m[3], m[4]), line: i + 1 });
    });
    return { hosts: [{ name: undefined, platform: 'linux', items }], errors, warnings: [], specVersion: 'rpm -qa' };
  },
};
