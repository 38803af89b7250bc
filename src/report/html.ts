// The portfolio report: one self-contained, offline HTML page per scan, grouped by client, for MSPs and e-mail attachments.
import { createHash } from 'node:crypto';
import type { Finding, ScanReport } from '../model/result.js';
import { SEVERITIES, confidenceRank, severityRank } from '../model/severity.js';
import { CATEGORIES } from '../ruleset/types.js';
import type { Category } from '../ruleset/types.js';
import type { Reporter } from './reporter.js';
import { clip, escapeHtml } from './sanitize.js';
import { componentLabel, deadlineLabel, formatLabel, gateLine, partialCheckNote, pathLabel, rulesOnlyNote, uncheckedSummary, verdictLine, whereLabel } from './text.js';
import { clientOf, groupByClient, type ClientGroup } from './portfolio.js';
import { hostRows, type ClientTally } from './hosts.js';
import type { ClientHistory, HistoryPoint, HistoryReport } from '../model/result.js';

// ---------------------------------------------------------------------------------------------
// Labels and sort keys.

function dueLabel(f: Finding): string {
  const due = f.remediation.deadline.due;
  switch (due) {
    case 'immediately':
      return 'immediately';
    case 'next-review':
      return 'next review';
    case 'none':
      return 'none';
    default: {
      const never: never = due;
      return never;
    }
  }
}

function dueRank(f: Finding): number {
  const due = f.remediation.deadline.due;
  switch (due) {
    case 'immediately':
      return 0;
    case 'next-review':
      return 1;
    case 'none':
      return 2;
    default: {
      const never: never = due;
      return never;
    }
  }
}

/** Short form of whereLabel for a table cell. */
export function whereShort(f: Finding): string {
  if (f.subject) return 'SBOM subject';
  if (f.direct === null) return 'unknown';
  if (f.direct) return 'direct';
  const via = f.introducedByComponents.map((c) => c.name).join(', ');
  return via ? `via ${via}` : 'not reachable from the root';
}

/** The last segment of a path: the table shows file names, the title attribute the whole source. */
function baseName(source: string): string {
  return source.split(/[\\/]/).filter((p) => p !== '').at(-1) ?? source;
}

/** Index of the category in the fixed palette; rule packs are schema-checked, but an unknown category still gets a colour. */
function categoryIndex(c: Category): number {
  const i = CATEGORIES.indexOf(c);
  return i < 0 ? CATEGORIES.length : i;
}

function scanTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Two decimals at most, so that SVG coordinates are short and byte-identical across runs. */
function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

const e = escapeHtml;

// ---------------------------------------------------------------------------------------------
// Style and script. Both are constants so that the Content-Security-Policy can pin them by hash
// instead of allowing any inline code ('unsafe-inline').

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--accent:#0969da;--row:#f6f8fa;--crit:#a40e26;--high:#cf222e;--med:#9a6700;--low:#0969da;--info:#59636e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--accent:#4493f8;--row:#151b23;--crit:#ff6a69;--high:#f47067;--med:#d29922;--low:#4493f8;--info:#9198a1}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1280px;margin:0 auto;padding:0 24px 48px}
header.top{border-bottom:1px solid var(--line);background:var(--panel)}
header.top div{max-width:1280px;margin:0 auto;padding:16px 24px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:17px;margin:28px 0 8px}
h4{font-size:14px;margin:18px 0 6px;font-weight:600}
h5{font-size:12px;margin:12px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
a{color:var(--accent)}
.muted,.meta{color:var(--muted)}
.meta{margin:0}
.verdict{font-weight:600;margin:16px 0 0;font-size:16px}
.verdict.bad{color:var(--high)}
.verdict.warn{color:var(--med)}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;margin:16px 0 0;padding:0}
.tiles div{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:var(--panel)}
.tiles dt{color:var(--muted);font-size:12px}
.tiles dd{margin:2px 0 0;font-size:24px;font-weight:600;font-variant-numeric:tabular-nums}
.tiles .alert dd{color:var(--high)}
.sevs{margin:10px 0 0}
.sev{display:inline-block;min-width:64px;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;text-align:center;color:#fff;background:var(--info)}
.sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
@media (prefers-color-scheme:dark){.sev{color:#0d1117}}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px 32px;align-items:start}
figure{margin:0}
figcaption{font-weight:600;margin-bottom:6px}
svg.chart{max-width:100%;height:auto;display:block}
svg.chart text{fill:var(--fg);font-size:12px;font-family:inherit}
svg.chart .tick{fill:var(--muted);font-size:11px}
svg.chart .grid{stroke:var(--line);stroke-width:1}
svg.chart .bar:hover rect{opacity:.85}
.legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.cat-0{fill:#cc79a7;background:#cc79a7}.cat-1{fill:#d55e00;background:#d55e00}.cat-2{fill:#e69f00;background:#e69f00}.cat-3{fill:#0072b2;background:#0072b2}.cat-4{fill:#009e73;background:#009e73}.cat-5{fill:#56b4e9;background:#56b4e9}.cat-6{fill:#8a8a8a;background:#8a8a8a}.cat-7{fill:#444;background:#444}
.st-kaspersky{fill:var(--high);background:var(--high)}.st-done{fill:#1a7f37;background:#1a7f37}.st-partly{fill:var(--med);background:var(--med)}.st-unchecked{fill:#8a8a8a;background:#8a8a8a}
svg.chart polyline{fill:none;stroke-width:2}
svg.chart .ln-kaspersky{stroke:var(--high)}svg.chart .ln-done{stroke:#1a7f37}svg.chart .ln-unchecked{stroke:#8a8a8a;stroke-dasharray:4 3}
svg.chart circle.ln-kaspersky{fill:var(--high)}svg.chart circle.ln-done{fill:#1a7f37}svg.chart circle.ln-unchecked{fill:#8a8a8a}
ul.changes{margin:4px 0;padding-left:20px}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;margin:0 0 10px;padding:10px 12px;border:1px solid var(--line);border-radius:8px;background:var(--panel)}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
.filters select,.filters input{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:4px 6px;min-width:150px}
.filters input{min-width:220px}
.filters output{margin-left:auto;font-size:12px;color:var(--muted);align-self:center}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%}
caption{caption-side:top;text-align:left;padding:6px 8px;font-size:12px}
th,td{padding:6px 8px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
thead th{position:sticky;top:0;background:var(--panel);font-size:12px;white-space:nowrap;z-index:1}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}
th button::after{content:"\\2195";color:var(--muted);font-weight:400;font-size:10px;margin-left:2px}
th[aria-sort=ascending] button::after{content:"\\25B2";color:var(--fg)}
th[aria-sort=descending] button::after{content:"\\25BC";color:var(--fg)}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
tbody tr:nth-child(even){background:var(--row)}
table.findings th,table.findings td{padding:5px 6px}
table.findings td{font-size:12.5px;overflow-wrap:break-word}
table.findings td.nowrap{white-space:nowrap}
table.docs{table-layout:fixed}
table.docs th:nth-child(1){width:30%}table.docs th:nth-child(2){width:12%}table.docs th:nth-child(n+3):nth-child(-n+7){width:7%}
table.docs tbody th{font-weight:400}
ul.notes{margin:0;padding-left:16px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
.empty{padding:12px;color:var(--muted)}
nav.clients{margin:8px 0 0;font-size:13px}
nav.clients a{margin-right:10px}
section.client{margin-top:8px}
details.plan{border:1px solid var(--line);border-left-width:4px;border-radius:6px;margin:8px 0;background:var(--bg)}
details.plan.sev-critical{border-left-color:var(--crit)}details.plan.sev-high{border-left-color:var(--high)}details.plan.sev-medium{border-left-color:var(--med)}details.plan.sev-low{border-left-color:var(--low)}details.plan.sev-info{border-left-color:var(--info)}
details.plan>summary{cursor:pointer;padding:8px 10px}
details.plan>summary .sev{margin-right:6px}
details.plan[open]>summary{border-bottom:1px solid var(--line)}
details.plan .body{padding:4px 14px 12px}
details.plan ul,details.plan ol{margin:4px 0;padding-left:22px}
details.plan p{margin:4px 0}
.suppressed{border:1px dashed var(--med);border-radius:6px;padding:6px 10px;margin:8px 0}
.tag{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 6px;font-size:11px;color:var(--muted);margin-left:4px}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:10px}
@media print{.filters{display:none}thead th{position:static}details.plan{break-inside:avoid}body{font-size:11px}}
`;

// Plain ES2020 with no dependencies; rows, chart and plans are all rendered server-side, so the page reads fine without it.
const SCRIPT = `
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const table = $('findings-table');
  const panel = $('filters');
  if (table && panel && table.tBodies[0] && table.tHead) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const heads = Array.from(table.tHead.rows[0].cells);
    const client = $('f-client');
    const severity = $('f-severity');
    const category = $('f-category');
    const text = $('f-text');
    const count = $('f-count');
    const none = $('f-none');
    const filter = () => {
      const q = text.value.trim().toLowerCase();
      let shown = 0;
      for (const r of rows) {
        const d = r.dataset;
        const ok = (!client.value || d.client === client.value) && (!severity.value || d.severity === severity.value) && (!category.value || d.category === category.value) && (!q || r.textContent.toLowerCase().includes(q));
        r.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = shown + ' of ' + rows.length + ' findings shown';
      none.hidden = shown > 0;
    };
    for (const el of [client, severity, category, text]) {
      el.addEventListener('input', filter);
      el.addEventListener('change', filter);
    }
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const key = (r, i) => {
      const c = r.cells[i];
      return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent.trim();
    };
    const sort = (i, dir) => {
      const sign = dir === 'ascending' ? 1 : -1;
      const sorted = rows.slice().sort((a, b) => sign * collator.compare(key(a, i), key(b, i)) || Number(a.dataset.i) - Number(b.dataset.i));
      for (const h of heads) h.removeAttribute('aria-sort');
      heads[i].setAttribute('aria-sort', dir);
      body.append(...sorted);
    };
    heads.forEach((h, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = h.textContent;
      b.title = 'Sort by ' + h.textContent.toLowerCase();
      h.replaceChildren(b);
      b.addEventListener('click', () => {
        const now = h.getAttribute('aria-sort');
        sort(i, now ? (now === 'ascending' ? 'descending' : 'ascending') : h.dataset.first || 'ascending');
      });
    });
    panel.hidden = false;
    filter();
  }
  const openTarget = () => {
    const el = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (el && el.tagName === 'DETAILS') el.open = true;
  };
  window.addEventListener('hashchange', openTarget);
  openTarget();
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
})();
`;

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/**
 * Nothing may be fetched (default-src 'none'), only this exact style and script may run, and the page may not
 * change its base URL or post a form. frame-ancestors is ignored in a meta element, so it is left out.
 */
const CSP = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; base-uri 'none'; form-action 'none'`;

// ---------------------------------------------------------------------------------------------
// Sections.

interface Row {
  readonly finding: Finding;
  readonly client: string;
  readonly clientIndex: number;
  /** Position in the server-side order; the anchor of its plan and the tie-breaker when sorting. */
  readonly index: number;
}

function summarySection(report: ScanReport, groups: readonly ClientGroup[]): string {
  const s = report.summary;
  const exposed = groups.filter((g) => g.findings.length > 0).length;
  const tiles: [string, number, boolean][] = [
    ['Clients', groups.length, false],
    ['Clients exposed', exposed, exposed > 0],
    ['Documents', s.documents, false],
    ['Components', s.components, false],
    ['Flagged components', s.flaggedComponents, s.flaggedComponents > 0],
    ['Clean components', s.cleanComponents, false],
    ['Untestable components', s.untestableComponents, s.untestableComponents > 0],
    ['Findings', s.findings, s.findings > 0],
    ['Inputs that could not be read', s.documentsWithErrors, s.documentsWithErrors > 0],
    ['Skipped files', s.skipped, false],
  ];
  const unchecked = uncheckedSummary(report);
  const verdict =
    s.findings > 0
      ? `<p class="verdict bad">Kaspersky software found for ${plural(exposed, 'client')} of ${groups.length}.${unchecked ? ` Not everything could be checked: ${e(unchecked)}.` : ''}</p>`
      : unchecked || s.documents === 0
        ? `<p class="verdict warn">${e(verdictLine(report).text)}.</p>`
        : '<p class="verdict">No Kaspersky software found.</p>';
  const rulesOnly = rulesOnlyNote(report);
  const sevs = SEVERITIES.slice()
    .reverse()
    .filter((sv) => s.bySeverity[sv] > 0)
    .map((sv) => `<span class="sev sev-${sv}">${s.bySeverity[sv]} ${sv}</span>`)
    .join(' ');
  const out = [
    '<section id="summary" aria-labelledby="summary-h">',
    '<h2 id="summary-h">Summary</h2>',
    verdict,
    ...(rulesOnly ? [`<p class="verdict warn" id="rules-only">Rules: ${e(rulesOnly)}.</p>`] : []),
    ...(report.gate ? [`<p class="meta" id="gate">${e(gateLine(report) ?? '')}</p>`] : []),
    `<dl class="tiles">${tiles.map(([label, n, alert]) => `<div${alert ? ' class="alert"' : ''}><dt>${label}</dt><dd>${n}</dd></div>`).join('')}</dl>`,
  ];
  if (sevs) out.push(`<p class="sevs">Findings by severity: ${sevs}</p>`);
  if (s.belowConfidence > 0) out.push(`<p class="muted">${plural(s.belowConfidence, 'finding')} below the minimum confidence (${e(report.options.minConfidence)}) not shown.</p>`);
  out.push('</section>');
  return out.join('\n');
}

/** A step for the axis: 1, 2 or 5 times a power of ten, giving at most about five ticks. */
function tickStep(max: number): number {
  const raw = Math.max(1, max / 5);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

interface ChartRow {
  readonly label: string;
  readonly cls: string;
  readonly data: string;
  /** cls, when given, colours the segment instead of its rule category. */
  readonly segments: readonly { readonly cat: number; readonly n: number; readonly title: string; readonly cls?: string }[];
  readonly title: string;
}

const CHART = { width: 600, label: 160, gap: 8, right: 44, row: 26, bar: 16, top: 8, axis: 22 };

/**
 * Horizontal (stacked) bars in plain SVG; every label is escaped and clipped, the full text in a <title>.
 * The chart is one image to assistive technology, so it carries its data as the accessible name and holds no links.
 */
function barChart(id: string, caption: string, rows: readonly ChartRow[], legend = ''): string {
  const c = CHART;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((n, s) => n + s.n, 0)));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const x0 = c.label + c.gap;
  const span = c.width - x0 - c.right;
  const height = c.top + rows.length * c.row + c.axis;
  const out = [
    `<figure id="${id}">`,
    `<figcaption>${caption}</figcaption>`,
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${c.width}" height="${height}" viewBox="0 0 ${c.width} ${height}" role="img" aria-label="${e(`${caption}: ${rows.map((r) => r.title).join('; ')}`)}">`,
  ];
  const axisY = c.top + rows.length * c.row;
  for (let t = 0; t <= top; t += step) {
    const x = num(x0 + (t / top) * span);
    out.push(`<line class="grid" x1="${x}" y1="${c.top}" x2="${x}" y2="${axisY}"/><text class="tick" x="${x}" y="${axisY + 15}" text-anchor="middle">${t}</text>`);
  }
  rows.forEach((r, i) => {
    const y = c.top + i * c.row + (c.row - c.bar) / 2;
    const total = r.segments.reduce((n, s) => n + s.n, 0);
    const label = `<text x="${c.label}" y="${num(y + c.bar - 3)}" text-anchor="end">${e(clip(r.label, 24))}</text>`;
    out.push(`<g class="${r.cls}" ${r.data}><title>${e(r.title)}</title>`);
    out.push(label);
    let x = x0;
    for (const s of r.segments) {
      if (s.n === 0) continue;
      const w = (s.n / top) * span;
      out.push(`<rect class="seg ${s.cls ?? `cat-${s.cat}`}" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${c.bar}"><title>${e(s.title)}</title></rect>`);
      x += w;
    }
    out.push(`<text x="${num(x + 6)}" y="${num(y + c.bar - 3)}">${total === 0 ? 'none' : total}</text></g>`);
  });
  out.push('</svg>');
  if (legend) out.push(legend);
  out.push('</figure>');
  return out.join('\n');
}

function chartSection(report: ScanReport, groups: readonly ClientGroup[]): string {
  const categoriesSeen = new Set<number>();
  for (const f of report.findings) categoriesSeen.add(categoryIndex(f.rule.category));
  const catName = (i: number) => CATEGORIES[i] ?? 'other';
  const cats = [...categoriesSeen].sort((a, b) => a - b);
  // Most exposed first: the chart answers "who needs attention"; the sections below keep name order.
  const ranked = groups.map((g, gi) => ({ g, gi })).sort((a, b) => b.g.findings.length - a.g.findings.length || a.gi - b.gi);
  const byClient: ChartRow[] = ranked.map(({ g, gi }) => {
    const counts = new Map<number, number>();
    for (const f of g.findings) {
      const k = categoryIndex(f.rule.category);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return {
      label: g.name,
      cls: 'bar',
      data: `data-client="${gi}"`,
      title: `${g.name}: ${plural(g.findings.length, 'finding')} in ${plural(g.documents.length, 'document')}`,
      segments: cats.map((k) => ({ cat: k, n: counts.get(k) ?? 0, title: `${g.name}, ${catName(k)}: ${plural(counts.get(k) ?? 0, 'finding')}` })),
    };
  });
  const byCategory: ChartRow[] = cats.map((k) => {
    const findings = report.findings.filter((f) => categoryIndex(f.rule.category) === k);
    const clients = new Set(groups.filter((g) => g.findings.some((f) => categoryIndex(f.rule.category) === k)).map((g) => g.name));
    return {
      label: catName(k),
      cls: 'cat-bar',
      data: `data-category="${e(catName(k))}"`,
      title: `${catName(k)}: ${plural(findings.length, 'finding')} for ${plural(clients.size, 'client')}`,
      segments: [{ cat: k, n: findings.length, title: `${catName(k)}: ${plural(findings.length, 'finding')} for ${plural(clients.size, 'client')}` }],
    };
  });
  const legend =
    cats.length > 0 ? `<ul class="legend" aria-label="Rule categories">${byCategory.map((r, i) => `<li><span class="sw cat-${cats[i] ?? 0}"></span>${e(r.label)} (${r.segments[0]?.n ?? 0})</li>`).join('')}</ul>` : '';
  const out = ['<section id="exposure" aria-labelledby="exposure-h">', '<h2 id="exposure-h">Exposure</h2>', '<div class="charts">'];
  out.push(barChart('chart-clients', 'Findings by client and rule category', byClient, legend));
  if (byCategory.length > 0) out.push(barChart('chart-categories', 'Findings by rule category', byCategory));
  out.push('</div>', '</section>');
  return out.join('\n');
}

const COLUMNS: readonly { readonly label: string; readonly first?: 'descending' }[] = [
  { label: 'Client' },
  { label: 'Document' },
  { label: 'Component' },
  { label: 'Version' },
  { label: 'Rule' },
  { label: 'Category' },
  // Worst first on the first click: that is what someone sorting by severity is looking for.
  { label: 'Severity', first: 'descending' },
  { label: 'Confidence', first: 'descending' },
  { label: 'Status' },
  { label: 'Where' },
  { label: 'Action' },
  { label: 'Due' },
];

function findingsSection(rows: readonly Row[], groups: readonly ClientGroup[]): string {
  const cats = [...new Set(rows.map((r) => r.finding.rule.category))].sort((a, b) => categoryIndex(a) - categoryIndex(b));
  const out = ['<section id="findings" aria-labelledby="findings-h">', '<h2 id="findings-h">Findings</h2>'];
  if (rows.length === 0) {
    out.push('<p class="empty">No findings.</p>', '</section>');
    return out.join('\n');
  }
  // Hidden until the script runs: without it the controls would do nothing, and the table already shows every row.
  out.push(
    '<div class="filters" id="filters" role="search" hidden>',
    `<label for="f-client">Client<select id="f-client"><option value="">All clients</option>${groups
      .map((g, i) => (g.findings.length > 0 ? `<option value="${i}">${e(g.name)} (${g.findings.length})</option>` : ''))
      .join('')}</select></label>`,
    `<label for="f-severity">Severity<select id="f-severity"><option value="">All severities</option>${SEVERITIES.slice()
      .reverse()
      .map((s) => `<option value="${s}">${s}</option>`)
      .join('')}</select></label>`,
    `<label for="f-category">Category<select id="f-category"><option value="">All categories</option>${cats.map((c) => `<option value="${e(c)}">${e(c)}</option>`).join('')}</select></label>`,
    '<label for="f-text">Search<input id="f-text" type="search" placeholder="component, rule, document…" autocomplete="off"></label>',
    '<output id="f-count" for="f-client f-severity f-category f-text" aria-live="polite"></output>',
    '</div>',
  );
  out.push('<div class="table-wrap">', '<table class="findings" id="findings-table">', `<caption class="muted">${plural(rows.length, 'finding')}, by client and document in plan order. Select a component to read its plan.</caption>`);
  out.push(
    `<thead><tr>${COLUMNS.map((c, i) => `<th scope="col"${i === 0 ? ' aria-sort="ascending"' : ''}${c.first ? ` data-first="${c.first}"` : ''}>${c.label}</th>`).join('')}</tr></thead>`,
    '<tbody>',
  );
  for (const r of rows) {
    const f = r.finding;
    const status = `${e(f.rule.status)}${f.suppression ? '<span class="tag">suppressed</span>' : ''}${f.baseline === 'new' ? '<span class="tag">new</span>' : ''}`;
    out.push(
      `<tr data-i="${r.index}" data-client="${r.clientIndex}" data-severity="${e(f.severity)}" data-category="${e(f.rule.category)}">` +
        `<td>${e(r.client)}</td>` +
        `<td title="${e(f.source)}">${e(baseName(f.source))}</td>` +
        `<td><a href="#f-${r.index}">${e(f.component.name)}</a></td>` +
        `<td>${e(f.component.version ?? '')}</td>` +
        `<td class="nowrap" title="${e(f.rule.title)}">${e(f.rule.id)}</td>` +
        `<td><span class="sw cat-${categoryIndex(f.rule.category)}"></span>${e(f.rule.category)}</td>` +
        `<td class="nowrap" data-sort="${severityRank(f.severity)}"><span class="sev sev-${e(f.severity)}">${e(f.severity)}</span></td>` +
        `<td data-sort="${confidenceRank(f.confidence)}">${e(f.confidence)}</td>` +
        `<td>${status}</td>` +
        `<td title="${e(whereLabel(f))}">${e(whereShort(f))}</td>` +
        `<td>${e(f.remediation.action)}</td>` +
        `<td data-sort="${dueRank(f)}">${e(dueLabel(f))}</td>` +
        '</tr>',
    );
  }
  out.push('</tbody>', '</table>', '</div>', '<p class="empty" id="f-none" hidden>No finding matches the filters.</p>', '</section>');
  return out.join('\n');
}

function list(items: readonly string[], ordered = false): string {
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;
}

function planBlock(r: Row): string {
  const f = r.finding;
  const p = f.remediation;
  const out = [
    `<details class="plan sev-${e(f.severity)}" id="f-${r.index}">`,
    `<summary><span class="sev sev-${e(f.severity)}">${e(f.severity)}</span><strong>${p.priority}. ${e(p.action.toUpperCase())} ${e(componentLabel(f.component))}</strong>: ${e(f.rule.title)} <span class="muted">[${e(f.rule.id)}, ${e(f.rule.status)}]</span>${f.suppression ? '<span class="tag">suppressed</span>' : ''}</summary>`,
    '<div class="body">',
  ];
  if (f.suppression) {
    const s = f.suppression;
    const extra = [s.expires && `expires ${e(s.expires)}`, s.approvedBy && `approved by ${e(s.approvedBy)}`, s.ticket && `ticket ${e(s.ticket)}`].filter((x): x is string => Boolean(x));
    out.push(`<p class="suppressed">Suppressed: ${e(s.reason)}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}. <span class="muted">${e(s.origin)}</span></p>`);
  }
  out.push('<h5>Why</h5>');
  const why = f.evidence.map((ev) => `<code>${e(ev.field)}</code> “${e(ev.value)}” matched ${e(ev.matched)} <span class="muted">(${e(ev.confidence)} confidence)</span>`);
  why.push(`Confidence of the finding: ${e(f.confidence)}; rule category ${e(f.rule.category)}, status ${e(f.rule.status)}.`);
  for (const m of f.alsoMatched) why.push(`Also matched ${e(m.rule.id)} (${e(m.rule.title)}; ${e(m.rule.category)}, ${e(m.rule.status)}, ${e(m.severity)})${m.setAside ? `; set aside: ${e(m.setAside.reason)}` : m.suppression ? `; suppressed: ${e(m.suppression.reason)}` : ''}.`);
  out.push(list(why));
  out.push('<h5>Where</h5>', `<p>${e(whereLabel(f))}${f.line !== undefined ? ` <span class="muted">(line ${f.line} of <span class="mono">${e(f.source)}</span>)</span>` : ` <span class="muted">(in <span class="mono">${e(f.source)}</span>)</span>`}</p>`);
  if (f.paths.length > 0) {
    out.push(list(f.paths.map((path) => `<span class="mono">${e(pathLabel(path))}</span>`)));
    const rest = f.pathCount - f.paths.length;
    if (rest > 0) out.push(`<p class="muted">and ${rest}${f.pathCountExact ? '' : '+'} more path${rest === 1 ? '' : 's'}</p>`);
  }
  out.push('<h5>What to do</h5>', `<p>${e(p.summary)}</p>`);
  if (p.steps.length > 0) out.push(list(p.steps.map(e), true));
  out.push('<h5>By when</h5>', `<p>${e(deadlineLabel(f))}</p>`, `<p class="muted">${e(p.deadline.why)}</p>`);
  if (p.deadline.milestones.length > 0) out.push(list(p.deadline.milestones.map((m) => `<time datetime="${e(m.date)}">${e(m.date)}</time>: ${e(m.event)}`)));
  out.push('<h5>Alternatives</h5>', p.alternatives.length > 0 ? list(p.alternatives.map(e)) : '<p class="muted">None listed.</p>');
  out.push('<h5>Risks</h5>', p.risks.length > 0 ? list(p.risks.map(e)) : '<p class="muted">None listed.</p>');
  out.push('</div>', '</details>');
  return out.join('\n');
}

/** Warnings per document shown in the page; a vendor SBOM can carry hundreds. */
const MAX_WARNINGS = 3;

// ---------------------------------------------------------------------------------------------
// Hosts (installed-software inventories) and the migration history (--history).

const HOST_STATES = [
  { key: 'kaspersky', cls: 'st-kaspersky', label: 'running Kaspersky' },
  { key: 'done', cls: 'st-done', label: 'done' },
  { key: 'partlyChecked', cls: 'st-partly', label: 'partly checked' },
  { key: 'notCheckable', cls: 'st-unchecked', label: 'not checkable' },
] as const;

function hostSegments(t: ClientTally) {
  return HOST_STATES.map((s) => ({ cat: 0, cls: s.cls, n: t[s.key], title: `${t.client}: ${plural(t[s.key], 'host')} ${s.label}` }));
}

const HOST_LEGEND = `<ul class="legend" aria-label="Host status">${HOST_STATES.map((s) => `<li><span class="sw ${s.cls}"></span>${s.label}</li>`).join('')}</ul>`;

/** Hosts are shown when the inputs hold inventories, or a history is kept. */
function hasHosts(report: ScanReport): boolean {
  return report.history !== undefined || report.documents.some((d) => d.host !== undefined);
}

function hostsSection(report: ScanReport, groups: readonly ClientGroup[]): string {
  const { clients } = hostRows(report);
  const index = new Map(groups.map((g, gi) => [g.name, gi]));
  const rows: ChartRow[] = clients.map((t) => ({
    label: t.client,
    cls: 'bar',
    data: `data-client="${index.get(t.client) ?? -1}"`,
    title: `${t.client}: ${t.kaspersky} of ${plural(t.hosts, 'host')} running Kaspersky, ${t.done} done, ${t.partlyChecked} partly checked, ${t.notCheckable} not checkable`,
    segments: hostSegments(t),
  }));
  const out = [
    '<section id="hosts" aria-labelledby="hosts-h">',
    '<h2 id="hosts-h">Hosts by client</h2>',
    '<p class="muted">A host is done only when everything on it was read and tested; hosts that could not be checked are counted apart, never as done.</p>',
    '<div class="charts">',
    barChart('chart-hosts', 'Hosts by client: running Kaspersky, done, not checkable', rows, HOST_LEGEND),
  ];
  const h = report.history;
  if (h) out.push(trendChart('chart-trend', 'Trend over runs, all clients', h.trend));
  out.push('</div>');
  if (h) out.push(`<p class="meta" id="history-meta">Migration history <span class="mono">${e(h.file)}</span>: run ${h.run}${h.previous ? `, compared with run ${h.previous.run} (${e(h.previous.scannedAt)})` : ', the first recorded'}; what changed is shown with each client below.</p>`);
  out.push(
    '<div class="table-wrap"><table class="hosts" id="hosts-table"><thead><tr><th scope="col">Client</th><th scope="col" class="num">Hosts</th><th scope="col" class="num">Running Kaspersky</th><th scope="col" class="num">Done</th><th scope="col" class="num">Partly checked</th><th scope="col" class="num">Not checkable</th><th scope="col" class="num">Migrated</th></tr></thead><tbody>',
  );
  for (const t of clients) {
    out.push(
      `<tr data-client-name="${e(t.client)}" data-kaspersky="${t.kaspersky}" data-done="${t.done}" data-unchecked="${t.partlyChecked + t.notCheckable}"><th scope="row">${e(t.client)}</th><td class="num">${t.hosts}</td><td class="num">${t.kaspersky}</td><td class="num">${t.done}</td><td class="num">${t.partlyChecked}</td><td class="num">${t.notCheckable}</td><td class="num">${t.migrated}</td></tr>`,
    );
  }
  out.push('</tbody></table></div>', '</section>');
  return out.join('\n');
}

const TREND = { width: 600, height: 200, left: 40, right: 16, top: 12, bottom: 36 };
const TREND_LINES = [
  { cls: 'ln-kaspersky', label: 'running Kaspersky', value: (p: HistoryPoint) => p.kaspersky },
  { cls: 'ln-done', label: 'done', value: (p: HistoryPoint) => p.done },
  { cls: 'ln-unchecked', label: 'not fully checked', value: (p: HistoryPoint) => p.partlyChecked + p.notCheckable },
] as const;

/** Hosts per state over the runs, as lines in plain SVG; each point carries its numbers in a <title>. */
function trendChart(id: string, caption: string, points: readonly HistoryPoint[]): string {
  const c = TREND;
  const max = Math.max(1, ...points.map((p) => Math.max(...TREND_LINES.map((l) => l.value(p)))));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = c.width - c.left - c.right;
  const plotH = c.height - c.top - c.bottom;
  const x = (i: number) => c.left + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => c.top + plotH - (v / top) * plotH;
  const summary = points.map((p) => `run ${p.run}: ${TREND_LINES.map((l) => `${l.value(p)} ${l.label}`).join(', ')}`).join('; ');
  const out = [
    `<figure id="${id}">`,
    `<figcaption>${e(caption)}</figcaption>`,
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${c.width}" height="${c.height}" viewBox="0 0 ${c.width} ${c.height}" role="img" aria-label="${e(`${caption}: ${summary}`)}">`,
  ];
  for (let t = 0; t <= top; t += step) out.push(`<line class="grid" x1="${c.left}" y1="${num(y(t))}" x2="${c.width - c.right}" y2="${num(y(t))}"/><text class="tick" x="${c.left - 6}" y="${num(y(t) + 4)}" text-anchor="end">${t}</text>`);
  points.forEach((p, i) => out.push(`<text class="tick" x="${num(x(i))}" y="${c.height - c.bottom + 16}" text-anchor="middle">run ${p.run}</text>`));
  for (const l of TREND_LINES) {
    if (points.length > 1) out.push(`<polyline class="${l.cls}" points="${points.map((p, i) => `${num(x(i))},${num(y(l.value(p)))}`).join(' ')}"/>`);
    points.forEach((p, i) => out.push(`<circle class="${l.cls}" cx="${num(x(i))}" cy="${num(y(l.value(p)))}" r="3"><title>run ${p.run} (${e(p.scannedAt)}): ${l.value(p)} ${l.label}</title></circle>`));
  }
  out.push('</svg>', `<ul class="legend" aria-label="Lines">${TREND_LINES.map((l) => `<li><span class="sw ${l.cls.replace('ln-', 'st-')}"></span>${l.label}</li>`).join('')}</ul>`, '</figure>');
  return out.join('\n');
}

function changeItems(c: ClientHistory): string[] {
  return c.changes.map((ch) => {
    const parts: string[] = [];
    if (ch.previous === null) parts.push('new to the history');
    else if (ch.previous !== ch.current) parts.push(`${e(ch.previous)} → ${e(ch.current)}`);
    if (ch.removed.length > 0) parts.push(`removed: ${ch.removed.map((p) => `<span class="mono">${e(p)}</span>`).join(', ')}`);
    if (ch.unconfirmed.length > 0) parts.push(`not found, but the host was not fully checked: ${ch.unconfirmed.map((p) => `<span class="mono">${e(p)}</span>`).join(', ')}`);
    if (ch.added.length > 0) parts.push(`new: ${ch.added.map((p) => `<span class="mono">${e(p)}</span>`).join(', ')}`);
    return `<span class="mono">${e(ch.host)}</span>: ${parts.join('; ')}`;
  });
}

/** A client's part of the history: what changed since the previous run, and its trend. */
function clientHistoryBlock(h: HistoryReport, c: ClientHistory, gi: number): string {
  const since = h.previous ? `since run ${h.previous.run}` : 'in the first run of this history';
  const out = [
    `<div class="history" id="history-${gi}" data-removed="${c.removed}" data-added="${c.added}" data-hosts-done="${c.hostsDone.length}">`,
    `<h4>Migration ${since}</h4>`,
    `<p>${plural(c.removed, 'product')} removed, ${c.added} new; ${plural(c.hostsDone.length, 'host')} done${c.hostsDone.length > 0 ? ` (${c.hostsDone.map((x) => `<span class="mono">${e(x)}</span>`).join(', ')})` : ''}.</p>`,
  ];
  const items = changeItems(c);
  if (items.length > 0) out.push(`<details><summary>${plural(items.length, 'host')} changed</summary><ul class="changes">${items.map((i) => `<li>${i}</li>`).join('')}</ul></details>`);
  out.push(trendChart(`chart-trend-${gi}`, `${c.client}: trend over runs`, c.trend), '</div>');
  return out.join('\n');
}

/** The client's hosts in one stacked bar, and its history when one is kept. */
function clientHostsBlock(report: ScanReport, g: ClientGroup, gi: number): string {
  if (!hasHosts(report)) return '';
  const t = hostRows(report).clients.find((x) => x.client === g.name);
  const out: string[] = [];
  if (t) {
    out.push(
      `<p class="hosts-line" data-kaspersky="${t.kaspersky}" data-done="${t.done}" data-unchecked="${t.partlyChecked + t.notCheckable}">Hosts: ${t.kaspersky} of ${t.hosts} running Kaspersky, ${t.done} done, ${t.partlyChecked} partly checked, ${t.notCheckable} not checkable${t.migrated > 0 ? `; ${t.migrated} migrated (check for leftovers)` : ''}.</p>`,
      barChart(`chart-hosts-${gi}`, 'Hosts of this client', [{ label: g.name, cls: 'bar', data: `data-client="${gi}"`, title: `${g.name}: ${plural(t.hosts, 'host')}`, segments: hostSegments(t) }], HOST_LEGEND),
    );
  }
  const c = report.history?.clients.find((x) => x.client === g.name);
  if (report.history && c) out.push(clientHistoryBlock(report.history, c, gi));
  return out.join('\n');
}

function clientSection(report: ScanReport, g: ClientGroup, gi: number, rows: readonly Row[]): string {
  const read = g.documents.filter((d) => d.error === null);
  const components = read.reduce((n, d) => n + d.components, 0);
  const sum = (k: 'flaggedComponents' | 'cleanComponents' | 'untestableComponents') => read.reduce((n, d) => n + d[k], 0);
  const unreadable = g.documents.length - read.length;
  const partial = read.filter((d) => partialCheckNote(d) !== undefined).length;
  const out = [
    `<section class="client" id="client-${gi}" aria-labelledby="client-${gi}-h">`,
    `<h3 id="client-${gi}-h">${e(g.name)}</h3>`,
    `<p class="muted">${plural(g.documents.length, 'document')}, ${plural(components, 'component')}: ${sum('flaggedComponents')} flagged, ${sum('cleanComponents')} clean, ${sum('untestableComponents')} untestable; ${plural(g.findings.length, 'finding')}.</p>`,
    '<div class="table-wrap"><table class="docs">',
    '<thead><tr><th scope="col">Document</th><th scope="col">Format</th><th scope="col" class="num">Components</th><th scope="col" class="num">Flagged</th><th scope="col" class="num">Clean</th><th scope="col" class="num">Untestable</th><th scope="col" class="num">Findings</th><th scope="col">Notes</th></tr></thead>',
    '<tbody>',
  ];
  const hosts = clientHostsBlock(report, g, gi);
  if (hosts) out.splice(3, 0, hosts);
  for (const d of g.documents) {
    if (d.error !== null) {
      out.push(`<tr><th scope="row" class="mono">${e(d.source)}</th><td>unreadable</td><td class="num">–</td><td class="num">–</td><td class="num">–</td><td class="num">–</td><td class="num">–</td><td>${e(d.error)}</td></tr>`);
      continue;
    }
    const note = partialCheckNote(d);
    const shown = [...(note ? [e(note)] : []), ...d.unchecked.slice(0, MAX_WARNINGS).map((u) => `not checked: ${e(u)}`), ...d.warnings.slice(0, MAX_WARNINGS).map((w) => e(w))];
    const more = Math.max(0, d.unchecked.length - MAX_WARNINGS) + Math.max(0, d.warnings.length - MAX_WARNINGS);
    if (more > 0) shown.push(`and ${more} more (in the JSON report)`);
    out.push(
      `<tr><th scope="row" class="mono">${e(d.source)}</th><td>${e(formatLabel(d.format, d.specVersion))}</td><td class="num">${d.components}</td><td class="num">${d.flaggedComponents}</td><td class="num">${d.cleanComponents}</td><td class="num">${d.untestableComponents}</td><td class="num">${d.findings}</td><td>${shown.length > 0 ? `<ul class="notes">${shown.map((w) => `<li>${w}</li>`).join('')}</ul>` : ''}</td></tr>`,
    );
  }
  out.push('</tbody></table></div>');
  const gaps = [unreadable > 0 && `${plural(unreadable, 'document')} could not be read`, partial > 0 && `${plural(partial, 'document')} could not be fully checked`].filter((x): x is string => Boolean(x));
  if (rows.length === 0) {
    out.push(gaps.length > 0 ? `<p class="verdict warn">No Kaspersky software found in what could be checked for this client, but ${gaps.join(' and ')}.</p>` : '<p>No Kaspersky software found for this client.</p>');
  } else {
    if (gaps.length > 0) out.push(`<p class="verdict warn">Not everything could be checked for this client: ${gaps.join(' and ')}.</p>`);
    const bySource = new Map<string, Row[]>();
    for (const r of rows) {
      const l = bySource.get(r.finding.source);
      if (l) l.push(r);
      else bySource.set(r.finding.source, [r]);
    }
    for (const [source, docRows] of bySource) {
      out.push(`<h4>Remediation plan for <span class="mono">${e(source)}</span></h4>`);
      for (const r of docRows) out.push(planBlock(r));
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function problemsSection(report: ScanReport): string {
  const errors = report.documents.filter((d) => d.error !== null);
  const out: string[] = [];
  if (errors.length > 0) {
    out.push(
      '<section id="unreadable" aria-labelledby="unreadable-h">',
      `<h2 id="unreadable-h">Inputs that could not be read (${errors.length})</h2>`,
      '<p>These SBOMs were not checked: a portfolio with unread inputs is not a clean portfolio.</p>',
      '<div class="table-wrap"><table class="errors"><thead><tr><th scope="col">Client</th><th scope="col">Input</th><th scope="col">Code</th><th scope="col">Error</th></tr></thead><tbody>',
    );
    for (const d of errors) out.push(`<tr><td>${e(clientOf(d))}</td><th scope="row" class="mono">${e(d.source)}</th><td class="mono">${e(d.errorCode ?? '')}</td><td>${e(d.error ?? '')}</td></tr>`);
    out.push('</tbody></table></div>', '</section>');
  }
  if (report.skipped.length > 0) {
    out.push(
      '<section id="skipped" aria-labelledby="skipped-h">',
      `<h2 id="skipped-h">Skipped files (${report.skipped.length})</h2>`,
      `<details><summary>${plural(report.skipped.length, 'file')} found while walking directories were not read as SBOMs; each says why.</summary>`,
      list(report.skipped.map((s) => `<span class="mono">${e(s.source)}</span>: ${e(s.reason)}`)),
      '</details>',
      '</section>',
    );
  }
  return out.join('\n');
}

export const htmlReporter: Reporter = {
  name: 'html',
  description: 'a self-contained HTML portfolio report (by client: chart, filterable findings, remediation plans)',
  render(report: ScanReport): string {
    const groups = groupByClient(report);
    const rows: Row[] = [];
    groups.forEach((g, gi) => {
      for (const f of g.findings) rows.push({ finding: f, client: g.name, clientIndex: gi, index: rows.length });
    });
    const when = scanTime(report.scannedAt);
    const rulesOnly = rulesOnlyNote(report);
    const packs = report.rules.packs.map((p) => `${p.name} ${p.version}`).join(', ');
    const out = [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
      '<meta name="referrer" content="no-referrer">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="color-scheme" content="light dark">',
      `<meta name="generator" content="ictscan ${e(report.tool.version)}">`,
      `<title>ictscan portfolio report, ${e(when)}</title>`,
      `<style>${STYLE}</style>`,
      '</head>',
      '<body>',
      '<header class="top"><div>',
      '<h1>ictscan portfolio report</h1>',
      `<p class="meta">Kaspersky software in SBOMs (U.S. BIS ICTS Final Determination, 2024). ictscan ${e(report.tool.version)}, scanned <time datetime="${e(report.scannedAt)}">${e(when)}</time>; ${plural(report.rules.count, 'rule')} (${e(packs)}).</p>`,
    ];
    if (groups.length > 0) out.push(`<nav class="clients" aria-label="Clients">Clients: ${groups.map((g, i) => `<a href="#client-${i}">${e(g.name)}</a>`).join(' ')}</nav>`);
    out.push('</div></header>', '<main>');
    out.push(summarySection(report, groups));
    out.push(chartSection(report, groups));
    if (hasHosts(report)) out.push(hostsSection(report, groups));
    out.push(findingsSection(rows, groups));
    const problems = problemsSection(report);
    if (problems) out.push(problems);
    out.push('<h2 id="plans">Remediation plans by client</h2>');
    groups.forEach((g, gi) => out.push(clientSection(report, g, gi, rows.filter((r) => r.clientIndex === gi))));
    out.push(
      `<footer>Generated by ictscan ${e(report.tool.version)} (report schema ${e(report.schemaVersion)}); minimum confidence ${e(report.options.minConfidence)}${rulesOnly ? `; ${e(rulesOnly)}` : ''}. This page makes no network requests and works offline.</footer>`,
      '</main>',
      `<script>${SCRIPT}</script>`,
      '</body>',
      '</html>',
    );
    return `${out.join('\n')}\n`;
  },
};
