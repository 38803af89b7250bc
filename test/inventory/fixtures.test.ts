// Inventories written in the shapes the tools document (osquery, Get-Package, Win32_Product, RMM CSV), with
// Kaspersky software in every form an inventory carries it: display names, publishers, paths, drivers,
// certificates, bundle ids; the UltraAV migration; broken rows; unknown CSV layouts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/result.js';
import { scan } from '../../src/scan.js';
import { cli } from '../helpers/cli.js';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/inventory');
const now = new Date('2026-11-21T00:00:00Z');
const RMM_COLUMNS = { name: 'DisplayName', version: 'DisplayVersion', publisher: 'Publisher', host: 'ComputerName', client: 'Client' };

function flaggedNames(report: ScanReport, source: string): string[] {
  return report.findings.filter((f) => f.source.endsWith(source)).map((f) => f.component.name).sort();
}

describe('osquery results', () => {
  it('osqueryi --json programs: Kaspersky Endpoint Security and the Network Agent flagged, Chrome clean; removal through KSC', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'osqueryi-programs.json')], now });
    const doc = report.documents[0];
    expect(doc?.format).toBe('osquery');
    expect(doc?.components).toBe(3);
    expect(doc?.cleanComponents).toBe(1);
    expect(flaggedNames(report, 'osqueryi-programs.json')).toEqual(['Kaspersky Endpoint Security for Windows', 'Kaspersky Security Center Network Agent']);
    expect(doc?.host?.networkAgent).toBe(true);
    const kes = report.findings.find((f) => f.component.name.startsWith('Kaspersky Endpoint'));
    expect(kes?.rule.id).toBe('KL-PRD-001');
    expect(kes?.remediation.ecosystem).toBe('host-windows-ksc');
    expect(kes?.remediation.steps[0]).toMatch(/Kaspersky Security Center.*Remote uninstallation/);
  });

  it('an osqueryd result log becomes one document per host; drivers, services, root certificates, bundle ids and system extensions are flagged', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'osqueryd-results.log')], now });
    expect(report.documents.map((d) => d.host?.name)).toEqual(['WS-ACCT-01', 'MAC-DESIGN-02', 'LAPTOP-SALES-03']);
    expect(report.documents.every((d) => d.source.includes('#'))).toBe(true);
    const ws = report.findings.filter((f) => f.source.endsWith('#WS-ACCT-01'));
    const rules = (f: (typeof ws)[number]) => [f.rule.id, ...f.alsoMatched.map((m) => m.rule.id)];
    expect(ws.map((f) => [f.component.name, f.remediation.ecosystem, f.severity]).sort()).toEqual([
      ['AVP.KES.12.1.0', 'host-windows', 'critical'],
      ['Kaspersky Anti-Virus Personal Root Certificate', 'host-certificate', 'critical'],
      ['klif.sys', 'host-driver', 'critical'],
    ]);
    expect(rules(ws.find((f) => f.component.name === 'AVP.KES.12.1.0') ?? (ws[0] as (typeof ws)[number]))).toContain('KL-INV-001');
    expect(ws.flatMap(rules)).toEqual(expect.arrayContaining(['KL-PRD-019', 'KL-PRD-020']));
    expect(flaggedNames(report, '#MAC-DESIGN-02')).toEqual(['Kaspersky Internet Security', 'com.kaspersky.kav.sysext']);
    // The Intel driver and nothing else on the Windows host is clean.
    expect(report.documents[0]?.cleanComponents).toBe(1);
  });

  it('a host migrated to UltraAV is information, never a finding; the removed Kaspersky Free row is gone', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'osqueryd-results.log')], now });
    const laptop = report.documents.find((d) => d.host?.name === 'LAPTOP-SALES-03');
    expect(laptop?.components).toBe(1);
    expect(laptop?.host?.migratedTo).toEqual(['UltraAV']);
    expect(laptop?.warnings.some((w) => /migrated to UltraAV.*check for Kaspersky leftovers/.test(w))).toBe(true);
    expect(report.findings.some((f) => f.source.endsWith('#LAPTOP-SALES-03'))).toBe(false);
  });
});

describe('Windows PowerShell outputs', () => {
  it('Get-Package JSON: the Cyrillic publisher in the SWID entity is a party the legal-entity rules match', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'get-package.json')], now });
    expect(report.documents[0]?.format).toBe('powershell-package');
    expect(report.documents[0]?.components).toBe(2);
    const f = report.findings[0];
    expect(report.findings.length).toBe(1);
    expect(f?.component.name).toBe('Kaspersky Internet Security');
    expect([f?.rule.id, ...(f?.alsoMatched ?? []).map((m) => m.rule.id)]).toContain('KL-ENT-006');
  });

  it('Win32_Product JSON with PSComputerName: one document per server, vendor "AO Kaspersky Lab" and the Network Agent flagged', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'win32-product.json')], now });
    expect(report.documents.map((d) => [d.host?.name, d.components, d.flaggedComponents])).toEqual([
      ['SRV-FILE-01', 2, 2],
      ['SRV-PRINT-02', 1, 0],
    ]);
    expect(report.documents[0]?.host?.networkAgent).toBe(true);
  });

  it('a BOM-prefixed Uninstall CSV: Kaspersky Plus flagged by its uninstall path and name', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'uninstall-bom.csv')], now });
    expect(report.documents[0]?.components).toBe(2);
    expect(flaggedNames(report, 'uninstall-bom.csv')).toEqual(['Kaspersky Plus']);
  });
});

describe('RMM CSV with --columns', () => {
  it('UTF-16 with a #TYPE line: one document per host with its client; the broken row is reported with its line and host, the rest is scanned', async () => {
    const report = await scan({ inputs: [path.join(FIX, 'rmm-export-utf16.csv')], columns: RMM_COLUMNS, now });
    const hosts = report.documents.filter((d) => d.error === null);
    expect(hosts.map((d) => [d.host?.name, d.client])).toEqual([
      ['PC-ANNA', 'Acme Dental'],
      ['PC-BORIS', 'Acme Dental'],
      ['PC-CLARA', 'Birch Legal'],
      ['PC-DMITRI', 'Birch Legal'],
    ]);
    expect(flaggedNames(report, '#PC-ANNA')).toEqual(['Kaspersky Small Office Security']);
    // The Cyrillic legal name with «» quotes, on a display name that mixes scripts.
    const boris = report.findings.find((f) => f.source.endsWith('#PC-BORIS'));
    expect([boris?.rule.id, ...(boris?.alsoMatched ?? []).map((m) => m.rule.id)]).toContain('KL-ENT-006');
    const error = report.documents.find((d) => d.error !== null);
    expect(error?.error).toMatch(/1 row\(s\) could not be read .*line 7 \(host PC-CLARA\): Invalid Closing Quote/);
  });

  it('through the CLI: the broken row makes the run exit 2 after every host was reported', async () => {
    const r = await cli(['scan', '--format', 'json', '-j', '1', '--columns', 'name=DisplayName,version=DisplayVersion,publisher=Publisher,host=ComputerName,client=Client', path.join(FIX, 'rmm-export-utf16.csv')]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.summary.flaggedComponents).toBe(2);
    expect(report.gate?.status).toBe('error');
  });

  it('an unknown CSV layout says which columns it has and which it needs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-inv-'));
    const file = path.join(dir, 'assets.csv');
    writeFileSync(file, 'Device,Software,Ver\nPC1,Kaspersky Free,21.3\n');
    const r = await cli(['scan', '-j', '1', file]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/CSV whose layout ictscan does not know.*"Device", "Software", "Ver".*--columns name=COLUMN/);
    const named = await cli(['scan', '-j', '1', '--format', 'json', '--columns', 'name=Software,version=Ver,host=Device', file]);
    expect(named.code).toBe(1);
    expect((JSON.parse(named.stdout) as ScanReport).documents[0]?.host?.name).toBe('PC1');
  });

  it('--columns without name= or with an unknown field is a usage error', async () => {
    expect((await cli(['scan', '--columns', 'version=V', path.join(FIX, 'uninstall-bom.csv')])).stderr).toMatch(/name=COLUMN is required/);
    expect((await cli(['scan', '--columns', 'name=A,colour=B', path.join(FIX, 'uninstall-bom.csv')])).stderr).toMatch(/unknown field "colour"/);
  });

  it('a host that only runs UltraAV passes the gate with the migration note', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-inv-'));
    const file = path.join(dir, 'migrated.csv');
    writeFileSync(file, '"DisplayName","Publisher","DisplayVersion"\r\n"UltraAV","Ultra Security","1.2.0"\r\n"Git","The Git Development Community","2.44.0"\r\n');
    const r = await cli(['scan', '-j', '1', '--format', 'json', file]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.findings.length).toBe(0);
    expect(report.documents[0]?.host?.migratedTo).toEqual(['UltraAV']);
  });
});

describe('Linux package lists written here', () => {
  it('dpkg-query -W, apk info -v and rpm -qa lines with Kaspersky packages are flagged and planned through the package manager', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ictscan-inv-'));
    writeFileSync(path.join(dir, 'dpkg-query.txt'), 'bash\t5.2.15-2+b2\nkesl\t12.0.0-6672\nklnagent64\t14.0.0-4490\n');
    writeFileSync(path.join(dir, 'apk-info.txt'), 'musl-1.2.4-r2\nbusybox-1.36.1-r2\n');
    writeFileSync(path.join(dir, 'rpm-qa.txt'), 'bash-5.1.8-6.el9.x86_64\nkesl-12.0.0-6672.x86_64\n');
    const report = await scan({ inputs: [dir], now });
    expect(report.documents.map((d) => [path.basename(d.source), d.format, d.components])).toEqual([
      ['apk-info.txt', 'apk-installed', 2],
      ['dpkg-query.txt', 'dpkg-list', 3],
      ['rpm-qa.txt', 'rpm-list', 2],
    ]);
    expect(report.findings.map((f) => `${path.basename(f.source)}:${f.component.name}`).sort()).toEqual(['dpkg-query.txt:kesl', 'dpkg-query.txt:klnagent64', 'rpm-qa.txt:kesl']);
    expect(report.findings.every((f) => f.remediation.ecosystem === 'host-linux' && /package manager/.test(f.remediation.steps[0] ?? ''))).toBe(true);
  });
});

describe('hosts portfolio (hosts-csv, hosts-json)', () => {
  it('per client: hosts still running Kaspersky with their products, hosts done, unreadable rows counted apart', async () => {
    const r = await cli(['scan', '-j', '1', '--format', 'hosts-json', '--columns', 'name=DisplayName,version=DisplayVersion,publisher=Publisher,host=ComputerName,client=Client', path.join(FIX, 'rmm-export-utf16.csv')]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { clients: { client: string; hosts: number; kaspersky: number; done: number; notCheckable: number; migrated: number }[]; hosts: { host: string; status: string; products: string[] }[] };
    expect(out.clients.map((c) => [c.client, c.hosts, c.kaspersky, c.done, c.notCheckable, c.migrated])).toEqual([
      ['Acme Dental', 2, 2, 0, 0, 0],
      ['Birch Legal', 2, 0, 2, 0, 1],
      ['inventory', 1, 0, 0, 1, 0],
    ]);
    expect(out.hosts.find((h) => h.host === 'PC-ANNA')).toMatchObject({ status: 'kaspersky', products: ['Kaspersky Small Office Security 21.3.10.391'] });
  });

  it('hosts-csv: one row per host, CRLF, with the status column', async () => {
    const r = await cli(['scan', '-j', '1', '--format', 'hosts-csv', path.join(FIX, 'osqueryd-results.log')]);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('client,host,platform,status,products,findings,migratedTo,notes,source');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 4).join(','))).toEqual(['WS-ACCT-01,windows,kaspersky', 'MAC-DESIGN-02,macos,kaspersky', 'LAPTOP-SALES-03,windows,done']);
  });
});
