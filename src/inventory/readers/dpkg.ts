// Debian: /var/lib/dpkg/status, `dpkg -l` and `dpkg-query -W` output.
import type { InventoryReader } from '../reader.js';
import { headLines, nameAndEmail, splitLines } from '../reader.js';
import type { InventoryItem, RowError } from '../types.js';

function debPurl(name: string, version: string | undefined, arch: string | undefined): string {
  const q = arch ? `?arch=${encodeURIComponent(arch)}` : '';
  return `pkg:deb/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}${q}`;
}

export const dpkgStatus: InventoryReader = {
  format: 'dpkg-status',
  description: 'dpkg status database (/var/lib/dpkg/status)',
  detect(input) {
    if (input.head !== 'P') return undefined;
    const head = input.text.slice(0, 8192);
    return /^Package:[^\n]*(\r?\n|\r)/.test(head.trimStart()) && /(^|\n|\r)(Status|Version|Architecture):/.test(head) ? { specVersion: 'dpkg' } : undefined;
  },
  read(input) {
    const items: InventoryItem[] = [];
    const lines = splitLines(input.text);
    let fields = new Map<string, string>();
    let start = 0;
    let last: string | undefined;
    const flush = () => {
      const name = fields.get('package');
      if (name) {
        const version = fields.get('version');
        const arch = fields.get('architecture');
        const maint = nameAndEmail(fields.get('maintainer'));
        const status = fields.get('status');
        const desc = fields.get('description')?.split('\n')[0];
        items.push({
          kind: 'package',
          name,
          version,
          publisher: maint.name,
          publisherEmail: maint.email,
          identifiers: fields.get('source') ? [fields.get('source')?.split(' ')[0] ?? ''] : [],
          texts: [...(desc ? [desc] : []), ...(status && status !== 'install ok installed' ? [`dpkg status: ${status}`] : [])],
          purl: debPurl(name, version, arch),
          line: start + 1,
        });
      }
      fields = new Map();
      last = undefined;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') {
        flush();
        start = i + 1;
        continue;
      }
      if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
        fields.set(last, `${fields.get(last) ?? ''}\n${line.trim()}`);
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    flush();
    return { hosts: [{ name: undefined, platform: 'linux', items }], errors: [], warnings: [], specVersion: 'dpkg' };
  },
};

/** `dpkg -l`: a header, a `+++-===` rule giving the column widths, then one row per package. */
export const dpkgList: InventoryReader = {
  format: 'dpkg-list',
  description: 'dpkg -l or dpkg-query -W output',
  detect(input) {
    const head = input.text.slice(0, 4096);
    if (/^\+\+\+-=+/m.test(head) && /Desired=/.test(head)) return { specVersion: 'dpkg -l' };
    const lines = headLines(input.text, 10);
    if (lines.length > 0 && lines.every((l) => /^[a-z0-9][a-z0-9+.-]*(:[a-z0-9]+)?\t[^\t]*(\t.*)?$/.test(l))) return { specVersion: 'dpkg-query -W' };
    return undefined;
  },
  read(input, detection) {
    const items: InventoryItem[] = [];
    const errors: RowError[] = [];
    const lines = splitLines(input.text);
    if (detection.specVersion === 'dpkg-query -W') {
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const [name, version, ...rest] = line.split('\t');
        if (!name || !/^[a-z0-9][a-z0-9+.-]*(:[a-z0-9]+)?$/.test(name)) {
          errors.push({ line: i + 1, message: 'not a package line ("name<TAB>version")' });
          return;
        }
        const [pkg, arch] = name.split(':');
        items.push({ kind: 'package', name: pkg ?? name, version: version || undefined, texts: rest.filter((r) => r !== ''), purl: debPurl(pkg ?? name, version || undefined, arch), line: i + 1 });
      });
      return { hosts: [{ name: undefined, platform: 'linux', items }], errors, warnings: [], specVersion: 'dpkg-query -W' };
    }
    const ruleAt = lines.findIndex((l) => l.startsWith('+++-'));
    const rule = lines[ruleAt] ?? '';
    // Column starts: after each '-' that separates the '=' runs of the rule.
    const starts = [0];
    for (let i = 0; i < rule.length; i++) if (rule[i] === '-') starts.push(i + 1);
    for (let i = ruleAt + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      const cell = (k: number) => line.slice(starts[k] ?? line.length, k + 1 < starts.length ? (starts[k + 1] ?? line.length) - 1 : line.length).trim();
      const state = line.slice(0, 3).trim();
      // Long names push the following columns right: fall back to splitting on runs of blanks.
      const parts = line.slice(starts[1] ?? 4).trim().split(/\s+/);
      const fixed = cell(1) !== '' && !/\s/.test(cell(1));
      const name = fixed ? cell(1) : parts[0];
      const version = fixed ? cell(2) : parts[1];
      const arch = fixed ? cell(3) : parts[2];
      const desc = fixed ? cell(4) : parts.slice(3).join(' ');
      if (!/^[a-zA-Z]{2,3}$/.test(state) || !name) {
        errors.push({ line: i + 1, message: 'not a package row (state, name, version, architecture, description)' });
        continue;
      }
      const [pkg, qualifier] = name.split(':');
      items.push({
        kind: 'package',
        name: pkg ?? name,
        version: version || undefined,
        texts: [...(desc ? [desc] : []), ...(state !== 'ii' ? [`dpkg state: ${state}`] : [])],
        purl: debPurl(pkg ?? name, version || undefined, qualifier ?? (arch || undefined)),
        line: i + 1,
      });
    }
    return { hosts: [{ name: undefined, platform: 'linux', items }], errors, warnings: [], specVersion: 'dpkg -l' };
  },
};
