// Rules compiled once into lookup indexes, so exact-key conditions cost the same however many rules there are.
import { RE2JS } from 're2js';
import type { Confidence } from '../model/severity.js';
import { confidenceRank } from '../model/severity.js';
import type { Condition, ConditionKind, LoadedRule } from '../ruleset/types.js';
import { aliasesOf, segmentsOf } from './identifier.js';
import { literalScreen } from './literals.js';
import { normalizeHost, orgName } from './normalize.js';
import { PurlScreen } from './purl-screen.js';
import { skeleton } from './skeleton.js';

/** A leaf condition of a rule, placed in an index. */
export interface Entry {
  readonly rule: LoadedRule;
  /** Path of the condition in the rule: `conditions[1]` or `conditions[2].of[0]`. */
  readonly path: string;
  readonly condition: Exclude<Condition, { kind: 'all' }>;
  readonly confidence: Confidence;
  readonly matched: string;
  /** Set when the leaf is one part of an `all` condition. */
  readonly group?: Group;
}

export interface Group {
  readonly rule: LoadedRule;
  readonly path: string;
  readonly parts: readonly Entry[];
  readonly confidence: Confidence | undefined;
  /** Whether a part refers to another rule's match: the group is then decided after every other rule. */
  readonly refersToRules: boolean;
}

/** An identifier condition with its leading paths cut into segments in the types' syntax. */
export interface IdentifierEntry {
  readonly entry: Entry;
  /** canonical purl type -> the leading segment lists of the condition. */
  readonly leading: ReadonlyMap<string, readonly (readonly string[])[]>;
}

export const DEFAULT_CONFIDENCE: Readonly<Record<ConditionKind, Confidence>> = {
  purl: 'high',
  cpe: 'high',
  party: 'high',
  host: 'high',
  url: 'high',
  license: 'high',
  name: 'medium',
  text: 'low',
  identifier: 'high',
  rule: 'medium',
  all: 'high',
};

/** A compiled rule pattern: all the matcher needs of it. */
export interface LinearRegex {
  test(input: string): boolean;
}

/** A party condition under one normalized name, with the legal forms its spellings of that name allow (null: any). */
export interface PartyEntry {
  readonly entry: Entry;
  readonly forms: ReadonlySet<string> | null;
}

export interface PatternEntry {
  readonly entry: Entry;
  readonly regex: LinearRegex;
}

export interface CompiledRules {
  readonly rules: readonly LoadedRule[];
  /** `type|namespace|name`, `type|namespace|*`, `type|*|name` (lower case). */
  readonly purl: Map<string, Entry[]>;
  /** Screens out the purls no purl rule can match, before any is parsed. */
  readonly purlScreen: PurlScreen;
  /** `vendor|product`, `vendor|*`. */
  readonly cpe: Map<string, Entry[]>;
  readonly party: Map<string, PartyEntry[]>;
  readonly emailDomain: Map<string, Entry[]>;
  readonly name: Map<string, Entry[]>;
  readonly namePatterns: readonly PatternEntry[];
  /** Passes every name some name pattern may match, by the literals they require (undefined: it cannot say). Cheaper than the pre-filter. */
  readonly nameScreen: RegExp | undefined;
  /** Any of these matching means some name pattern may match. */
  readonly namePrefilter: readonly LinearRegex[];
  readonly host: Map<string, Entry[]>;
  /** host -> entries with their `host/path` prefix. */
  readonly urlPrefix: Map<string, { prefix: string; entry: Entry }[]>;
  readonly license: Map<string, Entry[]>;
  readonly licensePatterns: readonly PatternEntry[];
  /** Licence URL host -> entries (a licence given as a URL, or a licence's URL). */
  readonly licenseHost: Map<string, Entry[]>;
  readonly identifiers: readonly IdentifierEntry[];
  /** Passes every purl an identifier condition may match (its literals, an escape, a character outside ASCII). */
  readonly identifierScreen: RegExp | undefined;
  /** Referenced rule id -> the `rule` parts that wait for it. */
  readonly ruleRefs: Map<string, Entry[]>;
  /** The groups with a `rule` part, decided once every other match is known. */
  readonly refGroups: readonly Group[];
  readonly textPatterns: readonly PatternEntry[];
  readonly textScreen: RegExp | undefined;
  readonly textPrefilter: readonly LinearRegex[];
}

/**
 * JavaScript's `\s` (WhiteSpace and LineTerminator) and `.` (anything but a line terminator), which RE2
 * would read as ASCII whitespace and as anything but `\n`.
 */
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

/**
 * A rule pattern (JavaScript syntax, checked at load to compile with the `u` flag) rewritten for RE2 with the
 * same meaning: re2js translates JavaScript escapes; `\s`, `\S`, `.` and `[` inside a class keep their
 * JavaScript meaning; `\p{Script=X}` becomes RE2's `\p{X}`. One linear pass over the pattern.
 */
export function re2Source(pattern: string): string {
  const t = RE2JS.translateRegExp(pattern).replace(/\\([pP])\{(?:Script|sc|General_Category|gc)=/g, '\\$1{');
  let out = '';
  let inClass = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] ?? '';
    if (ch === '\\' && i + 1 < t.length) {
      const next = t[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      // Inside a class RE2 has no way to say "not JavaScript whitespace": its ASCII \S stays (a superset).
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += ch + next;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      // A `[` inside a class is a literal in JavaScript; RE2 would read `[:alpha:]` as a POSIX class.
      out += ch === '[' ? '\\[' : ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // translateRegExp has already rewritten `[]` and `[^]`; a class never starts with `]` after that.
      if (t[i + 1] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    out += ch === '.' ? JS_DOT : ch;
  }
  return out;
}

const compiledPatterns = new Map<string, RE2JS>();
/** The cache serves rule sets loaded again in one process; a process that loads ever new patterns starts it over. */
const MAX_CACHED_PATTERNS = 10_000;

/**
 * Rule patterns are case-insensitive and run on RE2 (re2js), whose matching time is linear in the input
 * whatever the pattern: a custom rule pack cannot make a scan backtrack. Throws RE2's syntax error for
 * what RE2 cannot run (backreferences, lookaround, repeat counts over 1000); the loader reports it.
 */
export function patternRegex(pattern: string): RE2JS {
  let re = compiledPatterns.get(pattern);
  if (!re) {
    re = RE2JS.compile(re2Source(pattern), RE2JS.CASE_INSENSITIVE);
    if (compiledPatterns.size >= MAX_CACHED_PATTERNS) compiledPatterns.clear();
    compiledPatterns.set(pattern, re);
  }
  return re;
}

/**
 * A rule pattern compiled on its first test. The combined pre-filter screens almost every value first, so most
 * patterns never run in a scan; a pool worker, which compiles its rules cold, starts sooner without them.
 */
export class LazyPattern implements LinearRegex {
  private compiled: RE2JS | undefined;

  constructor(readonly pattern: string) {}

  /** The RE2 program, compiled now if it was not yet. */
  get engine(): RE2JS {
    this.compiled ??= patternRegex(this.pattern);
    return this.compiled;
  }

  test(input: string): boolean {
    return this.engine.test(input);
  }
}

function patternOf(e: Entry): string {
  const c = e.condition;
  return (c.kind === 'name' || c.kind === 'text' || c.kind === 'license') && c.pattern !== undefined ? c.pattern : '';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function describeCondition(c: Exclude<Condition, { kind: 'all' }>): string {
  switch (c.kind) {
    case 'purl':
      return `purl ${c.type}${c.namespace ? ` namespace ${c.namespace}` : ''}${c.names ? ` name ${c.names.join('|')}` : ''}${c.versions ? ` versions ${c.versions}` : ''}`;
    case 'cpe':
      return `CPE vendor ${c.vendors.join('|')}${c.products ? ` product ${c.products.join('|')}` : ''}${c.versions ? ` versions ${c.versions}` : ''}`;
    case 'party':
      return `${c.roles ? c.roles.join('/') : 'supplier/manufacturer/publisher/author/originator'} ${[...(c.names ?? []), ...(c.emailDomains ?? []).map((d) => `@${d}`)].slice(0, 4).join(' | ')}${(c.names?.length ?? 0) + (c.emailDomains?.length ?? 0) > 4 ? ' | …' : ''}`;
    case 'name':
      return `name ${c.names ? c.names.join('|') : `/${c.pattern ?? ''}/`}${c.ecosystems ? ` in ${c.ecosystems.join('|')}` : ''}${c.componentTypes ? ` of type ${c.componentTypes.join('|')}` : ''}${c.versions ? ` versions ${c.versions}` : ''}`;
    case 'host':
      return `host ${c.hosts.slice(0, 4).join('|')}${c.hosts.length > 4 ? '|…' : ''} (or a subdomain)`;
    case 'url':
      return `URL under ${c.prefixes.slice(0, 3).join('|')}${c.prefixes.length > 3 ? '|…' : ''}`;
    case 'license':
      return `licence ${[...(c.ids ?? []), ...(c.pattern !== undefined ? [`/${c.pattern}/`] : []), ...(c.hosts ?? []).map((h) => `URL on ${h}`)].join('|')}`;
    case 'identifier':
      return `identifier ${c.types.join('|')} under ${c.leading.join('|')}`;
    case 'rule':
      return `also matched by ${c.ids.slice(0, 4).join('|')}${c.ids.length > 4 ? '|…' : ''}`;
    case 'text':
      return `description /${c.pattern}/`;
    default: {
      const never: never = c;
      return never;
    }
  }
}

function cap(rule: LoadedRule, c: Confidence): Confidence {
  if (rule.maxConfidence && confidenceRank(c) > confidenceRank(rule.maxConfidence)) return rule.maxConfidence;
  return c;
}

/** Flatten a condition tree into leaf entries (nested `all` conditions join their parent's group). */
function leaves(rule: LoadedRule, c: Condition, path: string, out: { path: string; condition: Exclude<Condition, { kind: 'all' }> }[]): void {
  if (c.kind === 'all') c.of.forEach((p, i) => leaves(rule, p, `${path}.of[${i}]`, out));
  else out.push({ path, condition: c });
}

/** A rule's host or e-mail domain, normalized as the SBOM's hosts are (the same function). */
function hostKey(host: string): string {
  return normalizeHost(host) ?? host.toLowerCase();
}

export function compileRules(rules: readonly LoadedRule[]): CompiledRules {
  const compiled = {
    rules,
    purl: new Map<string, Entry[]>(),
    purlScreen: new PurlScreen(),
    cpe: new Map<string, Entry[]>(),
    party: new Map<string, PartyEntry[]>(),
    emailDomain: new Map<string, Entry[]>(),
    name: new Map<string, Entry[]>(),
    namePatterns: [] as PatternEntry[],
    host: new Map<string, Entry[]>(),
    urlPrefix: new Map<string, { prefix: string; entry: Entry }[]>(),
    license: new Map<string, Entry[]>(),
    licensePatterns: [] as PatternEntry[],
    licenseHost: new Map<string, Entry[]>(),
    identifiers: [] as IdentifierEntry[],
    ruleRefs: new Map<string, Entry[]>(),
    refGroups: [] as Group[],
    textPatterns: [] as PatternEntry[],
  };
  const identifierLiterals = new Set<string>();

  const place = (e: Entry): void => {
    const c = e.condition;
    switch (c.kind) {
      case 'purl': {
        const type = c.type.toLowerCase();
        const ns = c.namespace !== undefined ? skeleton(c.namespace) : '*';
        compiled.purlScreen.add(type, c.namespace, c.names);
        // An alias (an oci purl names its repository in a qualifier) is parsed and read as its canonical type.
        for (const alias of aliasesOf(type)) if (alias !== type) compiled.purlScreen.add(alias, undefined, undefined);
        if (c.names) for (const n of c.names) push(compiled.purl, `${type}|${ns}|${skeleton(n)}`, e);
        else push(compiled.purl, `${type}|${ns}|*`, e);
        break;
      }
      case 'cpe':
        for (const v of c.vendors) {
          if (c.products) for (const p of c.products) push(compiled.cpe, `${v.toLowerCase()}|${p.toLowerCase()}`, e);
          else push(compiled.cpe, `${v.toLowerCase()}|*`, e);
        }
        break;
      case 'party': {
        // One index entry per normalized name; a spelling without a legal form lets every form through.
        const byBase = new Map<string, Set<string> | null>();
        for (const n of c.names ?? []) {
          const name = orgName(n);
          if (!name.base) continue;
          const known = byBase.get(name.base);
          if (name.forms.length === 0 || known === null) byBase.set(name.base, null);
          else byBase.set(name.base, new Set([...(known ?? []), ...name.forms]));
        }
        for (const [base, forms] of byBase) push(compiled.party, base, { entry: e, forms });
        for (const d of c.emailDomains ?? []) push(compiled.emailDomain, hostKey(d), e);
        break;
      }
      case 'name':
        for (const n of c.names ?? []) push(compiled.name, skeleton(n), e);
        if (c.pattern) compiled.namePatterns.push({ entry: e, regex: new LazyPattern(c.pattern) });
        break;
      case 'host':
        for (const h of c.hosts) push(compiled.host, hostKey(h.replace(/^\*\./, '')), e);
        break;
      case 'url':
        for (const p of c.prefixes) {
          const written = p.toLowerCase().replace(/^[a-z+]+:\/\//, '');
          const cut = written.indexOf('/');
          const host = hostKey(cut < 0 ? written : written.slice(0, cut));
          push(compiled.urlPrefix, host, { prefix: cut < 0 ? host : host + written.slice(cut), entry: e });
        }
        break;
      case 'license':
        for (const id of c.ids ?? []) push(compiled.license, id.toLowerCase(), e);
        if (c.pattern !== undefined) compiled.licensePatterns.push({ entry: e, regex: new LazyPattern(c.pattern) });
        for (const h of c.hosts ?? []) push(compiled.licenseHost, h.toLowerCase().replace(/^\*\./, ''), e);
        break;
      case 'identifier': {
        const leading = new Map<string, string[][]>();
        for (const t of c.types) {
          const segs = c.leading.map((l) => segmentsOf(t, l)).filter((l) => l.length > 0);
          for (const alias of aliasesOf(t)) leading.set(alias, [...(leading.get(alias) ?? []), ...segs]);
          // Every segment must be present, so the longest one of each path screens best.
          for (const l of segs) identifierLiterals.add(l.reduce((x, y) => (y.length > x.length ? y : x), ''));
        }
        compiled.identifiers.push({ entry: e, leading });
        break;
      }
      case 'rule':
        for (const id of c.ids) push(compiled.ruleRefs, id, e);
        break;
      case 'text':
        compiled.textPatterns.push({ entry: e, regex: new LazyPattern(c.pattern) });
        break;
      default: {
        const never: never = c;
        throw new Error(`unknown condition ${JSON.stringify(never)}`);
      }
    }
  };

  for (const rule of rules) {
    rule.conditions.forEach((cond, i) => {
      const path = `conditions[${i}]`;
      if (cond.kind === 'all') {
        const found: { path: string; condition: Exclude<Condition, { kind: 'all' }> }[] = [];
        leaves(rule, cond, path, found);
        const parts: Entry[] = [];
        const group: Group = { rule, path, parts, confidence: cond.confidence, refersToRules: found.some((l) => l.condition.kind === 'rule') };
        if (group.refersToRules) compiled.refGroups.push(group);
        for (const l of found) {
          const e: Entry = { rule, path: l.path, condition: l.condition, confidence: l.condition.confidence ?? DEFAULT_CONFIDENCE[l.condition.kind], matched: describeCondition(l.condition), group };
          parts.push(e);
          place(e);
        }
      } else {
        place({ rule, path, condition: cond, confidence: cap(rule, cond.confidence ?? DEFAULT_CONFIDENCE[cond.kind]), matched: describeCondition(cond) });
      }
    });
  }

  // One alternation screens out almost every name and description in a single linear pass.
  const combine = (list: readonly PatternEntry[]): LinearRegex[] =>
    list.length === 0 ? [] : [RE2JS.compile([...new Set(list.map((p) => re2Source(patternOf(p.entry))))].map((src) => `(?:${src})`).join('|'), RE2JS.CASE_INSENSITIVE)];
  const screen = (list: readonly PatternEntry[]): RegExp | undefined => literalScreen(list.map((p) => patternOf(p.entry)));
  // Identifier segments are matched whole, so a purl that holds none of them (in any case) is no candidate;
  // a character outside ASCII leaves it to the full parse (the matcher tests an escaped purl decoded).
  const escape = (x: string): string => x.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  const identifierScreen = identifierLiterals.size === 0 ? undefined : new RegExp(`[\\u0080-\\uffff]|${[...identifierLiterals].sort().map(escape).join('|')}`, 'i');
  return {
    ...compiled,
    identifierScreen,
    nameScreen: screen(compiled.namePatterns),
    namePrefilter: combine(compiled.namePatterns),
    textScreen: screen(compiled.textPatterns),
    textPrefilter: combine(compiled.textPatterns),
  };
}

export { cap as capConfidence };
