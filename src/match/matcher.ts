// Testing one component against the compiled rules: index look-ups first, patterns last.
import { PackageURL } from 'packageurl-js';
import type { Component } from '../model/component.js';
import type { Evidence, Match } from '../model/finding.js';
import type { Confidence } from '../model/severity.js';
import { confidenceRank } from '../model/severity.js';
import { capConfidence, foldPurlPart, type CompiledRules, type Entry, type Group } from './compile.js';
import { facetsOf, type Facets } from './facets.js';
import { cpeVendorProduct, lookupHost } from './normalize.js';
import { satisfies } from './version.js';

type Hits = Map<Entry, Evidence[]>;

function hit(hits: Hits, e: Entry, field: string, value: string): void {
  const ev: Evidence = { field, value, condition: e.path, matched: e.matched, confidence: e.confidence };
  const list = hits.get(e);
  if (!list) hits.set(e, [ev]);
  else if (!list.some((x) => x.field === field && x.value === value)) list.push(ev);
}

/** Cheap split of a purl into folded type, namespace and name, for the pre-filter only. */
function purlKeys(purl: string): { type: string; ns: string; name: string } | undefined {
  if (!purl.startsWith('pkg:')) return undefined;
  let start = 4;
  while (purl.charCodeAt(start) === 47 /* '/' */) start++;
  let end = purl.length;
  const q = purl.indexOf('?', start);
  if (q >= 0) end = q;
  const h = purl.indexOf('#', start);
  if (h >= 0 && h < end) end = h;
  const slash = purl.indexOf('/', start);
  if (slash < 0 || slash >= end) return undefined;
  const lastSlash = purl.lastIndexOf('/', end - 1);
  // The version follows the last '@' of the last segment; an '@' at a segment start is an npm scope.
  const at = purl.lastIndexOf('@', end - 1);
  if (at > lastSlash + 1) end = at;
  let ns = lastSlash > slash ? purl.slice(slash + 1, lastSlash) : '';
  let name = purl.slice(lastSlash + 1, end);
  if (ns.includes('%') || name.includes('%')) {
    try {
      ns = decodeURIComponent(ns);
      name = decodeURIComponent(name);
    } catch {
      // leave encoded
    }
  }
  return { type: purl.slice(start, slash).toLowerCase(), ns: foldPurlPart(ns), name: foldPurlPart(name) };
}

function purlType(f: Facets): string | undefined {
  const first = f.purls[0];
  return first ? purlKeys(first.value)?.type : undefined;
}

function matchPurls(rules: CompiledRules, f: Facets, hits: Hits): void {
  for (const p of f.purls) {
    const k = purlKeys(p.value);
    if (!k || !rules.purlTypes.has(k.type)) continue;
    if (!rules.purlPrefilter.has(`${k.type}|${k.ns}`) && !rules.purlPrefilter.has(`${k.type}||${k.name}`)) continue;
    let parsed: PackageURL;
    try {
      parsed = PackageURL.fromString(p.value);
    } catch {
      continue;
    }
    const type = parsed.type.toLowerCase();
    const ns = (parsed.namespace ?? '').toLowerCase();
    const name = parsed.name.toLowerCase();
    const version = parsed.version ?? f.version;
    for (const key of [`${type}|${ns}|${name}`, `${type}|${ns}|*`, `${type}|*|${name}`]) {
      for (const e of rules.purl.get(key) ?? []) {
        const c = e.condition;
        if (c.kind === 'purl' && c.versions !== undefined && (version === undefined || !satisfies(version, c.versions))) continue;
        hit(hits, e, p.field, p.value);
      }
    }
  }
}

function matchCpes(rules: CompiledRules, f: Facets, hits: Hits): void {
  for (const c of f.cpes) {
    const vp = cpeVendorProduct(c.value);
    if (!vp) continue;
    for (const key of [`${vp.vendor}|${vp.product}`, `${vp.vendor}|*`]) for (const e of rules.cpe.get(key) ?? []) hit(hits, e, c.field, c.value);
  }
}

function roleAllowed(e: Entry, role: string): boolean {
  return e.condition.kind !== 'party' || e.condition.roles === undefined || (e.condition.roles as readonly string[]).includes(role);
}

function matchParties(rules: CompiledRules, f: Facets, hits: Hits): void {
  for (const p of f.parties) for (const e of rules.party.get(p.normalized) ?? []) if (roleAllowed(e, p.role)) hit(hits, e, p.field, p.value);
  if (rules.emailDomain.size === 0) return;
  for (const m of f.emails) lookupHost(rules.emailDomain, m.domain, (entries) => {
    for (const e of entries) if (roleAllowed(e, m.role)) hit(hits, e, m.field, m.value);
  });
}

function ecosystemAllowed(e: Entry, type: string | undefined): boolean {
  return e.condition.kind !== 'name' || e.condition.ecosystems === undefined || (type !== undefined && e.condition.ecosystems.includes(type));
}

function matchNames(rules: CompiledRules, f: Facets, hits: Hits): void {
  const type = purlType(f);
  for (const n of f.names) {
    for (const e of rules.name.get(n.value.toLowerCase()) ?? []) if (ecosystemAllowed(e, type)) hit(hits, e, n.field, n.value);
    if (rules.namePrefilter.some((re) => re.test(n.value))) {
      for (const p of rules.namePatterns) if (ecosystemAllowed(p.entry, type) && p.regex.test(n.value)) hit(hits, p.entry, n.field, n.value);
    }
  }
}

function matchUrls(rules: CompiledRules, f: Facets, hits: Hits): void {
  for (const u of f.urls) {
    lookupHost(rules.host, u.host, (entries) => {
      for (const e of entries) hit(hits, e, u.field, u.value);
    });
    const prefixes = rules.urlPrefix.get(u.host);
    if (prefixes) {
      const hp = `${u.host}/${u.path.replace(/\.git$/, '').replace(/\/+$/, '')}/`;
      // Prefixes match whole path segments: github.com/kasperskylab/shim is not github.com/kasperskylab/shim-review.
      for (const { prefix, entry } of prefixes) if (hp.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) hit(hits, entry, u.field, u.value);
    }
  }
}

function matchLicenses(rules: CompiledRules, f: Facets, hits: Hits): void {
  for (const l of f.licenses) for (const e of rules.license.get(l.value.toLowerCase()) ?? []) hit(hits, e, l.field, l.value);
}

function matchTexts(rules: CompiledRules, f: Facets, hits: Hits): void {
  for (const t of f.texts) {
    const text = t.value.length > 10_000 ? t.value.slice(0, 10_000) : t.value;
    if (!rules.textPrefilter.some((re) => re.test(text))) continue;
    for (const p of rules.textPatterns) if (p.regex.test(text)) hit(hits, p.entry, t.field, t.value.length > 200 ? `${t.value.slice(0, 197)}...` : t.value);
  }
}

function higher(a: Confidence, b: Confidence): Confidence {
  return confidenceRank(a) >= confidenceRank(b) ? a : b;
}

/** Turn leaf hits into rule matches: a plain condition counts alone; an `all` group only when every part hit. */
function resolve(hits: Hits): Match[] {
  const byRule = new Map<string, { confidence: Confidence; evidence: Evidence[] }>();
  const add = (ruleId: string, confidence: Confidence, evidence: readonly Evidence[]): void => {
    const cur = byRule.get(ruleId);
    if (cur) {
      cur.confidence = higher(cur.confidence, confidence);
      cur.evidence.push(...evidence);
    } else byRule.set(ruleId, { confidence, evidence: [...evidence] });
  };
  const groupsDone = new Set<Group>();
  for (const [entry, evidence] of hits) {
    const g = entry.group;
    if (!g) {
      add(entry.rule.id, entry.confidence, evidence);
      continue;
    }
    if (groupsDone.has(g)) continue;
    groupsDone.add(g);
    if (!g.parts.every((p) => hits.has(p))) continue;
    const partsConfidence = g.parts.reduce<Confidence>((c, p) => higher(c, p.confidence), 'low');
    const confidence = capConfidence(g.rule, g.confidence ?? partsConfidence);
    add(
      g.rule.id,
      confidence,
      g.parts.flatMap((p) => (hits.get(p) ?? []).map((ev) => ({ ...ev, condition: `${g.path} (${ev.condition})`, confidence }))),
    );
  }
  return [...byRule].map(([ruleId, v]) => ({ ruleId, confidence: v.confidence, evidence: v.evidence }));
}

/** Every rule that matches a component, with evidence. */
export function matchComponent(rules: CompiledRules, component: Component, facets: Facets = facetsOf(component)): Match[] {
  const hits: Hits = new Map();
  matchPurls(rules, facets, hits);
  matchCpes(rules, facets, hits);
  matchParties(rules, facets, hits);
  matchNames(rules, facets, hits);
  matchUrls(rules, facets, hits);
  matchLicenses(rules, facets, hits);
  matchTexts(rules, facets, hits);
  return hits.size === 0 ? [] : resolve(hits);
}
