// `winget export` JSON: package identifiers by source. Identifiers are Publisher.Package by convention.
import type { InventoryReader } from '../reader.js';
import { isObject, str } from '../reader.js';
import type { InventoryItem } from '../types.js';

const SIGNATURE = /winget-packages\.schema|"WinGetVersion"/;

function item(id: string, version: string | undefined, source: string | undefined): InventoryItem {
  const dot = id.indexOf('.');
  // The publisher part of an identifier is a short brand ("Kaspersky"), not a legal name: tested as a name, not as a party.
  return { kind: 'program', name: id, version, identifiers: dot > 0 ? [id.slice(0, dot), id.slice(dot + 1)] : [], ...(source ? { texts: [`winget source: ${source}`] } : {}) };
}

export const wingetExport: InventoryReader = {
  format: 'winget-export',
  description: 'winget export JSON',
  detect(input) {
    if (input.head !== '{') return undefined;
    const v = input.json();
    if (isObject(v)) return Array.isArray(v['Sources']) && (typeof v['WinGetVersion'] === 'string' || String(v['$schema'] ?? '').includes('winget')) ? { specVersion: String(v['WinGetVersion'] ?? 'unknown') } : undefined;
    // Hand-edited exports that no longer parse are read by their identifiers (with a warning), not dropped.
    return v === undefined && SIGNATURE.test(input.text.slice(0, 4096)) && input.text.includes('"PackageIdentifier"') ? { specVersion: 'unparsed' } : undefined;
  },
  read(input, detection) {
    const items: InventoryItem[] = [];
    const warnings: string[] = [];
    const v = input.json();
    if (isObject(v)) {
      for (const s of v['Sources'] as unknown[]) {
        if (!isObject(s)) continue;
        const source = isObject(s['SourceDetails']) ? str(s['SourceDetails']['Name']) : undefined;
        for (const p of Array.isArray(s['Packages']) ? s['Packages'] : []) {
          const id = isObject(p) ? str(p['PackageIdentifier']) : undefined;
          if (id && isObject(p)) items.push(item(id, str(p['Version']), source));
        }
      }
    } else {
      const lines = input.text.split(/\r\n|\r|\n/);
      lines.forEach((l, i) => {
        for (const m of l.matchAll(/"PackageIdentifier"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) if (m[1]) items.push({ ...item(m[1], undefined, undefined), line: i + 1 });
      });
      warnings.push(`the file is not valid JSON; its ${items.length} "PackageIdentifier" entries were read one by one`);
    }
    return { hosts: [{ name: undefined, platform: 'windows', items }], errors: [], warnings, specVersion: detection.specVersion };
  },
};
