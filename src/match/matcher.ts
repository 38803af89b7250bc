// Testing one component against the compiled rules: index look-ups first, patterns last.
import type { Component, Party } from '../model/component.js';
import type { Evidence, Match } from '../model/finding.js';
import type { Confidence } from '../model/severity.js';
import { confidenceRank } from '../model/severity.js';
import { capConfidence, type CompiledRules, type Entry, type Group } from './compile.js';
import { cpeVersion } from './cpe-version.js';
import { identitySegments, purlIdentities, startsWithSegments } from './identifier.js';
import { purlQualifierUrls, visitIdentity, type IdentityVisitor } from './facets.js';
import { cpeVendorProduct, emailDomain, formsAgree, hostAndPath, hostOf, lookupHost, partyIdentity } from './normalize.js';
import { readPurl, type PurlReading } from './purl-read.js';
import { purlTypeOf } from './purl-screen.js';
import { isAscii, skeleton } from './skeleton.js';
import { satisfies } from './version.js';

type Hits = Map<Entry, Evidence[]>;

function hit(hits: Hits, e: Entry, field: string, value: string): void {
  const ev: Evidence = { field, value, condition: e.path, matched: e.matched, confidence: e.confidence };
  const list = hits.get(e);
  if (!list) hits.set(e, [ev]);
  else if (!list.some((x) => x.field === field && x.value === value)) list.push(ev);
}

function roleAllowed(e: Entry, role: string): boolean {
  return e.condition.kind !== 'party' || e.condition.roles === undefined || (e.condition.roles as readonly string[]).includes(role);
}

function ecosystemAllowed(e: Entry, type: string | undefined): boolean {
  return e.condition.kind !== 'name' || e.condition.ecosystems === undefined || (type !== undefined && e.condition.ecosystems.includes(type));
}

/** A purl's qualifiers, keys lower case, values decoded (undefined when it has none): what pkg:oci's repository_url needs. */
function purlQualifiers(purl: string): Record<string, string> | undefined {
  const q = purl.indexOf('?');
  if (q < 0) return undefined;
  const hash = purl.indexOf('#', q);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of purl.slice(q + 1, hash < 0 ? undefined : hash).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    let v = pair.slice(eq + 1);
    try {
      v = decodeURIComponent(v);
    } catch {
      // a bad escape is compared as written
    }
    out[pair.slice(0, eq).toLowerCase()] = v;
  }
  return out;
}

/** Whether an escaped purl may hold an identifier literal: its ASCII escapes decoded one by one (a bad escape elsewhere does not stop the rest), or an escape of a byte outside ASCII, which the full parse decides. */
function escapedCandidate(screen: RegExp, s: string): boolean {
  return /%[89a-f]/i.test(s) || screen.test(s.replace(/%([0-7][0-9a-f])/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
}

/** The version a purl carries (after its last `@`, before qualifiers), if any. */
function purlVersion(purl: string | undefined): string | undefined {
  if (purl === undefined) return undefined;
  const m = /@([^@/?#]+)(?:[?#]|$)/.exec(purl);
  if (m?.[1] === undefined) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

const MAX_TEXT = 10_000;
const NO_WARNINGS: readonly string[] = Object.freeze([]);

/**
 * One component through the indexes. It visits the component's identifiers without building lists of them,
 * and allocates evidence only on a hit: on a large SBOM almost every component matches nothing.
 */
class MatchRun implements IdentityVisitor {
  hits: Hits | undefined;
  /** What the component's report should say about identifiers that could not be read as written (a bad purl). */
  warnings: string[] | undefined;
  /** Whether the component offered anything beyond its names and description: a purl, CPE, party, URL or licence. */
  identified = false;
  /** The ecosystem (purl type) of the component, worked out only when a name rule with ecosystems asks. */
  private typeKnown = false;
  private typeValue: string | undefined;

  constructor(
    private readonly rules: CompiledRules,
    private readonly component: Component,
  ) {}

  private get type(): string | undefined {
    if (!this.typeKnown) {
      this.typeKnown = true;
      let purl = this.component.purl;
      if (!purl) for (const r of this.component.related) if (r.purl) { purl = r.purl; break; }
      this.typeValue = purl ? purlTypeOf(purl) : undefined;
    }
    return this.typeValue;
  }

  private hit(e: Entry, field: string, value: string): void {
    hit((this.hits ??= new Map()), e, field, value);
  }

  purl(field: string, value: string): void {
    const rules = this.rules;
    const screened = rules.purlScreen.candidate(value);
    const ownerScreened = rules.identifiers.length > 0 && (rules.identifierScreen === undefined || rules.identifierScreen.test(value) || (value.includes('%') && escapedCandidate(rules.identifierScreen, value)));
    if (!screened && !ownerScreened) this.identified = true;
    else {
      // A purl that cannot be read at all counts as no identifier, and says so.
      const read = readPurl(value);
      if (read.readings.length > 0) this.identified = true;
      if (read.warning !== undefined) (this.warnings ??= []).push(`${field}: ${read.warning}`);
      const qualifiers = read.readings.length > 0 ? purlQualifiers(value) : undefined;
      for (const r of read.readings) {
        // The purl under its canonical type, and a container image as the repository it names (pkg:oci's repository_url).
        const identities = purlIdentities(r.type, r.namespace, r.name, qualifiers);
        if (screened) for (const id of identities) this.purlReading(field, value, { ...r, type: id.type, namespace: id.namespace.toLowerCase(), name: id.name.toLowerCase() });
        if (ownerScreened) this.identifier(field, value, identities);
      }
    }
    if (value.includes('_url=')) for (const u of purlQualifierUrls(value)) this.url(`${field} qualifier`, u);
  }

  /** Identifier conditions: the purl's identifier begins with an owner's segments (com.kaspersky, Kaspersky., kaspersky/). */
  private identifier(field: string, value: string, identities: readonly { type: string; namespace: string; name: string }[]): void {
    for (const id of identities) {
      let segments: string[] | undefined;
      for (const { entry, leading } of this.rules.identifiers) {
        const paths = leading.get(id.type);
        if (paths === undefined) continue;
        segments ??= identitySegments(id);
        for (const l of paths) {
          if (startsWithSegments(segments, l)) {
            this.hit(entry, field, value);
            break;
          }
        }
      }
    }
  }

  private purlReading(field: string, value: string, r: PurlReading): void {
    const version = r.version ?? this.component.version;
    const { type, namespace: ns, name } = r;
    // Exact, namespace-wide, name in any namespace, and type-wide (a version range alone).
    for (const key of [`${type}|${ns}|${name}`, `${type}|${ns}|*`, `${type}|*|${name}`, `${type}|*|*`]) {
      for (const e of this.rules.purl.get(key) ?? []) {
        const c = e.condition;
        if (c.kind === 'purl' && c.versions !== undefined && (version === undefined || !satisfies(version, c.versions))) continue;
        this.hit(e, field, value);
      }
    }
  }

  cpe(field: string, value: string): void {
    this.identified = true;
    const vp = cpeVendorProduct(value);
    if (!vp) return;
    for (const key of [`${vp.vendor}|${vp.product}`, `${vp.vendor}|*`]) {
      for (const e of this.rules.cpe.get(key) ?? []) {
        const c = e.condition;
        if (c.kind === 'cpe' && c.versions !== undefined) {
          const version = cpeVersion(value) ?? this.component.version;
          if (version === undefined || !satisfies(version, c.versions)) continue;
        }
        this.hit(e, field, value);
      }
    }
  }

  party(field: string, p: Party): void {
    this.identified = true;
    const rules = this.rules;
    // The name as tools write it may carry an address and a URL ("Name <mail> (url)"): each is tested as such.
    const id = p.name ? partyIdentity(p.name, p.role === 'copyright') : undefined;
    if (id !== undefined && rules.party.size > 0) {
      for (const n of id.names) {
        for (const { entry, forms } of rules.party.get(n.base) ?? []) if (roleAllowed(entry, p.role) && formsAgree(forms, n)) this.hit(entry, field, p.name);
      }
    }
    if (p.email) this.email(field, p.role, p.email);
    if (p.url) this.url(`${field}.url`, p.url);
    if (id !== undefined) {
      for (const e of id.emails) this.email(field, p.role, e);
      for (const u of id.urls) this.url(`${field}.url`, u);
    }
  }

  private email(field: string, role: Party['role'], email: string): void {
    if (this.rules.emailDomain.size === 0) return;
    const domain = emailDomain(email);
    if (!domain) return;
    lookupHost(this.rules.emailDomain, domain, (entries) => {
      for (const e of entries) if (roleAllowed(e, role)) this.hit(e, `${field}.email`, email);
    });
  }

  /** Whether a name condition's ecosystem, component type and version range admit this component. */
  private nameAllowed(e: Entry): boolean {
    if (!ecosystemAllowed(e, this.type)) return false;
    const c = e.condition;
    if (c.kind !== 'name') return true;
    if (c.componentTypes !== undefined && (this.component.type === undefined || !c.componentTypes.includes(this.component.type))) return false;
    if (c.versions !== undefined) {
      const version = this.component.version ?? purlVersion(this.component.purl);
      if (version === undefined || !satisfies(version, c.versions)) return false;
    }
    return true;
  }

  name(field: string, value: string): void {
    const rules = this.rules;
    this.exactName(field, value, value.toLowerCase());
    // The literal screen passes every value outside ASCII: a value it rejects is plain ASCII and needs no skeleton.
    if (rules.nameScreen !== undefined && !rules.nameScreen.test(value)) return;
    this.namePatterns(field, value, value);
    if (isAscii(value)) return;
    // Outside ASCII a name is also tested as its skeleton: "kаspersky" with a Cyrillic а, a soft hyphen inside, small capitals.
    const folded = skeleton(value);
    this.exactName(field, value, folded);
    if (rules.nameScreen === undefined || rules.nameScreen.test(folded)) this.namePatterns(field, value, folded);
  }

  private exactName(field: string, value: string, key: string): void {
    const exact = this.rules.name.get(key);
    if (exact) for (const e of exact) if (this.nameAllowed(e)) this.hit(e, field, value);
  }

  /** The name patterns on a value the literal screen passed: the combined pre-filter, then each pattern. */
  private namePatterns(field: string, value: string, tested: string): void {
    const rules = this.rules;
    let screened = false;
    for (const re of rules.namePrefilter) if (re.test(tested)) { screened = true; break; }
    if (screened) {
      for (const p of rules.namePatterns) if (this.nameAllowed(p.entry) && p.regex.test(tested)) this.hit(p.entry, field, value);
    }
  }

  url(field: string, value: string, detail?: string): void {
    this.identified = true;
    const rules = this.rules;
    // The host alone first: almost no URL has a rule for its host, and the path is built only when one does.
    const host = hostOf(value);
    if (host === undefined) return;
    const index = rules.host;
    if (index.size > 0) {
      const direct = index.get(host);
      if (direct !== undefined) for (const e of direct) this.hit(e, urlField(field, detail), value);
      for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) {
        const entries = index.get(host.slice(i + 1));
        if (entries !== undefined) for (const e of entries) this.hit(e, urlField(field, detail), value);
      }
    }
    const prefixes = rules.urlPrefix.get(host);
    const hp = prefixes ? hostAndPath(value) : undefined;
    if (prefixes && hp) {
      const name = () => urlField(field, detail);
      const full = `${hp.host}/${hp.path.replace(/\.git$/, '').replace(/\/+$/, '')}/`;
      // Prefixes match whole path segments: github.com/kasperskylab/shim is not github.com/kasperskylab/shim-review.
      for (const { prefix, entry } of prefixes) if (full.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) this.hit(entry, name(), value);
    }
  }

  license(field: string, value: string): void {
    this.identified = true;
    const rules = this.rules;
    for (const e of rules.license.get(value.toLowerCase()) ?? []) this.hit(e, field, value);
    const text = value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
    for (const p of rules.licensePatterns) if (p.regex.test(text)) this.hit(p.entry, field, value);
    // A licence given as a URL, or a licence's URL: its host says whose licence it is.
    if (rules.licenseHost.size > 0 && /^[a-z][a-z0-9+.-]*:|^\/\//i.test(value.trim())) {
      const host = hostOf(value.trim());
      if (host !== undefined) lookupHost(rules.licenseHost, host, (entries) => {
        for (const e of entries) this.hit(e, field, value);
      });
    }
  }

  text(field: string, value: string): void {
    const rules = this.rules;
    const text = value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
    // As for names: a text the literal screen rejects is plain ASCII.
    if (rules.textScreen !== undefined && !rules.textScreen.test(text)) return;
    this.textPatterns(field, value, text);
    if (isAscii(text)) return;
    const folded = skeleton(text);
    if (rules.textScreen === undefined || rules.textScreen.test(folded)) this.textPatterns(field, value, folded);
  }

  /** The description patterns on a text the literal screen passed. */
  private textPatterns(field: string, value: string, text: string): void {
    const rules = this.rules;
    let screened = false;
    for (const re of rules.textPrefilter) if (re.test(text)) { screened = true; break; }
    if (!screened) return;
    const shown = value.length > 200 ? `${value.slice(0, 197)}...` : value;
    for (const p of rules.textPatterns) if (p.regex.test(text)) this.hit(p.entry, field, shown);
  }
}

function urlField(field: string, detail: string | undefined): string {
  return detail === undefined ? field : `${field}[${detail}]`;
}

function higher(a: Confidence, b: Confidence): Confidence {
  return confidenceRank(a) >= confidenceRank(b) ? a : b;
}

/**
 * Turn leaf hits into rule matches: a plain condition counts alone; an `all` group only when every part hit.
 * Groups with a `rule` part are decided last, once the matches they refer to are known (one level: a rule
 * they name has no `rule` part itself, which the loader checks).
 */
function resolve(hits: Hits, rules: CompiledRules): Match[] {
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
    if (groupsDone.has(g) || g.refersToRules) continue;
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
  if (rules.refGroups.length > 0 && byRule.size > 0) {
    const ruleHits: Hits = new Map();
    for (const [ruleId, v] of byRule) {
      for (const e of rules.ruleRefs.get(ruleId) ?? []) {
        const list = ruleHits.get(e) ?? [];
        for (const ev of v.evidence) list.push({ ...ev, condition: `${e.path} (${ruleId} ${ev.condition})`, matched: `${e.matched}: ${ev.matched}`, confidence: e.confidence });
        ruleHits.set(e, list);
      }
    }
    const has = (p: Entry): boolean => hits.has(p) || ruleHits.has(p);
    for (const g of rules.refGroups) {
      if (!g.parts.every(has)) continue;
      const partsConfidence = g.parts.reduce<Confidence>((c, p) => higher(c, p.confidence), 'low');
      const confidence = capConfidence(g.rule, g.confidence ?? partsConfidence);
      add(
        g.rule.id,
        confidence,
        g.parts.flatMap((p) => (hits.get(p) ?? ruleHits.get(p) ?? []).map((ev) => ({ ...ev, condition: `${g.path} (${ev.condition})`, confidence }))),
      );
    }
  }
  return [...byRule].map(([ruleId, v]) => ({ ruleId, confidence: v.confidence, evidence: v.evidence }));
}

/** Every rule that matches a component, with evidence. */
export function matchComponent(rules: CompiledRules, component: Component): Match[] {
  return matchAndClassify(rules, component).matches;
}

/**
 * The matches of a component, and whether it is unidentified (nothing a rule can test beyond its names: no purl,
 * CPE, party, URL, endpoint or licence, its own or a related identity's), worked out in the same walk:
 * a component offers something beyond its name exactly when the walk hands the matcher anything but a name or text
 * (a purl that cannot be read at all offers nothing). Warnings say which identifiers were read other than as written.
 */
export function matchAndClassify(rules: CompiledRules, component: Component): { matches: Match[]; unidentified: boolean; warnings: readonly string[] } {
  const run = new MatchRun(rules, component);
  visitIdentity(component, run);
  return { matches: run.hits === undefined ? [] : resolve(run.hits, rules), unidentified: !run.identified, warnings: run.warnings ?? NO_WARNINGS };
}
