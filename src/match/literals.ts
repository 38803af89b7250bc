// The literal text a rule pattern cannot match without: a screen far cheaper than running the pattern.

/** What a pattern's parse yields: the literals of which every match contains one, or null when nothing is certain. */
type Required = readonly string[] | null;

/** Escapes that stand for one class of characters: not literal, but one character wide. */
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
/** Escapes of a single ASCII punctuation character, which stand for that character. */
const PUNCTUATION = /^[\^$\\.*+?()[\]{}|/-]$/;

class Bail extends Error {}

/**
 * A recursive-descent reading of the JavaScript pattern syntax rules use (checked at load with the `u` flag),
 * knowing only what it must: literal characters, groups, alternation and quantifiers. Anything it does not know
 * ends the reading with "nothing certain", never with a wrong answer.
 */
class Reader {
  private i = 0;

  constructor(private readonly src: string) {}

  /** Alternatives up to `)` or the end: every one must name literals, and a match contains one of them. */
  alternation(): Required {
    const out: string[] = [];
    let certain = true;
    for (;;) {
      const seq = this.sequence();
      if (seq === null) certain = false;
      else out.push(...seq);
      if (this.src[this.i] !== '|') break;
      this.i++;
    }
    return certain && out.length > 0 ? out : null;
  }

  /** One alternative: its longest run of literal characters, or else the literals of a group it requires. */
  private sequence(): Required {
    let run = '';
    let best = '';
    let group: Required = null;
    const endRun = () => {
      if (run.length > best.length) best = run;
      run = '';
    };
    while (this.i < this.src.length) {
      const ch = this.src[this.i] as string;
      if (ch === '|' || ch === ')') break;
      if (ch === '(') {
        endRun();
        const inner = this.group();
        if (!this.quantified() && inner !== null && group === null) group = inner;
        continue;
      }
      if (ch === '[') {
        endRun();
        this.skipClass();
        this.quantified();
        continue;
      }
      if (ch === '^' || ch === '$' || ch === '.') {
        this.i++;
        endRun();
        this.quantified();
        continue;
      }
      if (ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new Bail();
      let literal: string | undefined;
      if (ch === '\\') {
        const next = this.src[this.i + 1] ?? '';
        this.i += 2;
        if (PUNCTUATION.test(next)) literal = next;
        else if (next === 'b' || next === 'B' || CLASS_ESCAPES.has(next)) literal = undefined;
        else throw new Bail();
      } else {
        this.i++;
        // Non-ASCII letters fold to characters a lower-case ASCII comparison would not see.
        literal = ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : undefined;
      }
      if (this.quantified() || literal === undefined) {
        endRun();
        continue;
      }
      run += literal;
    }
    endRun();
    if (best.length > 0) return [best];
    return group;
  }

  /** A group, from `(` past its `)`: the literals it requires, if certain. */
  private group(): Required {
    this.i++;
    if (this.src[this.i] === '?') {
      // (?:...) and (?<name>...) group; lookaround and flags change what the inside means here.
      if (this.src[this.i + 1] === ':') this.i += 2;
      else if (this.src[this.i + 1] === '<' && /[A-Za-z_$]/.test(this.src[this.i + 2] ?? '')) this.i = this.src.indexOf('>', this.i) + 1;
      else throw new Bail();
      if (this.i === 0) throw new Bail();
    }
    const inner = this.alternation();
    if (this.src[this.i] !== ')') throw new Bail();
    this.i++;
    return inner;
  }

  /** Skips a class: in `u` mode it ends at the first `]` not escaped. */
  private skipClass(): void {
    for (this.i++; this.i < this.src.length; this.i++) {
      const ch = this.src[this.i];
      if (ch === '\\') this.i++;
      else if (ch === ']') {
        this.i++;
        return;
      }
    }
    throw new Bail();
  }

  /** Consumes a quantifier after an element; true when there was one (the element may then be absent or repeated). */
  private quantified(): boolean {
    const ch = this.src[this.i];
    if (ch === '*' || ch === '+' || ch === '?') this.i++;
    else if (ch === '{') {
      const close = this.src.indexOf('}', this.i);
      if (close === -1 || !/^\{\d+(,\d*)?\}$/.test(this.src.slice(this.i, close + 1))) throw new Bail();
      this.i = close + 1;
    } else return false;
    if (this.src[this.i] === '?') this.i++;
    return true;
  }

  get done(): boolean {
    return this.i === this.src.length;
  }
}

/**
 * Lower-case ASCII literals of which every match of the pattern contains one (compared without case),
 * or null when the pattern does not say for certain.
 */
export function requiredLiterals(pattern: string): readonly string[] | null {
  try {
    const reader = new Reader(pattern);
    const found = reader.alternation();
    return reader.done ? found : null;
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * One screen for a list of patterns: a value it rejects matches none of them. It passes any value with a
 * character outside ASCII (case folding there is RE2's, not ours) and any value holding a required literal.
 * Undefined when some pattern has no certain literal: then nothing can be screened out this way.
 * The screen is a backtracking-free alternation of plain literals, so JavaScript's engine is safe here.
 */
export function literalScreen(patterns: readonly string[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  const literals = new Set<string>();
  for (const p of patterns) {
    const found = requiredLiterals(p);
    if (found === null) return undefined;
    for (const l of found) literals.add(l);
  }
  const sorted = [...literals].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(`[^\\x00-\\x7f]|${sorted.map(escapeRegExp).join('|')}`, 'i');
}
