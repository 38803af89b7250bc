// Alpine: the installed database (/lib/apk/db/installed) and `apk info -v`.
import type { InventoryReader } from '../reader.js';
import { headLines, nameAndEmail, splitLines } from '../reader.js';
import type { InventoryItem, RowError } from '../types.js';

const INFO_LINE = /^([a-z0-9][a-z0-9._+-]*?)-(\d[^-\s]*-r\d+)$/i;

function apkPurl(name: string, version: string | undefined, arch: string | undefined): string {
  return `pkg:apk/alpine/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}${arch ? `?arch=${arch}` : ''}`;
}

export const apkInstalled: InventoryReader = {
  format: 'apk-installed',
  description: 'apk installed database (/lib/apk/db/installed) or apk info -v output',
  detect(input) {
    const lines = headLines(input.text, 8);
    if (lines.length === 0) return undefined;
    if (/^[CP]:\S/.test(lines[0] ?? '') && lines.some((l) => l.startsWith('P:')) && lines.some((l) => l.startsWith('V:'))) return { specVersion: 'apk db' };
    return lines.every((l) => INFO_LINE.test(l.trim())) ? { specVersion: 'apk info -v' } : undefined;
  },
  read(input, detection) {
    const items: InventoryItem[] = [];
    const errors: RowError[] = [];
    const lines = splitLines(input.text);
    if (detection.specVersion === 'apk info -v') {
      lines.forEach((raw, i) => {
        const line = raw.trim();
        if (line === '') return;
        const m = INFO_LINE.exec(line);
        if (!m?.[1]) errors.push({ line: i + 1, message: `not a NAME-VERSION-rN line: ${JSON.stringify(line.slice(0, 60))}` });
        else items.push({ kind: 'package', name: m[1], version: m[2], purl: apkPurl(m[1], m[2], undefined), line: i + 1 });
      });
    } else {
      let f = new Map<string, string>();
      let at = 1;
      const flush = () => {
        const name = f.get('P');
        if (name) {
          const m = nameAndEmail(f.get('m'));
          items.push({ kind: 'package', name, version: f.get('V'), publisher: m.name, publisherEmail: m.email, identifiers: f.get('o') ? [f.get('o') ?? ''] : [], texts: [f.get('T') ?? '', f.get('U') ?? ''], purl: apkPurl(name, f.get('V'), f.get('A')), line: at });
        }
        f = new Map();
      };
      lines.forEach((line, i) => {
        if (line.trim() === '') {
          flush();
          at = i + 2;
          return;
        }
        const key = line.slice(0, 1);
        if (line[1] === ':' && !f.has(key)) f.set(key, line.slice(2));
      });
      flush();
    }
    return { hosts: [{ name: undefined, platform: 'linux', items }], errors, warnings: [], specVersion: detection.specVersion };
  },
};
